import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { lexicalPlainText } from '../plugin/collections/products/lexicalPlainText'

/** Rows read and rewritten per round trip while backfilling: bounded memory on a large catalogue. */
const BATCH = 500

type DescriptionRow = { description: unknown; id: number }

/**
 * Fills the plain-text copy of every existing description, in products and in their versions, the
 * way `copyDescriptionText` would have on save (null when there are no words). Walks the ids in order, one batch at a time, and
 * writes each batch with one UPDATE.
 */
const backfillDescriptionText = async (db: MigrateUpArgs['db'], table: 'products' | 'versions'): Promise<void> => {
  let after = 0
  for (;;) {
    const { rows } =
      table === 'products'
        ? await db.execute<DescriptionRow>(sql`
            SELECT "id", "description" FROM "products"
            WHERE "id" > ${after} AND "description" IS NOT NULL ORDER BY "id" LIMIT ${BATCH}`)
        : await db.execute<DescriptionRow>(sql`
            SELECT "id", "version_description" AS "description" FROM "_products_v"
            WHERE "id" > ${after} AND "version_description" IS NOT NULL ORDER BY "id" LIMIT ${BATCH}`)
    const last = rows.at(-1)
    if (!last) return
    const texts = JSON.stringify(rows.map((row) => ({ id: row.id, text: lexicalPlainText(row.description) || null })))
    if (table === 'products') {
      await db.execute(sql`
        UPDATE "products" AS p SET "description_text" = t."text"
        FROM json_to_recordset(${texts}::json) AS t("id" integer, "text" varchar) WHERE p."id" = t."id"`)
    } else {
      await db.execute(sql`
        UPDATE "_products_v" AS v SET "version_description_text" = t."text"
        FROM json_to_recordset(${texts}::json) AS t("id" integer, "text" varchar) WHERE v."id" = t."id"`)
    }
    after = last.id
  }
}

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "products" ADD COLUMN "description_text" varchar;
  ALTER TABLE "_products_v" ADD COLUMN "version_description_text" varchar;
  ALTER TABLE "users" ADD COLUMN "cart" jsonb;`)
  await backfillDescriptionText(db, 'products')
  await backfillDescriptionText(db, 'versions')
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "products" DROP COLUMN "description_text";
  ALTER TABLE "_products_v" DROP COLUMN "version_description_text";
  ALTER TABLE "users" DROP COLUMN "cart";`)
}
