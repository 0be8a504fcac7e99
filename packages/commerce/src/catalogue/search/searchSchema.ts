/**
 * The hand-written part of the plugin's schema: full-text search with facets (see docs/search.md) and
 * the catalogue's change counters. Payload's schema does not know these objects (a host's Postgres
 * adapter skips them with `tablesFilter: ['!product_search*']`); they need the products, categories
 * and catalogue listing tables first. The products' and categories' hooks call
 * `product_search_refresh(ids)` inside the saving transaction, so a host must create all of this.
 *
 * A host copies it into a migration of its own (migrations import nothing live); Showroom's CMS holds
 * it as the migrations `20261204_181253_product_search`, `20261206_212000_search_version`,
 * `20261206_214500_search_stock_flips` and `20261207_122500_localization`. A change here needs a new
 * migration in every host. It needs Payload's localization (the `_locales` enum and the
 * `products_locales` table): one search document per product and locale (docs/languages.md).
 */
export const SEARCH_SCHEMA_SQL = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE TABLE "product_search" (
  "product_id" integer NOT NULL REFERENCES "products"("id") ON DELETE CASCADE,
  "document" tsvector NOT NULL,
  "title" varchar NOT NULL,
  "created_at" timestamp(3) with time zone NOT NULL,
  "currency" varchar NOT NULL,
  "min_price" numeric NOT NULL,
  "max_price" numeric NOT NULL,
  "in_stock" boolean NOT NULL,
  "category_ids" integer[] NOT NULL,
  "option_values" varchar[] NOT NULL,
  "locale" varchar NOT NULL,
  CONSTRAINT "product_search_pkey" PRIMARY KEY ("product_id", "locale")
);
CREATE INDEX "product_search_locale_idx" ON "product_search" USING btree ("locale");
CREATE INDEX "product_search_document_idx" ON "product_search" USING gin ("document");
CREATE INDEX "product_search_category_ids_idx" ON "product_search" USING gin ("category_ids");
CREATE INDEX "product_search_option_values_idx" ON "product_search" USING gin ("option_values");
CREATE TABLE "product_search_words" ("word" varchar PRIMARY KEY);
CREATE INDEX "product_search_words_trgm_idx" ON "product_search_words" USING gist ("word" gist_trgm_ops);

CREATE FUNCTION "product_search_in_stock"(product integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN EXISTS (SELECT 1 FROM "products_variants" v WHERE v."_parent_id" = product)
    THEN EXISTS (SELECT 1 FROM "products_variants" v WHERE v."_parent_id" = product AND v."stock" > 0)
    ELSE COALESCE((SELECT p."stock" > 0 FROM "products" p WHERE p."id" = product), false) END
$$;

CREATE FUNCTION "product_search_config"(locale varchar) RETURNS regconfig LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE locale WHEN 'en' THEN 'english' WHEN 'de' THEN 'german' ELSE 'simple' END::regconfig
$$;

CREATE FUNCTION "product_search_refresh"(product_ids integer[]) RETURNS void LANGUAGE sql VOLATILE AS $$
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

CREATE FUNCTION "product_search_stock_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
-- TG_ARGV[0]: the column of NEW holding the product's id ("id" on products, "_parent_id" on variants).
DECLARE product integer := (to_jsonb(NEW) ->> TG_ARGV[0])::integer;
BEGIN
  UPDATE "product_search" SET "in_stock" = "product_search_in_stock"(product)
  WHERE "product_id" = product;
  RETURN NULL;
END $$;
CREATE TRIGGER "product_search_product_stock" AFTER UPDATE OF "stock" ON "products"
  FOR EACH ROW WHEN ((OLD."stock" > 0) IS DISTINCT FROM (NEW."stock" > 0)) EXECUTE FUNCTION "product_search_stock_changed"('id');
CREATE TRIGGER "product_search_variant_stock" AFTER UPDATE OF "stock" ON "products_variants"
  FOR EACH ROW WHEN ((OLD."stock" > 0) IS DISTINCT FROM (NEW."stock" > 0)) EXECUTE FUNCTION "product_search_stock_changed"('_parent_id');

CREATE TABLE "product_search_version" ("backend" integer PRIMARY KEY, "changes" bigint NOT NULL, "text_changes" bigint NOT NULL);
-- TG_ARGV[0]: 'text' for a statement that may change which documents a term matches, else 'any'.
CREATE FUNCTION "product_search_count_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE text_change integer := CASE WHEN TG_ARGV[0] = 'text' THEN 1 ELSE 0 END;
BEGIN
  INSERT INTO "product_search_version" ("backend", "changes", "text_changes") VALUES (pg_backend_pid(), 1 - text_change, text_change)
  ON CONFLICT ("backend") DO UPDATE SET "changes" = "product_search_version"."changes" + 1 - text_change,
    "text_changes" = "product_search_version"."text_changes" + text_change;
  RETURN NULL;
END $$;
CREATE TRIGGER "product_search_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "product_search"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_search_count_change"('any');
CREATE TRIGGER "product_search_text_version" AFTER INSERT OR UPDATE OF "document" OR DELETE OR TRUNCATE ON "product_search"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_search_count_change"('text');
CREATE TRIGGER "product_search_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "catalogue_listing"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_search_count_change"('any');
CREATE TRIGGER "product_search_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "categories"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_search_count_change"('any');
CREATE TRIGGER "product_search_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "categories_locales"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_search_count_change"('any');
SELECT "product_search_refresh"(array(SELECT "id" FROM "products" WHERE "_status" = 'published'));
`
