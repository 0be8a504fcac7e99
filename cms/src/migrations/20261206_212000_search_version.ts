import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The catalogue's change counter (docs/search.md): every statement that writes a search document, a
 * listing row or a category adds one to the writing backend's row of `product_search_version`, in
 * the writer's transaction. The sum over the rows therefore grows exactly when such a change
 * commits (and never for a rolled-back one), whichever process or plain SQL made it, so the API's
 * in-memory search snapshot can be checked against it with one tiny read. A row per backend, not one
 * shared row: concurrent writers (checkouts moving stock) never wait for each other's commit.
 * Hand-written: Payload does not know these objects (`tablesFilter` skips `product_search*`).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
CREATE TABLE "product_search_version" ("backend" integer PRIMARY KEY, "changes" bigint NOT NULL);
CREATE FUNCTION "product_search_count_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "product_search_version" ("backend", "changes") VALUES (pg_backend_pid(), 1)
  ON CONFLICT ("backend") DO UPDATE SET "changes" = "product_search_version"."changes" + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER "product_search_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "product_search"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_search_count_change"();
CREATE TRIGGER "product_search_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "catalogue_listing"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_search_count_change"();
CREATE TRIGGER "product_search_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "categories"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_search_count_change"();
`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
DROP TRIGGER IF EXISTS "product_search_version" ON "product_search";
DROP TRIGGER IF EXISTS "product_search_version" ON "catalogue_listing";
DROP TRIGGER IF EXISTS "product_search_version" ON "categories";
DROP FUNCTION IF EXISTS "product_search_count_change"();
DROP TABLE IF EXISTS "product_search_version";
`)
}
