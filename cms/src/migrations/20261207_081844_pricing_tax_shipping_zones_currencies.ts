import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_products_prices_currency" AS ENUM('EUR', 'USD', 'GBP');
  CREATE TYPE "public"."enum_products_variants_prices_currency" AS ENUM('EUR', 'USD', 'GBP');
  CREATE TYPE "public"."enum__products_v_version_prices_currency" AS ENUM('EUR', 'USD', 'GBP');
  CREATE TYPE "public"."enum__products_v_version_variants_prices_currency" AS ENUM('EUR', 'USD', 'GBP');
  CREATE TYPE "public"."enum_shipping_zones_methods_rates_currency" AS ENUM('EUR', 'USD', 'GBP');
  CREATE TYPE "public"."enum_shipping_zones_methods_free_from_currency" AS ENUM('EUR', 'USD', 'GBP');
  CREATE TYPE "public"."enum_store_settings_currencies" AS ENUM('EUR', 'USD', 'GBP');
  CREATE TYPE "public"."enum_store_settings_default_currency" AS ENUM('EUR', 'USD', 'GBP');
  CREATE TABLE "orders_tax_lines" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"country" varchar NOT NULL,
  	"region" varchar,
  	"rate" numeric NOT NULL,
  	"taxable_amount" numeric NOT NULL,
  	"tax_amount" numeric NOT NULL
  );
  
  CREATE TABLE "products_prices" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"currency" "enum_products_prices_currency",
  	"amount" numeric
  );
  
  CREATE TABLE "products_variants_prices" (
  	"_order" integer NOT NULL,
  	"_parent_id" varchar NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"currency" "enum_products_variants_prices_currency",
  	"amount" numeric
  );
  
  CREATE TABLE "_products_v_version_prices" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"currency" "enum__products_v_version_prices_currency",
  	"amount" numeric,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_products_v_version_variants_prices" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"currency" "enum__products_v_version_variants_prices_currency",
  	"amount" numeric,
  	"_uuid" varchar
  );
  
  CREATE TABLE "shipping_zones_methods_rates" (
  	"_order" integer NOT NULL,
  	"_parent_id" varchar NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"currency" "enum_shipping_zones_methods_rates_currency" DEFAULT 'EUR' NOT NULL,
  	"amount" numeric NOT NULL,
  	"from_subtotal" numeric,
  	"up_to_weight" numeric
  );
  
  CREATE TABLE "shipping_zones_methods_free_from" (
  	"_order" integer NOT NULL,
  	"_parent_id" varchar NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"currency" "enum_shipping_zones_methods_free_from_currency" DEFAULT 'EUR' NOT NULL,
  	"amount" numeric NOT NULL
  );
  
  CREATE TABLE "shipping_zones_methods" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"code" varchar NOT NULL,
  	"label" varchar NOT NULL
  );
  
  CREATE TABLE "shipping_zones" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"everywhere_else" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "shipping_zones_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "tax_rates" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"country" varchar NOT NULL,
  	"region" varchar,
  	"rate" numeric NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "store_settings_currencies" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_store_settings_currencies",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "store_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"default_currency" "enum_store_settings_default_currency" DEFAULT 'EUR' NOT NULL,
  	"prices_include_tax" boolean DEFAULT false,
  	"tax_shipping" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "orders_items" ADD COLUMN "discount_amount" numeric DEFAULT 0;
  ALTER TABLE "orders_items" ADD COLUMN "tax_amount" numeric DEFAULT 0;
  ALTER TABLE "orders" ADD COLUMN "discount_total" numeric DEFAULT 0;
  ALTER TABLE "orders" ADD COLUMN "tax_total" numeric DEFAULT 0;
  ALTER TABLE "orders" ADD COLUMN "prices_include_tax" boolean DEFAULT false;
  ALTER TABLE "products_variants" ADD COLUMN "weight" numeric;
  ALTER TABLE "products" ADD COLUMN "weight" numeric;
  ALTER TABLE "_products_v_version_variants" ADD COLUMN "weight" numeric;
  ALTER TABLE "_products_v" ADD COLUMN "version_weight" numeric;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "shipping_zones_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "tax_rates_id" integer;
  ALTER TABLE "orders_tax_lines" ADD CONSTRAINT "orders_tax_lines_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "products_prices" ADD CONSTRAINT "products_prices_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "products_variants_prices" ADD CONSTRAINT "products_variants_prices_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."products_variants"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_products_v_version_prices" ADD CONSTRAINT "_products_v_version_prices_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_products_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_products_v_version_variants_prices" ADD CONSTRAINT "_products_v_version_variants_prices_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_products_v_version_variants"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "shipping_zones_methods_rates" ADD CONSTRAINT "shipping_zones_methods_rates_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."shipping_zones_methods"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "shipping_zones_methods_free_from" ADD CONSTRAINT "shipping_zones_methods_free_from_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."shipping_zones_methods"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "shipping_zones_methods" ADD CONSTRAINT "shipping_zones_methods_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."shipping_zones"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "shipping_zones_texts" ADD CONSTRAINT "shipping_zones_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."shipping_zones"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "store_settings_currencies" ADD CONSTRAINT "store_settings_currencies_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."store_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "orders_tax_lines_order_idx" ON "orders_tax_lines" USING btree ("_order");
  CREATE INDEX "orders_tax_lines_parent_id_idx" ON "orders_tax_lines" USING btree ("_parent_id");
  CREATE INDEX "products_prices_order_idx" ON "products_prices" USING btree ("_order");
  CREATE INDEX "products_prices_parent_id_idx" ON "products_prices" USING btree ("_parent_id");
  CREATE INDEX "products_variants_prices_order_idx" ON "products_variants_prices" USING btree ("_order");
  CREATE INDEX "products_variants_prices_parent_id_idx" ON "products_variants_prices" USING btree ("_parent_id");
  CREATE INDEX "_products_v_version_prices_order_idx" ON "_products_v_version_prices" USING btree ("_order");
  CREATE INDEX "_products_v_version_prices_parent_id_idx" ON "_products_v_version_prices" USING btree ("_parent_id");
  CREATE INDEX "_products_v_version_variants_prices_order_idx" ON "_products_v_version_variants_prices" USING btree ("_order");
  CREATE INDEX "_products_v_version_variants_prices_parent_id_idx" ON "_products_v_version_variants_prices" USING btree ("_parent_id");
  CREATE INDEX "shipping_zones_methods_rates_order_idx" ON "shipping_zones_methods_rates" USING btree ("_order");
  CREATE INDEX "shipping_zones_methods_rates_parent_id_idx" ON "shipping_zones_methods_rates" USING btree ("_parent_id");
  CREATE INDEX "shipping_zones_methods_free_from_order_idx" ON "shipping_zones_methods_free_from" USING btree ("_order");
  CREATE INDEX "shipping_zones_methods_free_from_parent_id_idx" ON "shipping_zones_methods_free_from" USING btree ("_parent_id");
  CREATE INDEX "shipping_zones_methods_order_idx" ON "shipping_zones_methods" USING btree ("_order");
  CREATE INDEX "shipping_zones_methods_parent_id_idx" ON "shipping_zones_methods" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "shipping_zones_name_idx" ON "shipping_zones" USING btree ("name");
  CREATE INDEX "shipping_zones_updated_at_idx" ON "shipping_zones" USING btree ("updated_at");
  CREATE INDEX "shipping_zones_created_at_idx" ON "shipping_zones" USING btree ("created_at");
  CREATE INDEX "shipping_zones_texts_order_parent" ON "shipping_zones_texts" USING btree ("order","parent_id");
  CREATE INDEX "tax_rates_country_idx" ON "tax_rates" USING btree ("country");
  CREATE INDEX "tax_rates_updated_at_idx" ON "tax_rates" USING btree ("updated_at");
  CREATE INDEX "tax_rates_created_at_idx" ON "tax_rates" USING btree ("created_at");
  CREATE INDEX "store_settings_currencies_order_idx" ON "store_settings_currencies" USING btree ("order");
  CREATE INDEX "store_settings_currencies_parent_idx" ON "store_settings_currencies" USING btree ("parent_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_shipping_zones_fk" FOREIGN KEY ("shipping_zones_id") REFERENCES "public"."shipping_zones"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_tax_rates_fk" FOREIGN KEY ("tax_rates_id") REFERENCES "public"."tax_rates"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_shipping_zones_id_idx" ON "payload_locked_documents_rels" USING btree ("shipping_zones_id");
  CREATE INDEX "payload_locked_documents_rels_tax_rates_id_idx" ON "payload_locked_documents_rels" USING btree ("tax_rates_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "orders_tax_lines" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "products_prices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "products_variants_prices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_products_v_version_prices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_products_v_version_variants_prices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shipping_zones_methods_rates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shipping_zones_methods_free_from" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shipping_zones_methods" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shipping_zones" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shipping_zones_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "tax_rates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "store_settings_currencies" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "store_settings" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "orders_tax_lines" CASCADE;
  DROP TABLE "products_prices" CASCADE;
  DROP TABLE "products_variants_prices" CASCADE;
  DROP TABLE "_products_v_version_prices" CASCADE;
  DROP TABLE "_products_v_version_variants_prices" CASCADE;
  DROP TABLE "shipping_zones_methods_rates" CASCADE;
  DROP TABLE "shipping_zones_methods_free_from" CASCADE;
  DROP TABLE "shipping_zones_methods" CASCADE;
  DROP TABLE "shipping_zones" CASCADE;
  DROP TABLE "shipping_zones_texts" CASCADE;
  DROP TABLE "tax_rates" CASCADE;
  DROP TABLE "store_settings_currencies" CASCADE;
  DROP TABLE "store_settings" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_shipping_zones_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_tax_rates_fk";
  
  DROP INDEX "payload_locked_documents_rels_shipping_zones_id_idx";
  DROP INDEX "payload_locked_documents_rels_tax_rates_id_idx";
  ALTER TABLE "orders_items" DROP COLUMN "discount_amount";
  ALTER TABLE "orders_items" DROP COLUMN "tax_amount";
  ALTER TABLE "orders" DROP COLUMN "discount_total";
  ALTER TABLE "orders" DROP COLUMN "tax_total";
  ALTER TABLE "orders" DROP COLUMN "prices_include_tax";
  ALTER TABLE "products_variants" DROP COLUMN "weight";
  ALTER TABLE "products" DROP COLUMN "weight";
  ALTER TABLE "_products_v_version_variants" DROP COLUMN "weight";
  ALTER TABLE "_products_v" DROP COLUMN "version_weight";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "shipping_zones_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "tax_rates_id";
  DROP TYPE "public"."enum_products_prices_currency";
  DROP TYPE "public"."enum_products_variants_prices_currency";
  DROP TYPE "public"."enum__products_v_version_prices_currency";
  DROP TYPE "public"."enum__products_v_version_variants_prices_currency";
  DROP TYPE "public"."enum_shipping_zones_methods_rates_currency";
  DROP TYPE "public"."enum_shipping_zones_methods_free_from_currency";
  DROP TYPE "public"."enum_store_settings_currencies";
  DROP TYPE "public"."enum_store_settings_default_currency";`)
}
