import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The catalogue read path (docs/catalogue.md): indexes Payload's schema lacks, and the listing
 * projection of published products that anonymous list reads are answered from. Hand-written: none
 * of it is a Payload field, so the schema snapshot beside this file is the previous one unchanged.
 * The projection starts empty; the CMS fills it on start (`catalogue_listing_state` says when it is).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  -- Payload's hasMany text tables have no index on their parent: every product read scanned the whole
  -- table once per product (12 of the 15 s a page-150 list took at 10,000 products).
  CREATE INDEX IF NOT EXISTS "products_texts_parent_order_idx" ON "products_texts" USING btree ("parent_id", "order");
  CREATE INDEX IF NOT EXISTS "_products_v_texts_parent_order_idx" ON "_products_v_texts" USING btree ("parent_id", "order");
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE TABLE "catalogue_listing" (
    "id" integer PRIMARY KEY REFERENCES "products"("id") ON DELETE CASCADE,
    "title" varchar NOT NULL,
    "slug" varchar,
    "sku" varchar,
    "featured" boolean NOT NULL DEFAULT false,
    "price" numeric,
    "category_ids" integer[] NOT NULL DEFAULT '{}',
    "created_at" timestamp(3) with time zone NOT NULL,
    "updated_at" timestamp(3) with time zone NOT NULL,
    "stock_sig" varchar NOT NULL,
    "doc0" text NOT NULL,
    "doc1" text NOT NULL
  );
  CREATE INDEX "catalogue_listing_created_idx" ON "catalogue_listing" USING btree ("created_at" DESC, "id" DESC);
  -- One index per order the listing answers (Payload's sort, then -createdAt, then id): a page is an index walk.
  CREATE INDEX "catalogue_listing_updated_idx" ON "catalogue_listing" USING btree ("updated_at", "created_at" DESC, "id" DESC);
  CREATE INDEX "catalogue_listing_updated_desc_idx" ON "catalogue_listing" USING btree ("updated_at" DESC, "created_at" DESC, "id" DESC);
  CREATE INDEX "catalogue_listing_price_idx" ON "catalogue_listing" USING btree ("price", "created_at" DESC, "id" DESC);
  CREATE INDEX "catalogue_listing_price_desc_idx" ON "catalogue_listing" USING btree ("price" DESC, "created_at" DESC, "id" DESC);
  CREATE INDEX "catalogue_listing_title_idx" ON "catalogue_listing" USING btree ("title", "created_at" DESC, "id" DESC);
  CREATE INDEX "catalogue_listing_title_desc_idx" ON "catalogue_listing" USING btree ("title" DESC, "created_at" DESC, "id" DESC);
  CREATE INDEX "catalogue_listing_slug_idx" ON "catalogue_listing" USING btree ("slug");
  CREATE INDEX "catalogue_listing_sku_idx" ON "catalogue_listing" USING btree ("sku");
  CREATE INDEX "catalogue_listing_featured_idx" ON "catalogue_listing" USING btree ("featured", "created_at" DESC) WHERE "featured";
  CREATE INDEX "catalogue_listing_categories_idx" ON "catalogue_listing" USING gin ("category_ids");
  CREATE INDEX "catalogue_listing_title_trgm_idx" ON "catalogue_listing" USING gin ("title" gin_trgm_ops);
  CREATE TABLE "catalogue_listing_state" (
    "id" integer PRIMARY KEY CHECK ("id" = 1),
    "built_at" timestamp(3) with time zone NOT NULL
  );`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE "catalogue_listing_state";
  DROP TABLE "catalogue_listing";
  DROP INDEX IF EXISTS "_products_v_texts_parent_order_idx";
  DROP INDEX IF EXISTS "products_texts_parent_order_idx";`)
}
