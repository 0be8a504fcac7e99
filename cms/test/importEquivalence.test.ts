/**
 * The product import's batched work (docs/csv.md, "For developers") leaves exactly the rows that
 * saving each product with every hook doing its own work leaves: the same CSVs go through both paths
 * of `upsertProducts` into two fresh databases, and every table an import writes is compared, ignoring
 * only timestamps, random ids and the order of sequence numbers among products created together.
 */
import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { categoryIdsByPath, productImportItems, readProductCsv, type UpsertResult, upsertProducts } from '@showroom/payload-commerce'
import type { TypedUser } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from './startTestCms'
import { type Receiver, startReceiver } from './webhookReceiver'

const HEADER = 'sku,title,status,currency,price,compare_at_price,stock,categories,variant_sku,variant_options,variant_price,variant_stock,prices,variant_prices'
/** Rows without the last two columns (the price lists) get them empty. */
const lines = (...rows: string[]) => `${[HEADER, ...rows.map((row) => (row.split(',').length < 14 ? `${row},,` : row))].join('\n')}\n`

/** New products: published and draft, with and without variants, categories and price lists; two that fail. */
const FIRST = lines(
  'EQ-TEE,Plain tee,published,EUR,1999,2999,0,Clothing > Shirts | Sale,EQ-TEE-S,Size=S,,4',
  'EQ-TEE,,,,,,,,EQ-TEE-M,Size=M,2199,6,,GBP=1899',
  'EQ-MUG,Mug,published,EUR,899,,12,,,,,,USD=999; GBP=799,',
  'EQ-CAP,Cap,draft,EUR,1500,,3,Clothing,,,,',
  'EQ-SOCK,Socks,published,EUR,500,,0,Clothing,EQ-SOCK-1,Pack=1,,10',
  'EQ-SOCK,,,,,,,,EQ-SOCK-3,Pack=3,1200,2',
  'EQ-BAD,Bad price,published,EUR,2000,1000,1,,,,,',
  'EQ-CLASH,Clash,published,EUR,700,,1,,TAKEN-V,Colour=Red,,1',
)

/** The same SKUs again: price, stock and title changes, a publish, an unpublish, a variant added and one dropped. */
const SECOND = lines(
  'EQ-TEE,Plain tee (organic),published,EUR,2099,2999,0,Clothing > Shirts,EQ-TEE-S,Size=S,,7',
  'EQ-TEE,,,,,,,,EQ-TEE-L,Size=L,,5,,USD=2599',
  'EQ-MUG,Mug,draft,EUR,899,,12,,,,,,USD=1099,',
  'EQ-CAP,Cap,published,EUR,1400,,9,Clothing,,,,',
  'EQ-SOCK,Socks,published,EUR,500,,0,Clothing,EQ-SOCK-1,Pack=1,450,8',
  'EQ-SOCK,,,,,,,,EQ-SOCK-3,Pack=3,1200,2',
  'EQ-NEW,New,published,EUR,300,,4,Sale,,,,',
)

/**
 * Each version as (product, its n-th version): version ids are drawn from a sequence, and products
 * created together draw them in the order their saves reach the table, not the file's (their numbers
 * differ, their rows do not).
 */
const VERSIONS = sql`(select id, parent_id as product, row_number() over (partition by parent_id order by id) as nth from _products_v)`
const VERSION_VARIANTS = sql`(select w.id, v.product, v.nth, w._order as variant from _products_v_version_variants w join ${VERSIONS} v on v.id = w._parent_id)`

/**
 * Every table a product import writes, as compared: all columns by default; `query` reads a table
 * with its sequence-drawn references replaced by what they point at, and `drop` leaves out numbers
 * drawn from sequences that nothing refers to (their order among products saved together is free).
 */
