import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "orders_items" ADD COLUMN "variant_id" varchar;
  ALTER TABLE "orders" ADD COLUMN "idempotency_key" varchar;
  ALTER TABLE "orders" ADD COLUMN "request_hash" varchar;
  CREATE UNIQUE INDEX "orders_idempotency_key_idx" ON "orders" USING btree ("idempotency_key");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "orders_idempotency_key_idx";
  ALTER TABLE "orders_items" DROP COLUMN "variant_id";
  ALTER TABLE "orders" DROP COLUMN "idempotency_key";
  ALTER TABLE "orders" DROP COLUMN "request_hash";`)
}
