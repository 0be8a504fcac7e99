import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "orders" ADD COLUMN "shipment_tracking_number" varchar;
  ALTER TABLE "orders" ADD COLUMN "shipment_tracking_url" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "orders" DROP COLUMN "shipment_tracking_number";
  ALTER TABLE "orders" DROP COLUMN "shipment_tracking_url";`)
}
