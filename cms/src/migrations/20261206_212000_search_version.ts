import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The catalogue's change counters (docs/search.md): every statement that writes a search document, a
 * listing row or a category adds one to `changes` in the writing backend's row of
 * `product_search_version`, in the writer's transaction; one that adds, removes or rewrites a search
 * document's text also adds one to `text_changes` (a checkout's stock trigger only sets the in-stock
 * flag, so it does not). The sums therefore grow exactly when such a change commits (and never for a
 * rolled-back one), whichever process or plain SQL made it, so the API's in-memory search data can be
 * checked against them with one tiny read, and a term's matches outlive stock moves. A row per
 * backend, not one shared row: concurrent writers (checkouts moving stock) never wait for each
 * other's commit.
 * Hand-written: Payload does not know these objects (`tablesFilter` skips `product_search*`).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
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
`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
DROP TRIGGER IF EXISTS "product_search_version" ON "product_search";
DROP TRIGGER IF EXISTS "product_search_text_version" ON "product_search";
DROP TRIGGER IF EXISTS "product_search_version" ON "catalogue_listing";
DROP TRIGGER IF EXISTS "product_search_version" ON "categories";
DROP FUNCTION IF EXISTS "product_search_count_change"();
DROP TABLE IF EXISTS "product_search_version";
`)
}
