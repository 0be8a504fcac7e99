/**
 * The product import's batched work (docs/csv.md, "How it is fast") leaves exactly the rows that
 * saving each product with every hook doing its own work leaves: the same CSVs go through both paths
 * of `upsertProducts` into two fresh databases, and every table an import writes is compared, ignoring
 * only timestamps and random ids.
 */
import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { categoryIdsByPath, productImportItems, readProductCsv, type UpsertResult, upsertProducts } from '@showroom/payload-commerce'
import type { TypedUser } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from './startTestCms'
import { type Receiver, startReceiver } from './webhookReceiver'

const HEADER = 'sku,title,status,currency,price,compare_at_price,stock,categories,variant_sku,variant_options,variant_price,variant_stock'
const lines = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`

/** New products: published and draft, with and without variants and categories; two that fail. */
const FIRST = lines(
  'EQ-TEE,Plain tee,published,EUR,1999,2999,0,Clothing > Shirts | Sale,EQ-TEE-S,Size=S,,4',
  'EQ-TEE,,,,,,,,EQ-TEE-M,Size=M,2199,6',
  'EQ-MUG,Mug,published,EUR,899,,12,,,,,',
  'EQ-CAP,Cap,draft,EUR,1500,,3,Clothing,,,,',
  'EQ-SOCK,Socks,published,EUR,500,,0,Clothing,EQ-SOCK-1,Pack=1,,10',
  'EQ-SOCK,,,,,,,,EQ-SOCK-3,Pack=3,1200,2',
  'EQ-BAD,Bad price,published,EUR,2000,1000,1,,,,,',
  'EQ-CLASH,Clash,published,EUR,700,,1,,TAKEN-V,Colour=Red,,1',
)

/** The same SKUs again: price, stock and title changes, a publish, an unpublish, a variant added and one dropped. */
const SECOND = lines(
  'EQ-TEE,Plain tee (organic),published,EUR,2099,2999,0,Clothing > Shirts,EQ-TEE-S,Size=S,,7',
  'EQ-TEE,,,,,,,,EQ-TEE-L,Size=L,,5',
  'EQ-MUG,Mug,draft,EUR,899,,12,,,,,',
  'EQ-CAP,Cap,published,EUR,1400,,9,Clothing,,,,',
  'EQ-SOCK,Socks,published,EUR,500,,0,Clothing,EQ-SOCK-1,Pack=1,450,8',
  'EQ-SOCK,,,,,,,,EQ-SOCK-3,Pack=3,1200,2',
  'EQ-NEW,New,published,EUR,300,,4,Sale,,,,',
)

/** Every table a product import writes, with the columns compared (all, unless listed). */
const TABLES: Array<{ columns?: string[]; table: string }> = [
  { table: 'products' },
  { table: 'products_options' },
  { table: 'products_texts' },
  { table: 'products_rels' },
  { table: 'products_variants' },
  { table: 'products_variants_selections' },
  { table: '_products_v' },
  { table: '_products_v_version_options' },
  { table: '_products_v_texts' },
  { table: '_products_v_rels' },
  { table: '_products_v_version_variants' },
  { table: '_products_v_version_variants_selections' },
  { table: 'stock_movements' },
  { table: 'catalogue_listing' },
  { table: 'product_search' },
  { table: 'product_search_words' },
  { table: 'audit_log' },
  // The delivery state follows the receiver's timing, not the import.
  { columns: ['event_type', 'resource', 'sequence', 'target', 'endpoint_id', 'payload'], table: 'webhook_deliveries' },
]

const TIMESTAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g
/** Payload's array row ids and webhook message ids are random. */
const RANDOM_ID = /\b[0-9a-f]{24}\b|msg_[0-9a-f]{32}/g

const normalize = (value: unknown): unknown => {
  if (value instanceof Date) return '<time>'
  if (typeof value === 'string') return value.replace(TIMESTAMP, '<time>').replace(RANDOM_ID, '<id>')
  if (value !== null && typeof value === 'object') return normalize(JSON.stringify(value))
  return value
}

/** A table's rows, normalized and sorted, so two databases' copies compare equal when they hold the same. */
const rowsOf = async (cms: TestCms, { columns, table }: (typeof TABLES)[number]): Promise<string[]> => {
  const select = columns ? sql.join(columns.map((column) => sql.identifier(column)), sql`, `) : sql`*`
  const { rows } = await cms.db.execute<Record<string, unknown>>(sql`select ${select} from ${sql.identifier(table)}`)
  return rows.map((row) => JSON.stringify(Object.entries(row).map(([column, value]) => [column, normalize(value)]))).sort()
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
})
