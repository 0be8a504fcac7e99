import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Search documents per locale (docs/search.md, docs/languages.md): a `product_search` row per product
 * and locale of the `_locales` enum, its text from that locale's title and description with the
 * English value where one is missing (Payload's fallback), stemmed with the locale's dictionary
 * (`product_search_config`). Facet data (prices, stock, categories, options) is the same in every row.
 * Hand-written: Payload does not know these objects (`tablesFilter` skips `product_search*`).
 */
const LOCALIZED_SEARCH_SQL = `
DELETE FROM "product_search";
ALTER TABLE "product_search" DROP CONSTRAINT "product_search_pkey";
ALTER TABLE "product_search" ADD COLUMN "locale" varchar NOT NULL;
ALTER TABLE "product_search" ADD CONSTRAINT "product_search_pkey" PRIMARY KEY ("product_id", "locale");
CREATE INDEX "product_search_locale_idx" ON "product_search" USING btree ("locale");
-- A category's title and slug now live here: their change is a catalogue change too (the facet shows them).
CREATE TRIGGER "product_search_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "categories_locales"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_search_count_change"('any');

CREATE FUNCTION "product_search_config"(locale varchar) RETURNS regconfig LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE locale WHEN 'en' THEN 'english' WHEN 'de' THEN 'german' ELSE 'simple' END::regconfig
$$;

CREATE OR REPLACE FUNCTION "product_search_refresh"(product_ids integer[]) RETURNS void LANGUAGE sql VOLATILE AS $$
  -- The products' rows first, in id order, as checkouts lock them: a checkout (whose stock trigger
  -- writes a search row) and a refresh of many products (a category moved) then queue instead of
  -- deadlocking on the search rows.
  SELECT 1 FROM "products" WHERE "id" = ANY(product_ids) ORDER BY "id" FOR KEY SHARE;
  DELETE FROM "product_search" WHERE "product_id" = ANY(product_ids);
  INSERT INTO "product_search" ("product_id", "locale", "document", "title", "created_at", "currency", "min_price", "max_price", "in_stock", "category_ids", "option_values")
  SELECT p."id", l."code",
    setweight(to_tsvector(l."config", coalesce(t."title", '')), 'A') || setweight(to_tsvector('simple', coalesce(t."title", '')), 'A')
      || setweight(to_tsvector('simple', concat_ws(' ', p."sku", variants.skus)), 'B')
      || setweight(to_tsvector(l."config", coalesce(t."description_text", '')), 'C') || setweight(to_tsvector('simple', coalesce(t."description_text", '')), 'C'),
    coalesce(t."title", ''), p."created_at", p."currency"::varchar,
    coalesce(variants.min_price, p."price", 0), coalesce(variants.max_price, p."price", 0),
    "product_search_in_stock"(p."id"),
    coalesce(categories.ids, '{}'), coalesce(options.values_, '{}')
  FROM "products" p
  CROSS JOIN (SELECT code::varchar AS "code", "product_search_config"(code::varchar) AS "config" FROM unnest(enum_range(NULL::"_locales")) AS code) l
  LEFT JOIN "products_locales" own ON own."_parent_id" = p."id" AND own."_locale"::varchar = l."code"
  LEFT JOIN "products_locales" en ON en."_parent_id" = p."id" AND en."_locale" = 'en'
  CROSS JOIN LATERAL (
    SELECT coalesce(nullif(own."title", ''), en."title") AS "title",
      coalesce(nullif(own."description_text", ''), en."description_text") AS "description_text"
  ) t
  LEFT JOIN LATERAL (
    SELECT string_agg(v."sku", ' ') AS skus, min(coalesce(v."price", p."price")) AS min_price, max(coalesce(v."price", p."price")) AS max_price
    FROM "products_variants" v WHERE v."_parent_id" = p."id"
  ) variants ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT s."option" || E'\\x1f' || s."value") AS values_
    FROM "products_variants" v JOIN "products_variants_selections" s ON s."_parent_id" = v."id"
    WHERE v."_parent_id" = p."id" AND s."option" IS NOT NULL AND s."value" IS NOT NULL
  ) options ON true
  LEFT JOIN LATERAL (
    WITH RECURSIVE up ("id", "depth") AS (
      SELECT r."categories_id", 0 FROM "products_rels" r
      WHERE r."parent_id" = p."id" AND r."path" = 'categories' AND r."categories_id" IS NOT NULL
      UNION
      SELECT c."parent_id", up."depth" + 1 FROM up JOIN "categories" c ON c."id" = up."id"
      WHERE c."parent_id" IS NOT NULL AND up."depth" < 50
    )
    SELECT array_agg(DISTINCT up."id") AS ids FROM up
  ) categories ON true
  WHERE p."id" = ANY(product_ids) AND p."_status" = 'published';
  INSERT INTO "product_search_words" ("word")
  SELECT DISTINCT w.word FROM "products" p JOIN "products_locales" pl ON pl."_parent_id" = p."id",
    unnest(tsvector_to_array(to_tsvector('simple', concat_ws(' ', pl."title", pl."description_text")))) AS w(word)
  WHERE p."id" = ANY(product_ids) AND p."_status" = 'published' AND length(w.word) BETWEEN 3 AND 40 AND w.word ~ '^[[:alpha:]]+$'
  ON CONFLICT DO NOTHING;
$$;

SELECT "product_search_refresh"(array(SELECT "id" FROM "products" WHERE "_status" = 'published'));
`

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."_locales" AS ENUM('en', 'de');
  CREATE TYPE "public"."enum__products_v_published_locale" AS ENUM('en', 'de');
  CREATE TABLE "categories_locales" (
  	"title" varchar NOT NULL,
  	"slug" varchar,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "products_locales" (
  	"title" varchar,
  	"slug" varchar,
  	"description" jsonb,
  	"description_text" varchar,
  	"seo_title" varchar,
  	"seo_description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "_products_v_locales" (
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_description" jsonb,
  	"version_description_text" varchar,
  	"version_seo_title" varchar,
  	"version_seo_description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  -- Every text saved so far becomes the English (default locale) value: nothing is lost when the
  -- columns below are dropped. German values start empty and read as the English ones (fallback).
  INSERT INTO "categories_locales" ("title", "slug", "description", "_locale", "_parent_id")
    SELECT "title", "slug", "description", 'en', "id" FROM "categories";
  INSERT INTO "products_locales" ("title", "slug", "description", "description_text", "seo_title", "seo_description", "_locale", "_parent_id")
    SELECT "title", "slug", "description", "description_text", "seo_title", "seo_description", 'en', "id" FROM "products";
  INSERT INTO "_products_v_locales" ("version_title", "version_slug", "version_description", "version_description_text", "version_seo_title", "version_seo_description", "_locale", "_parent_id")
    SELECT "version_title", "version_slug", "version_description", "version_description_text", "version_seo_title", "version_seo_description", 'en', "id" FROM "_products_v";

  DROP INDEX "categories_slug_idx";
  DROP INDEX "products_title_idx";
  DROP INDEX "products_slug_idx";
  DROP INDEX "_products_v_version_version_title_idx";
  DROP INDEX "_products_v_version_version_slug_idx";
  DROP INDEX "catalogue_listing_created_idx";
  DROP INDEX "catalogue_listing_updated_idx";
  DROP INDEX "catalogue_listing_updated_desc_idx";
  DROP INDEX "catalogue_listing_price_idx";
  DROP INDEX "catalogue_listing_price_desc_idx";
  DROP INDEX "catalogue_listing_title_idx";
  DROP INDEX "catalogue_listing_title_desc_idx";
  DROP INDEX "catalogue_listing_slug_idx";
  -- The listing holds a row per product and locale now: emptied here and rebuilt by the CMS when it
  -- starts (an empty catalogue_listing_state makes list reads take Payload's path until then).
  DELETE FROM "catalogue_listing";
  DELETE FROM "catalogue_listing_state";
  ALTER TABLE "catalogue_listing" DROP CONSTRAINT "catalogue_listing_pkey";
  -- Existing breadcrumbs are the English ones.
  ALTER TABLE "categories_breadcrumbs" ADD COLUMN "_locale" "_locales" NOT NULL DEFAULT 'en';
  ALTER TABLE "categories_breadcrumbs" ALTER COLUMN "_locale" DROP DEFAULT;
  ALTER TABLE "orders" ADD COLUMN "locale" varchar;
  ALTER TABLE "_products_v" ADD COLUMN "snapshot" boolean;
  ALTER TABLE "_products_v" ADD COLUMN "published_locale" "enum__products_v_published_locale";
  ALTER TABLE "catalogue_listing" ADD COLUMN "locale" varchar NOT NULL;
  ALTER TABLE "catalogue_listing" ALTER COLUMN "id" SET NOT NULL;
  CREATE UNIQUE INDEX "catalogue_listing_id_locale_idx" ON "catalogue_listing" USING btree ("id","locale");
  ALTER TABLE "categories_locales" ADD CONSTRAINT "categories_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "products_locales" ADD CONSTRAINT "products_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_products_v_locales" ADD CONSTRAINT "_products_v_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_products_v"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "categories_slug_idx" ON "categories_locales" USING btree ("slug","_locale");
  CREATE UNIQUE INDEX "categories_locales_locale_parent_id_unique" ON "categories_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "products_title_idx" ON "products_locales" USING btree ("title","_locale");
  CREATE UNIQUE INDEX "products_slug_idx" ON "products_locales" USING btree ("slug","_locale");
  CREATE UNIQUE INDEX "products_locales_locale_parent_id_unique" ON "products_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_products_v_version_version_title_idx" ON "_products_v_locales" USING btree ("version_title","_locale");
  CREATE INDEX "_products_v_version_version_slug_idx" ON "_products_v_locales" USING btree ("version_slug","_locale");
  CREATE UNIQUE INDEX "_products_v_locales_locale_parent_id_unique" ON "_products_v_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "categories_breadcrumbs_locale_idx" ON "categories_breadcrumbs" USING btree ("_locale");
  CREATE INDEX "_products_v_snapshot_idx" ON "_products_v" USING btree ("snapshot");
  CREATE INDEX "_products_v_published_locale_idx" ON "_products_v" USING btree ("published_locale");
  CREATE INDEX "catalogue_listing_created_idx" ON "catalogue_listing" USING btree ("locale","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_updated_idx" ON "catalogue_listing" USING btree ("locale","updated_at","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_updated_desc_idx" ON "catalogue_listing" USING btree ("locale","updated_at" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_price_idx" ON "catalogue_listing" USING btree ("locale","price","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_price_desc_idx" ON "catalogue_listing" USING btree ("locale","price" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_title_idx" ON "catalogue_listing" USING btree ("locale","title","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_title_desc_idx" ON "catalogue_listing" USING btree ("locale","title" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_slug_idx" ON "catalogue_listing" USING btree ("slug","locale");
  ALTER TABLE "categories" DROP COLUMN "title";
  ALTER TABLE "categories" DROP COLUMN "slug";
  ALTER TABLE "categories" DROP COLUMN "description";
  ALTER TABLE "products" DROP COLUMN "title";
  ALTER TABLE "products" DROP COLUMN "slug";
  ALTER TABLE "products" DROP COLUMN "description";
  ALTER TABLE "products" DROP COLUMN "description_text";
  ALTER TABLE "products" DROP COLUMN "seo_title";
  ALTER TABLE "products" DROP COLUMN "seo_description";
  ALTER TABLE "_products_v" DROP COLUMN "version_title";
  ALTER TABLE "_products_v" DROP COLUMN "version_slug";
  ALTER TABLE "_products_v" DROP COLUMN "version_description";
  ALTER TABLE "_products_v" DROP COLUMN "version_description_text";
  ALTER TABLE "_products_v" DROP COLUMN "version_seo_title";
  ALTER TABLE "_products_v" DROP COLUMN "version_seo_description";`)
  await db.execute(sql.raw(LOCALIZED_SEARCH_SQL))
}

/** `product_search_refresh` as 20261204_181253_product_search made it, for going down. */
const PREVIOUS_SEARCH_REFRESH_SQL = `
CREATE FUNCTION "product_search_refresh"(product_ids integer[]) RETURNS void LANGUAGE sql VOLATILE AS $$
  -- The products' rows first, in id order, as checkouts lock them: a checkout (whose stock trigger
  -- writes a search row) and a refresh of many products (a category moved) then queue instead of
  -- deadlocking on the search rows.
  SELECT 1 FROM "products" WHERE "id" = ANY(product_ids) ORDER BY "id" FOR KEY SHARE;
  DELETE FROM "product_search" WHERE "product_id" = ANY(product_ids);
  INSERT INTO "product_search" ("product_id", "document", "title", "created_at", "currency", "min_price", "max_price", "in_stock", "category_ids", "option_values")
  SELECT p."id",
    setweight(to_tsvector('english', coalesce(p."title", '')), 'A') || setweight(to_tsvector('simple', coalesce(p."title", '')), 'A')
      || setweight(to_tsvector('simple', concat_ws(' ', p."sku", variants.skus)), 'B')
      || setweight(to_tsvector('english', coalesce(p."description_text", '')), 'C') || setweight(to_tsvector('simple', coalesce(p."description_text", '')), 'C'),
    coalesce(p."title", ''), p."created_at", p."currency"::varchar,
    coalesce(variants.min_price, p."price", 0), coalesce(variants.max_price, p."price", 0),
    "product_search_in_stock"(p."id"),
    coalesce(categories.ids, '{}'), coalesce(options.values_, '{}')
  FROM "products" p
  LEFT JOIN LATERAL (
    SELECT string_agg(v."sku", ' ') AS skus, min(coalesce(v."price", p."price")) AS min_price, max(coalesce(v."price", p."price")) AS max_price
    FROM "products_variants" v WHERE v."_parent_id" = p."id"
  ) variants ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT s."option" || E'\\x1f' || s."value") AS values_
    FROM "products_variants" v JOIN "products_variants_selections" s ON s."_parent_id" = v."id"
    WHERE v."_parent_id" = p."id" AND s."option" IS NOT NULL AND s."value" IS NOT NULL
  ) options ON true
  LEFT JOIN LATERAL (
    WITH RECURSIVE up ("id", "depth") AS (
      SELECT r."categories_id", 0 FROM "products_rels" r
      WHERE r."parent_id" = p."id" AND r."path" = 'categories' AND r."categories_id" IS NOT NULL
      UNION
      SELECT c."parent_id", up."depth" + 1 FROM up JOIN "categories" c ON c."id" = up."id"
      WHERE c."parent_id" IS NOT NULL AND up."depth" < 50
    )
    SELECT array_agg(DISTINCT up."id") AS ids FROM up
  ) categories ON true
  WHERE p."id" = ANY(product_ids) AND p."_status" = 'published';
  INSERT INTO "product_search_words" ("word")
  SELECT DISTINCT w.word FROM "products" p,
    unnest(tsvector_to_array(to_tsvector('simple', concat_ws(' ', p."title", p."description_text")))) AS w(word)
  WHERE p."id" = ANY(product_ids) AND p."_status" = 'published' AND length(w.word) BETWEEN 3 AND 40 AND w.word ~ '^[[:alpha:]]+$'
  ON CONFLICT DO NOTHING;
$$;
SELECT "product_search_refresh"(array(SELECT "id" FROM "products" WHERE "_status" = 'published'));
`

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  -- The search documents of one locale again (the function of 20261204_181253_product_search is
  -- restored after the English texts are back in their columns).
  DROP FUNCTION "product_search_refresh"(integer[]);
  DROP FUNCTION "product_search_config"(varchar);
  DELETE FROM "product_search";
  DROP INDEX "product_search_locale_idx";
  DROP TRIGGER "product_search_version" ON "categories_locales";
  ALTER TABLE "product_search" DROP CONSTRAINT "product_search_pkey";
  ALTER TABLE "product_search" DROP COLUMN "locale";
  ALTER TABLE "product_search" ADD PRIMARY KEY ("product_id");
  DELETE FROM "catalogue_listing";
  DELETE FROM "catalogue_listing_state";
  DELETE FROM "categories_breadcrumbs" WHERE "_locale" <> 'en';
  DROP INDEX "categories_breadcrumbs_locale_idx";
  DROP INDEX "_products_v_snapshot_idx";
  DROP INDEX "_products_v_published_locale_idx";
  DROP INDEX "catalogue_listing_created_idx";
  DROP INDEX "catalogue_listing_updated_idx";
  DROP INDEX "catalogue_listing_updated_desc_idx";
  DROP INDEX "catalogue_listing_price_idx";
  DROP INDEX "catalogue_listing_price_desc_idx";
  DROP INDEX "catalogue_listing_title_idx";
  DROP INDEX "catalogue_listing_title_desc_idx";
  DROP INDEX "catalogue_listing_slug_idx";
  DROP INDEX "catalogue_listing_id_locale_idx";
  ALTER TABLE "catalogue_listing" ADD PRIMARY KEY ("id");
  ALTER TABLE "categories" ADD COLUMN "title" varchar;
  ALTER TABLE "categories" ADD COLUMN "slug" varchar;
  ALTER TABLE "categories" ADD COLUMN "description" varchar;
  ALTER TABLE "products" ADD COLUMN "title" varchar;
  ALTER TABLE "products" ADD COLUMN "slug" varchar;
  ALTER TABLE "products" ADD COLUMN "description" jsonb;
  ALTER TABLE "products" ADD COLUMN "description_text" varchar;
  ALTER TABLE "products" ADD COLUMN "seo_title" varchar;
  ALTER TABLE "products" ADD COLUMN "seo_description" varchar;
  ALTER TABLE "_products_v" ADD COLUMN "version_title" varchar;
  ALTER TABLE "_products_v" ADD COLUMN "version_slug" varchar;
  ALTER TABLE "_products_v" ADD COLUMN "version_description" jsonb;
  ALTER TABLE "_products_v" ADD COLUMN "version_description_text" varchar;
  ALTER TABLE "_products_v" ADD COLUMN "version_seo_title" varchar;
  ALTER TABLE "_products_v" ADD COLUMN "version_seo_description" varchar;
  -- The English texts go back into their columns (other locales' texts are lost by going down).
  UPDATE "categories" c SET "title" = l."title", "slug" = l."slug", "description" = l."description"
    FROM "categories_locales" l WHERE l."_parent_id" = c."id" AND l."_locale" = 'en';
  UPDATE "categories" SET "title" = '' WHERE "title" IS NULL;
  ALTER TABLE "categories" ALTER COLUMN "title" SET NOT NULL;
  UPDATE "products" p SET "title" = l."title", "slug" = l."slug", "description" = l."description", "description_text" = l."description_text",
    "seo_title" = l."seo_title", "seo_description" = l."seo_description"
    FROM "products_locales" l WHERE l."_parent_id" = p."id" AND l."_locale" = 'en';
  UPDATE "_products_v" p SET "version_title" = l."version_title", "version_slug" = l."version_slug", "version_description" = l."version_description",
    "version_description_text" = l."version_description_text", "version_seo_title" = l."version_seo_title", "version_seo_description" = l."version_seo_description"
    FROM "_products_v_locales" l WHERE l."_parent_id" = p."id" AND l."_locale" = 'en';
   ALTER TABLE "categories_locales" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "products_locales" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_products_v_locales" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "categories_locales" CASCADE;
  DROP TABLE "products_locales" CASCADE;
  DROP TABLE "_products_v_locales" CASCADE;
  CREATE UNIQUE INDEX "categories_slug_idx" ON "categories" USING btree ("slug");
  CREATE INDEX "products_title_idx" ON "products" USING btree ("title");
  CREATE UNIQUE INDEX "products_slug_idx" ON "products" USING btree ("slug");
  CREATE INDEX "_products_v_version_version_title_idx" ON "_products_v" USING btree ("version_title");
  CREATE INDEX "_products_v_version_version_slug_idx" ON "_products_v" USING btree ("version_slug");
  CREATE INDEX "catalogue_listing_created_idx" ON "catalogue_listing" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_updated_idx" ON "catalogue_listing" USING btree ("updated_at","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_updated_desc_idx" ON "catalogue_listing" USING btree ("updated_at" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_price_idx" ON "catalogue_listing" USING btree ("price","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_price_desc_idx" ON "catalogue_listing" USING btree ("price" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_title_idx" ON "catalogue_listing" USING btree ("title","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_title_desc_idx" ON "catalogue_listing" USING btree ("title" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
  CREATE INDEX "catalogue_listing_slug_idx" ON "catalogue_listing" USING btree ("slug");
  ALTER TABLE "categories_breadcrumbs" DROP COLUMN "_locale";
  ALTER TABLE "orders" DROP COLUMN "locale";
  ALTER TABLE "_products_v" DROP COLUMN "snapshot";
  ALTER TABLE "_products_v" DROP COLUMN "published_locale";
  ALTER TABLE "catalogue_listing" DROP COLUMN "locale";
  DROP TYPE "public"."_locales";
  DROP TYPE "public"."enum__products_v_published_locale";`)
  await db.execute(sql.raw(PREVIOUS_SEARCH_REFRESH_SQL))
}