type SQL = ReturnType<typeof sql>
type TableSpec = { columns?: string[]; drop?: string[]; query?: SQL; table: string }
const ofVersion = (table: string, column: string): TableSpec => ({
  drop: ['id', column],
  query: sql`select t.*, v.product, v.nth from ${sql.identifier(table)} t join ${VERSIONS} v on v.id = t.${sql.identifier(column)}`,
  table,
})
const ofVersionVariant = (table: string): TableSpec => ({
  drop: ['id', '_parent_id'],
  query: sql`select t.*, w.product, w.nth, w.variant from ${sql.identifier(table)} t join ${VERSION_VARIANTS} w on w.id = t._parent_id`,
  table,
})
const TABLES: TableSpec[] = [
  { table: 'products' },
  { drop: ['id'], table: 'products_locales' },
  { table: 'products_prices' },
  { table: 'products_options' },
  { drop: ['id'], table: 'products_texts' },
  { drop: ['id'], table: 'products_rels' },
  { table: 'products_variants' },
  { table: 'products_variants_prices' },
  { table: 'products_variants_selections' },
  { drop: ['id', 'parent_id'], query: sql`select t.*, v.nth from _products_v t join ${VERSIONS} v on v.id = t.id`, table: '_products_v' },
  ofVersion('_products_v_locales', '_parent_id'),
  ofVersion('_products_v_version_prices', '_parent_id'),
  ofVersion('_products_v_version_options', '_parent_id'),
  ofVersion('_products_v_texts', 'parent_id'),
  ofVersion('_products_v_rels', 'parent_id'),
  ofVersion('_products_v_version_variants', '_parent_id'),
  ofVersionVariant('_products_v_version_variants_prices'),
  ofVersionVariant('_products_v_version_variants_selections'),
  { drop: ['id'], table: 'stock_movements' },
  { table: 'catalogue_listing' },
  { table: 'product_search' },
  { table: 'product_search_words' },
  { drop: ['id'], table: 'audit_log' },
  // The delivery state follows the receiver's timing, not the import. Sequence numbers are compared as
  // their order among one resource's events (what receivers rely on).
  {
    columns: ['event_type', 'resource', 'nth', 'target', 'endpoint_id', 'payload'],
    query: sql`select *, row_number() over (partition by resource, target, endpoint_id order by sequence) as nth from webhook_deliveries`,
    table: 'webhook_deliveries',
  },
]

const TIMESTAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g
/** Payload's array row ids and webhook message ids are random; an event's sequence is compared as its order. */
const RANDOM_ID = /\b[0-9a-f]{24}\b|msg_[0-9a-f]{32}|(?<="sequence":)\d+/g

const normalize = (value: unknown): unknown => {
  if (value instanceof Date) return '<time>'
  if (typeof value === 'string') return value.replace(TIMESTAMP, '<time>').replace(RANDOM_ID, '<id>')
  if (value !== null && typeof value === 'object') return normalize(JSON.stringify(value))
  return value
}

/** A table's rows, normalized and sorted, so two databases' copies compare equal when they hold the same. */
const rowsOf = async (cms: TestCms, { columns, drop = [], query, table }: TableSpec): Promise<string[]> => {
  const { rows } = await cms.db.execute<Record<string, unknown>>(query ?? sql`select * from ${sql.identifier(table)}`)
  return rows
    .map((row) =>
      JSON.stringify(
        Object.entries(row)
          .filter(([column]) => (columns ? columns.includes(column) : !drop.includes(column)))
          .map(([column, value]) => [column, normalize(value)]),
      ),
    )
    .sort()
}

type Side = { cms: TestCms; editor: TypedUser; results: UpsertResult[] }

const startSide = async (name: string, receiver: Receiver): Promise<Side> => {
  const cms = await startTestCms(name, { storefrontWebhook: { secret: `whsec_${randomBytes(32).toString('base64')}`, url: receiver.url } })
  const clothing = await cms.payload.create({ collection: 'categories', data: { slug: 'clothing', title: 'Clothing' } })
  await cms.payload.create({ collection: 'categories', data: { parent: clothing.id, slug: 'shirts', title: 'Shirts' } })
  await cms.payload.create({ collection: 'categories', data: { slug: 'sale', title: 'Sale' } })
  await cms.payload.create({
    collection: 'products',
    data: { _status: 'published', currency: 'EUR', options: [{ name: 'Colour', values: ['Red'] }], price: 100, sku: 'TAKEN', title: 'Taken', variants: [{ selections: [{ option: 'Colour', value: 'Red' }], sku: 'TAKEN-V', stock: 1 }], stock: 0 },
    draft: false,
  })
  // A receiver of its own that takes two of the events, besides the storefront that takes them all.
  await cms.payload.create({
    collection: 'webhook-endpoints',
    data: { active: true, events: ['price.changed', 'product.updated'], newSecret: `whsec_${randomBytes(32).toString('base64')}`, url: receiver.url } as never,
  })
  const editor = await cms.payload.create({ collection: 'users', data: { email: 'editor@equivalence.test', password: randomBytes(18).toString('base64url'), roles: ['editor'] } })
  return { cms, editor: { ...editor, collection: 'users' } as unknown as TypedUser, results: [] }
}

