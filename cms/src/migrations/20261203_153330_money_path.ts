import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_orders_payment_status" ADD VALUE 'charging' BEFORE 'pending';
  ALTER TABLE "orders" ADD COLUMN "needs_attention" boolean DEFAULT false;
  ALTER TABLE "orders" ADD COLUMN "attention_note" varchar;
  CREATE INDEX "orders_needs_attention_idx" ON "orders" USING btree ("needs_attention");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "orders" ALTER COLUMN "payment_status" SET DATA TYPE text;
  ALTER TABLE "orders" ALTER COLUMN "payment_status" SET DEFAULT 'pending'::text;
  DROP TYPE "public"."enum_orders_payment_status";
  CREATE TYPE "public"."enum_orders_payment_status" AS ENUM('pending', 'authorized', 'paid', 'failed', 'refunded');
  ALTER TABLE "orders" ALTER COLUMN "payment_status" SET DEFAULT 'pending'::"public"."enum_orders_payment_status";
  ALTER TABLE "orders" ALTER COLUMN "payment_status" SET DATA TYPE "public"."enum_orders_payment_status" USING "payment_status"::"public"."enum_orders_payment_status";
  DROP INDEX "orders_needs_attention_idx";
  ALTER TABLE "orders" DROP COLUMN "needs_attention";
  ALTER TABLE "orders" DROP COLUMN "attention_note";`)
}
