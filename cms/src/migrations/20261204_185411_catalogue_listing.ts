import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The catalogue read path (docs/catalogue.md): the listing projection of published products that
 * anonymous list reads are answered from (empty here; each CMS fills it on start and marks
 * `catalogue_listing_state`), and the parent indexes Payload's hasMany text tables lack (every product
 * read scanned the whole table once per product). Generated from `catalogueSchema`; `pg_trgm` (for the
 * title's `like` index) added by hand.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm;`)
  await db.execute(sql`
   CREATE TABLE "catalogue_listing" (
  	"id" integer PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"slug" varchar,
  	"sku" varchar,
  	"featured" boolean DEFAULT false NOT NULL,
  	"price" numeric,
  	"category_ids" integer[] DEFAULT '{}' NOT NULL,
  	"created_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone NOT NULL,
  	"stock_sig" varchar NOT NULL,
  	"doc0" text NOT NULL,
  	"doc1" text NOT NULL
  );
  
  CREATE TABLE "catalogue_listing_state" (
  	"id" integer PRIMARY KEY NOT NULL,
  	"built_at" timestamp(3) with time zone NOT NULL
  );
  
  ALTER TABLE "catalogue_listing" ADD CONSTRAINT "catalogue_listing_id_products_id_fk" FOREIGN KEY ("id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "catalogue_listing_created_idx" ON "catalogue_listing" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_updated_idx" ON "catalogue_listing" USING btree ("updated_at","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_updated_desc_idx" ON "catalogue_listing" USING btree ("updated_at" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_price_idx" ON "catalogue_listing" USING btree ("price","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_price_desc_idx" ON "catalogue_listing" USING btree ("price" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_title_idx" ON "catalogue_listing" USING btree ("title","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_title_desc_idx" ON "catalogue_listing" USING btree ("title" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_slug_idx" ON "catalogue_listing" USING btree ("slug");
  CREATE INDEX "catalogue_listing_sku_idx" ON "catalogue_listing" USING btree ("sku");
  CREATE INDEX "catalogue_listing_categories_idx" ON "catalogue_listing" USING gin ("category_ids");
  CREATE INDEX "catalogue_listing_title_trgm_idx" ON "catalogue_listing" USING gin ("title" gin_trgm_ops);
  CREATE INDEX "products_texts_parent_order_idx" ON "products_texts" USING btree ("parent_id","order");
  CREATE INDEX "_products_v_texts_parent_order_idx" ON "_products_v_texts" USING btree ("parent_id","order");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "catalogue_listing" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "catalogue_listing_state" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "catalogue_listing" CASCADE;
  DROP TABLE "catalogue_listing_state" CASCADE;
  DROP INDEX "products_texts_parent_order_idx";
  DROP INDEX "_products_v_texts_parent_order_idx";`)
}
