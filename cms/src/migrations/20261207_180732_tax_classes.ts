import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_products_tax_class" AS ENUM('standard', 'reduced');
  CREATE TYPE "public"."enum__products_v_version_tax_class" AS ENUM('standard', 'reduced');
  CREATE TYPE "public"."enum_tax_rates_tax_class" AS ENUM('standard', 'reduced');
  ALTER TABLE "products" ADD COLUMN "tax_class" "enum_products_tax_class" DEFAULT 'standard';
  ALTER TABLE "_products_v" ADD COLUMN "version_tax_class" "enum__products_v_version_tax_class" DEFAULT 'standard';
  ALTER TABLE "tax_rates" ADD COLUMN "tax_class" "enum_tax_rates_tax_class" DEFAULT 'standard';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "products" DROP COLUMN "tax_class";
  ALTER TABLE "_products_v" DROP COLUMN "version_tax_class";
  ALTER TABLE "tax_rates" DROP COLUMN "tax_class";
  DROP TYPE "public"."enum_products_tax_class";
  DROP TYPE "public"."enum__products_v_version_tax_class";
  DROP TYPE "public"."enum_tax_rates_tax_class";`)
}
