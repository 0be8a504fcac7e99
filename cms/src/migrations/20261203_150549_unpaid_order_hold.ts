import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_orders_status_history_reason" AS ENUM('expired-unpaid');
  ALTER TABLE "orders_status_history" ADD COLUMN "reason" "enum_orders_status_history_reason";
  ALTER TABLE "orders" ADD COLUMN "payment_due_at" timestamp(3) with time zone;
  CREATE INDEX "status_payment_dueAt_idx" ON "orders" USING btree ("status","payment_due_at");`)
  // Orders already pending when this runs get the default hold (3 days) from now, not from when they
  // were placed: none expires the moment the new version starts, and none holds its stock forever.
  await db.execute(sql`UPDATE "orders" SET "payment_due_at" = now() + interval '3 days' WHERE "status" = 'pending' AND "payment_due_at" IS NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "status_payment_dueAt_idx";
  ALTER TABLE "orders_status_history" DROP COLUMN "reason";
  ALTER TABLE "orders" DROP COLUMN "payment_due_at";
  DROP TYPE "public"."enum_orders_status_history_reason";`)
}