/** Imports a CSV as the job does (the editor's rights, one product at a time so ids are drawn in the same order). */
const importCsv = async ({ cms, editor, results }: Side, csv: string, perSaveHooks: boolean): Promise<void> => {
  const { items } = productImportItems(readProductCsv(csv), await categoryIdsByPath(cms.payload, 'categories'))
  results.push(await upsertProducts(cms.payload, items, { collection: 'products', concurrency: 1, context: { auditActor: 'import' }, perSaveHooks, user: editor }))
}

let receiver: Receiver
let reference: Side
let batched: Side

beforeAll(async () => {
  receiver = await startReceiver()
  reference = await startSide('import_per_save', receiver)
  batched = await startSide('import_batched', receiver)
  for (const csv of [FIRST, SECOND]) {
    await importCsv(reference, csv, true)
    await importCsv(batched, csv, false)
  }
})
afterAll(async () => {
  await reference?.cms.close()
  await batched?.cms.close()
  await receiver?.stop()
})

describe('the batched import path', () => {
  it('reports the same counts and row errors as saving each product with all its hooks', () => {
    expect(reference.results.map(({ created, failed, updated }) => ({ created, failed, updated }))).toEqual([
      { created: 4, failed: 2, updated: 0 },
      { created: 1, failed: 0, updated: 4 },
    ])
    expect(batched.results).toEqual(reference.results)
  })

  it('tells webhook receivers and the audit log each imported product as a save in the admin would: its slug, title and categories', async () => {
    const db = batched.cms.payload.db.drizzle
    const { rows: events } = await db.execute<{ data: { categories: number[]; slug: string; title: string } }>(
      sql`select payload->'data' as data from webhook_deliveries where payload->>'type' = 'product.created' and payload->'data'->>'title' <> 'Taken'`,
    )
    expect(events.length).toBeGreaterThan(0)
    for (const { data } of events) expect(data).toMatchObject({ slug: expect.stringMatching(/^[a-z0-9-]+$/), title: expect.stringMatching(/\S/) })
    expect(events.some(({ data }) => data.categories.length > 0)).toBe(true)
    const { rows: created } = await db.execute<{ title: null | string }>(sql`select document_title as title from audit_log where actor_name = 'import' and operation = 'create'`)
    expect(created.length).toBeGreaterThan(0)
    expect(created.every(({ title }) => Boolean(title))).toBe(true)
  })

  it.each(TABLES)('leaves the same rows in $table', async (spec) => {
    const expected = await rowsOf(reference.cms, spec)
    if (spec.table !== 'product_search_words') expect(expected.length, `${spec.table} has rows to compare`).toBeGreaterThan(0)
    if (spec.table === 'audit_log') expect(expected.filter((row) => row.includes('"import"')).length, 'entries of the imports').toBeGreaterThan(0)
    if (spec.table === 'webhook_deliveries') expect(expected.filter((row) => /"endpoint_id",\d/.test(row)).length, 'deliveries to the endpoint').toBeGreaterThan(0)
    expect(await rowsOf(batched.cms, spec)).toEqual(expected)
  })

  // Last: it adds products to both sides after the comparisons above.
  it('creates a batch one by one, with the same outcome, when creating it together fails (two new products whose titles make one slug)', async () => {
    const csv = lines('EQ-TWIN-1,Twin lamp,published,EUR,1000,,1,,,,,', 'EQ-TWIN-2,Twin lamp,published,EUR,1100,,2,,,,,', 'EQ-SOLO,Solo lamp,published,EUR,900,,3,,,,,')
    await importCsv(reference, csv, true)
    await importCsv(batched, csv, false)
    const [expected, got] = [reference.results.at(-1), batched.results.at(-1)]
    expect(expected).toMatchObject({ created: 2, errors: [{ column: 'slug', row: 3 }], failed: 1 })
    expect(got).toEqual(expected)
    const { docs } = await batched.cms.payload.find({ collection: 'products', draft: true, pagination: false, where: { sku: { in: ['EQ-TWIN-1', 'EQ-TWIN-2', 'EQ-SOLO'] } } })
    expect(docs.map((doc) => doc.sku).sort()).toEqual(['EQ-SOLO', 'EQ-TWIN-1'])
    // Nothing of the batch that was rolled back is left: one version and one ledger entry per product.
    const db = batched.cms.payload.db.drizzle
    const { rows } = await db.execute<{ movements: number; versions: number }>(sql`
      select (select count(*)::int from _products_v v join products p on p.id = v.parent_id where p.sku in ('EQ-TWIN-1', 'EQ-SOLO')) as versions,
        (select count(*)::int from stock_movements where sku in ('EQ-TWIN-1', 'EQ-TWIN-2', 'EQ-SOLO')) as movements`)
    expect(rows[0]).toEqual({ movements: 2, versions: 2 })
  })
})
