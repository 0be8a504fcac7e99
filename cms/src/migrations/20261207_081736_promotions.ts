import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_promotions_amounts_currency" AS ENUM('EUR', 'USD', 'GBP');
  CREATE TYPE "public"."enum_promotions_minimum_subtotals_currency" AS ENUM('EUR', 'USD', 'GBP');
  CREATE TYPE "public"."enum_promotions_kind" AS ENUM('percentage', 'fixed', 'freeShipping');
  CREATE TYPE "public"."enum_promotions_applies_to" AS ENUM('order', 'items');
  CREATE TABLE "orders_promotions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"promotion_id" integer,
  	"code" varchar,
  	"title" varchar NOT NULL,
  	"amount" numeric NOT NULL,
  	"shipping_discount" numeric DEFAULT 0
  );
  
  CREATE TABLE "promotion_redemptions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"promotion_id" integer,
  	"order_id" integer,
  	"email" varchar NOT NULL,
  	"amount" numeric NOT NULL,
  	"currency" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "promotions_amounts" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"currency" "enum_promotions_amounts_currency" DEFAULT 'EUR',
  	"amount" numeric
  );
  
  CREATE TABLE "promotions_minimum_subtotals" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"currency" "enum_promotions_minimum_subtotals_currency" DEFAULT 'EUR' NOT NULL,
  	"amount" numeric NOT NULL
  );
  
  CREATE TABLE "promotions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"code" varchar,
  	"active" boolean DEFAULT true,
  	"kind" "enum_promotions_kind" DEFAULT 'percentage' NOT NULL,
  	"percentage" numeric,
  	"applies_to" "enum_promotions_applies_to" DEFAULT 'order' NOT NULL,
  	"starts_at" timestamp(3) with time zone,
  	"ends_at" timestamp(3) with time zone,
  	"usage_limit" numeric,
  	"per_customer_limit" numeric,
  	"combinable" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "promotions_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"products_id" integer,
  	"categories_id" integer
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "promotion_redemptions_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "promotions_id" integer;
  ALTER TABLE "orders_promotions" ADD CONSTRAINT "orders_promotions_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "orders_promotions" ADD CONSTRAINT "orders_promotions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "promotions_amounts" ADD CONSTRAINT "promotions_amounts_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "promotions_minimum_subtotals" ADD CONSTRAINT "promotions_minimum_subtotals_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "promotions_rels" ADD CONSTRAINT "promotions_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "promotions_rels" ADD CONSTRAINT "promotions_rels_products_fk" FOREIGN KEY ("products_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "promotions_rels" ADD CONSTRAINT "promotions_rels_categories_fk" FOREIGN KEY ("categories_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "orders_promotions_order_idx" ON "orders_promotions" USING btree ("_order");
  CREATE INDEX "orders_promotions_parent_id_idx" ON "orders_promotions" USING btree ("_parent_id");
  CREATE INDEX "orders_promotions_promotion_idx" ON "orders_promotions" USING btree ("promotion_id");
  CREATE INDEX "promotion_redemptions_promotion_idx" ON "promotion_redemptions" USING btree ("promotion_id");
  CREATE INDEX "promotion_redemptions_order_idx" ON "promotion_redemptions" USING btree ("order_id");
  CREATE INDEX "promotion_redemptions_updated_at_idx" ON "promotion_redemptions" USING btree ("updated_at");
  CREATE INDEX "promotion_redemptions_created_at_idx" ON "promotion_redemptions" USING btree ("created_at");
  CREATE INDEX "promotion_email_idx" ON "promotion_redemptions" USING btree ("promotion_id","email");
  CREATE INDEX "promotions_amounts_order_idx" ON "promotions_amounts" USING btree ("_order");
  CREATE INDEX "promotions_amounts_parent_id_idx" ON "promotions_amounts" USING btree ("_parent_id");
  CREATE INDEX "promotions_minimum_subtotals_order_idx" ON "promotions_minimum_subtotals" USING btree ("_order");
  CREATE INDEX "promotions_minimum_subtotals_parent_id_idx" ON "promotions_minimum_subtotals" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "promotions_code_idx" ON "promotions" USING btree ("code");
  CREATE INDEX "promotions_updated_at_idx" ON "promotions" USING btree ("updated_at");
  CREATE INDEX "promotions_created_at_idx" ON "promotions" USING btree ("created_at");
  CREATE INDEX "promotions_rels_order_idx" ON "promotions_rels" USING btree ("order");
  CREATE INDEX "promotions_rels_parent_idx" ON "promotions_rels" USING btree ("parent_id");
  CREATE INDEX "promotions_rels_path_idx" ON "promotions_rels" USING btree ("path");
  CREATE INDEX "promotions_rels_products_id_idx" ON "promotions_rels" USING btree ("products_id");
  CREATE INDEX "promotions_rels_categories_id_idx" ON "promotions_rels" USING btree ("categories_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_promotion_redemptions_fk" FOREIGN KEY ("promotion_redemptions_id") REFERENCES "public"."promotion_redemptions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_promotions_fk" FOREIGN KEY ("promotions_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_promotion_redemptions_id_idx" ON "payload_locked_documents_rels" USING btree ("promotion_redemptions_id");
  CREATE INDEX "payload_locked_documents_rels_promotions_id_idx" ON "payload_locked_documents_rels" USING btree ("promotions_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "orders_promotions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "promotion_redemptions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "promotions_amounts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "promotions_minimum_subtotals" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "promotions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "promotions_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "orders_promotions" CASCADE;
  DROP TABLE "promotion_redemptions" CASCADE;
  DROP TABLE "promotions_amounts" CASCADE;
  DROP TABLE "promotions_minimum_subtotals" CASCADE;
  DROP TABLE "promotions" CASCADE;
  DROP TABLE "promotions_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_promotion_redemptions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_promotions_fk";
  
  DROP INDEX "payload_locked_documents_rels_promotion_redemptions_id_idx";
  DROP INDEX "payload_locked_documents_rels_promotions_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "promotion_redemptions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "promotions_id";
  DROP TYPE "public"."enum_promotions_amounts_currency";
  DROP TYPE "public"."enum_promotions_minimum_subtotals_currency";
  DROP TYPE "public"."enum_promotions_kind";
  DROP TYPE "public"."enum_promotions_applies_to";`)
}
