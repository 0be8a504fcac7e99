import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

// A frozen copy of the converter this migration was written with (the CMS's own, before it used
// Payload's `convertLexicalToPlaintext`): a migration must give the same result whenever it runs,
// so it imports no live code. For what editors write it gives what `copyDescriptionText` stores today.

/** Longest plain text kept from a description: plenty to search, bounded for a `LIKE` scan. */
const MAX_PLAIN_TEXT_LENGTH = 10_000

/** Nodes that sit inside a line of text rather than starting their own block. */
const INLINE_TYPES = new Set(['autolink', 'link', 'linebreak', 'mark', 'tab', 'text'])

/** Rich text nested deeper than this is not a description anyone wrote; its deeper levels are skipped. */
const MAX_DEPTH = 50

type Node = { children?: unknown; root?: unknown; text?: unknown; type?: unknown }

const asNode = (value: unknown): Node | undefined => (value !== null && typeof value === 'object' ? (value as Node) : undefined)

/** The node's text: inline children continue the current line, block children each start a new one. */
const textOf = (node: Node, depth: number): string => {
  if (typeof node.text === 'string') return node.text
  if (node.type === 'linebreak') return '\n'
  if (node.type === 'tab') return ' '
  if (!Array.isArray(node.children) || depth >= MAX_DEPTH) return ''
  const lines: string[] = []
  let line = ''
  for (const child of node.children) {
    const childNode = asNode(child)
    if (!childNode) continue
    const text = textOf(childNode, depth + 1)
    if (typeof childNode.type === 'string' && !INLINE_TYPES.has(childNode.type) && typeof childNode.text !== 'string') {
      lines.push(line, text)
      line = ''
    } else {
      line += text
    }
  }
  lines.push(line)
  return lines.join('\n')
}

/** Cuts at `max` UTF-16 units without leaving half a surrogate pair at the end. */
const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}

/**
 * The words of a Lexical rich-text value (`{ root: { children: [...] } }`) as plain text: text nodes
 * of one block joined as written, blocks (paragraphs, headings, list items, quotes…) on lines of
 * their own, runs of spaces collapsed and empty lines dropped, at most `maxLength` characters
 * (default `MAX_PLAIN_TEXT_LENGTH`). Anything that is not such a value yields `''`.
 */
const lexicalPlainText = (value: unknown, maxLength = MAX_PLAIN_TEXT_LENGTH): string => {
  const root = asNode(asNode(value)?.root)
  if (!root) return ''
  const text = textOf(root, 0)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
  return truncate(text, maxLength)
}

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
