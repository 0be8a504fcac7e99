import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Shipping methods' labels per language (docs/languages.md): Payload's generated SQL moves `label` into
 * `shipping_zones_methods_locales`; the hand-written `INSERT … SELECT` keeps every saved label as its
 * English (`en`) value first. Down copies the English labels back (another language's where a method
 * has no English one); German labels are lost by going down.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "shipping_zones_methods_locales" (
  	"label" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" varchar NOT NULL
  );

  ALTER TABLE "shipping_zones_methods_locales" ADD CONSTRAINT "shipping_zones_methods_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."shipping_zones_methods"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "shipping_zones_methods_locales_locale_parent_id_unique" ON "shipping_zones_methods_locales" USING btree ("_locale","_parent_id");
  INSERT INTO "shipping_zones_methods_locales" ("label", "_locale", "_parent_id")
    SELECT "label", 'en', "id" FROM "shipping_zones_methods";
  ALTER TABLE "shipping_zones_methods" DROP COLUMN "label";`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "shipping_zones_methods" ADD COLUMN "label" varchar;
  UPDATE "shipping_zones_methods" m SET "label" = coalesce(
    (SELECT l."label" FROM "shipping_zones_methods_locales" l WHERE l."_parent_id" = m."id" AND l."_locale" = 'en'),
    (SELECT l."label" FROM "shipping_zones_methods_locales" l WHERE l."_parent_id" = m."id" AND l."label" IS NOT NULL ORDER BY l."_locale" LIMIT 1),
    m."code"
  );
  ALTER TABLE "shipping_zones_methods" ALTER COLUMN "label" SET NOT NULL;
  DROP TABLE "shipping_zones_methods_locales" CASCADE;`)
}
