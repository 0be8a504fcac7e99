/**
 * Product CSV import and export, product and order exports (docs/csv.md): imports are matched by
 * SKU, validated by the products collection's own rules, write nothing for a product that fails and
 * list its rows in an errors file; exports re-import unchanged and are staff only.
 */
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, createActors } from './actors'
import { orderBody, postOrder } from './orderRequest'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors

const HEADER = 'sku,title,status,currency,price,compare_at_price,stock,categories,variant_sku,variant_options,variant_price,variant_stock'

beforeAll(async () => {
  cms = await startTestCms('product_csv')
  actors = await createActors(cms)
  const clothing = await cms.payload.create({ collection: 'categories', data: { slug: 'clothing', title: 'Clothing' } })
  await cms.payload.create({ collection: 'categories', data: { parent: clothing.id, slug: 'shirts', title: 'Shirts' } })
  await cms.payload.create({ collection: 'categories', data: { slug: 'sale', title: 'Sale' } })
})
afterAll(async () => cms?.close())

type ImportDoc = { created: number; errorRows: null | number; failed: number; id: number; message?: null | string; processed: number; status: string; total: number; updated: number }

const upload = (csv: Buffer | string, { name = 'products.csv', token = actors.editor.token, type = 'text/csv' } = {}) => {
  const form = new FormData()
  form.append('file', new Blob([typeof csv === 'string' ? csv : new Uint8Array(csv)], { type }), name)
  form.append('_payload', '{}')
  return cms.api('/product-imports', { body: form, method: 'POST', token })
}

/** Uploads a CSV as the editor and waits for its import to finish. */
const importCsv = async (csv: string): Promise<ImportDoc> => {
  const response = await upload(csv)
  expect(response.status, await response.clone().text()).toBe(201)
  const { doc } = (await response.json()) as { doc: { id: number } }
  for (;;) {
    const current = (await cms.payload.findByID({ collection: 'product-imports', depth: 0, id: doc.id })) as unknown as ImportDoc
    if (current.status === 'done' || current.status === 'failed') return current
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const errorsFile = async (id: number, token = actors.editor.token): Promise<Response> => cms.api(`/product-imports/${id}/errors`, { token })

const productBySku = async (sku: string) =>
  (await cms.payload.find({ collection: 'products', depth: 1, draft: true, where: { sku: { equals: sku } } })).docs[0]

const productCount = async (): Promise<number> => (await cms.payload.count({ collection: 'products' })).totalDocs

const lines = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`

describe('importing products from CSV', () => {
  it('creates products with variants and categories by path, and a second import of the same SKUs updates them', async () => {
    const before = await productCount()
    const first = await importCsv(
      lines(
        'CSV-TEE,Plain tee,published,EUR,1999,2999,0,Clothing > Shirts | Sale,CSV-TEE-S,Size=S,,4',
        'CSV-TEE,,,,,,,,CSV-TEE-M,Size=M,2199,6',
        'CSV-MUG,Mug,draft,EUR,899,,12,,,,,',
      ),
    )
    expect(first).toMatchObject({ created: 2, failed: 0, processed: 2, status: 'done', total: 2, updated: 0 })
    expect(first.errorRows ?? 0).toBe(0)
    expect(await productCount()).toBe(before + 2)
    const tee = await productBySku('CSV-TEE')
    expect(tee).toMatchObject({ _status: 'published', compareAtPrice: 2999, price: 1999, title: 'Plain tee' })
    expect(tee?.categories?.map((category) => (typeof category === 'object' ? category.title : category))).toEqual(['Shirts', 'Sale'])
    expect(tee?.options).toEqual([expect.objectContaining({ name: 'Size', values: ['S', 'M'] })])
    expect(tee?.variants?.map(({ price, sku, stock }) => ({ price, sku, stock }))).toEqual([
      { price: null, sku: 'CSV-TEE-S', stock: 4 },
      { price: 2199, sku: 'CSV-TEE-M', stock: 6 },
    ])
    const variantIds = tee?.variants?.map((variant) => variant.id)

    const second = await importCsv(
      lines(
        'CSV-TEE,Plain tee (organic),published,EUR,2499,2999,0,Clothing > Shirts,CSV-TEE-S,Size=S,,4',
        'CSV-TEE,,,,,,,,CSV-TEE-M,Size=M,2199,9',
        'CSV-MUG,Mug,draft,EUR,899,,12,,,,,',
      ),
    )
    expect(second).toMatchObject({ created: 0, failed: 0, status: 'done', updated: 2 })
    expect(await productCount()).toBe(before + 2)
    const updated = await productBySku('CSV-TEE')
    expect(updated).toMatchObject({ price: 2499, title: 'Plain tee (organic)' })
    expect(updated?.categories).toHaveLength(1)
    // The same variants, updated in place (their ids, which orders and the ledger refer to, are kept).
    expect(updated?.variants?.map((variant) => variant.id)).toEqual(variantIds)
    expect(updated?.variants?.[1]?.stock).toBe(9)
  })

  it('imports and exports the tax class; a class the shop does not have is an error on its row and column', async () => {
    const file = (...rows: string[]) => `${['sku,title,status,currency,price,stock,tax_class', ...rows].join('\n')}\n`
    const result = await importCsv(file('CSV-BOOK,Book,published,EUR,2000,5,reduced', 'CSV-LAMP,Lamp,published,EUR,3000,5,', 'CSV-GOLD,Gold,published,EUR,9000,5,luxury'))
    expect(result).toMatchObject({ created: 2, failed: 1, status: 'done' })
    expect((await (await errorsFile(result.id)).text()).trim().split('\n')[1]).toMatch(/^4,tax_class,.*,CSV-GOLD,Gold,/)
    expect((await productBySku('CSV-BOOK'))?.taxClass).toBe('reduced')
    expect((await productBySku('CSV-LAMP'))?.taxClass).toBe('standard')
    expect(await productBySku('CSV-GOLD')).toBeUndefined()
    const exported = await (await cms.api('/products/export', { token: actors.editor.token })).text()
    const [header = '', ...rows] = exported.trim().split('\n')
    const column = header.split(',').indexOf('tax_class')
    expect(rows.find((row) => row.startsWith('CSV-BOOK,'))?.split(',')[column]).toBe('reduced')
    // An empty cell keeps the class.
    expect(await importCsv(file('CSV-BOOK,Book,published,EUR,2100,5,'))).toMatchObject({ failed: 0, updated: 1 })
    expect((await productBySku('CSV-BOOK'))?.taxClass).toBe('reduced')
  })

  it('imports and exports price lists and weights, for products and variants; an empty cell keeps them, "-" removes them', async () => {
    const header = 'sku,title,status,currency,price,stock,weight,prices,variant_sku,variant_options,variant_price,variant_weight,variant_prices'
    const file = (...rows: string[]) => `${[header, ...rows].join('\n')}\n`
    const first = await importCsv(
      file(
        'CSV-LIST,Listed,published,EUR,2000,0,350,USD=2199; gbp=1899,CSV-LIST-S,Size=S,,,USD=2099',
        'CSV-LIST,,,,,,,,CSV-LIST-L,Size=L,2100,420,',
      ),
    )
    expect(first).toMatchObject({ created: 1, failed: 0, status: 'done' })
    const pricesOf = (list: Array<{ amount: number; currency: string }> | null | undefined) => (list ?? []).map(({ amount, currency }) => ({ amount, currency }))
    const listed = await productBySku('CSV-LIST')
    expect(listed?.weight).toBe(350)
    expect(pricesOf(listed?.prices)).toEqual([
      { amount: 2199, currency: 'USD' },
      { amount: 1899, currency: 'GBP' },
    ])
    expect(listed?.variants?.map((variant) => ({ prices: pricesOf(variant.prices), sku: variant.sku, weight: variant.weight }))).toEqual([
      { prices: [{ amount: 2099, currency: 'USD' }], sku: 'CSV-LIST-S', weight: null },
      { prices: [], sku: 'CSV-LIST-L', weight: 420 },
    ])

    // The export writes them in the same form.
    const exported = await (await cms.api('/products/export', { token: actors.editor.token })).text()
    const [exportHeader = '', ...exportRows] = exported.trim().split('\n')
    const columns = exportHeader.split(',')
    const cellsOf = (row: string) => Object.fromEntries(columns.map((column, index) => [column, row.split(',')[index] ?? '']))
    const rows = exportRows.filter((row) => row.startsWith('CSV-LIST,')).map(cellsOf)
    expect(rows.map(({ prices, variant_prices, variant_sku, variant_weight, weight }) => ({ prices, variant_prices, variant_sku, variant_weight, weight }))).toEqual([
      { prices: 'USD=2199; GBP=1899', variant_prices: 'USD=2099', variant_sku: 'CSV-LIST-S', variant_weight: '', weight: '350' },
      { prices: 'USD=2199; GBP=1899', variant_prices: '', variant_sku: 'CSV-LIST-L', variant_weight: '420', weight: '350' },
    ])

    // Empty cells (or a file without the columns) keep the lists and weights; "-" removes them.
    expect(await importCsv(lines('CSV-LIST,Listed again,published,EUR,2000,,0,,CSV-LIST-S,Size=S,,', 'CSV-LIST,,,,,,,,CSV-LIST-L,Size=L,2100,'))).toMatchObject({ failed: 0, updated: 1 })
    const kept = await productBySku('CSV-LIST')
    expect([kept?.title, kept?.weight, pricesOf(kept?.prices).length, pricesOf(kept?.variants?.[0]?.prices), kept?.variants?.[1]?.weight]).toEqual([
      'Listed again',
      350,
      2,
      [{ amount: 2099, currency: 'USD' }],
      420,
    ])
    expect(await importCsv(file('CSV-LIST,Listed again,published,EUR,2000,0,-,-,CSV-LIST-S,Size=S,,,-', 'CSV-LIST,,,,,,,,CSV-LIST-L,Size=L,2100,-,'))).toMatchObject({ failed: 0, updated: 1 })
    const cleared = await productBySku('CSV-LIST')
    expect([cleared?.weight, pricesOf(cleared?.prices), pricesOf(cleared?.variants?.[0]?.prices), cleared?.variants?.[1]?.weight]).toEqual([null, [], [], null])

    // Refused like a save in the admin, on the row and column at fault; nothing written for the product.
    const refused = await importCsv(
      file('CSV-BADLIST,Bad list,published,EUR,1000,0,,XYZ=100,,,,,', 'CSV-TWICE,Twice,published,EUR,1000,0,,USD=100|200,,,,,', 'CSV-HEAVY,Heavy,published,EUR,1000,0,heavy,,,,,,'),
    )
    expect(refused).toMatchObject({ created: 0, failed: 3 })
    const errors = new Map((await (await errorsFile(refused.id)).text()).trim().split('\n').slice(1).map((row) => [Number(row.split(',')[0]), row]))
    expect(errors.get(2)).toMatch(/^2,prices,.*XYZ/)
    expect(errors.get(3)).toMatch(/^3,prices,"""USD"" has 2 prices/)
    expect(errors.get(4)).toMatch(/^4,weight,"""heavy"" is not a number/)
    for (const sku of ['CSV-BADLIST', 'CSV-TWICE', 'CSV-HEAVY']) expect(await productBySku(sku)).toBeUndefined()
  })

  it('keeps drafts away from shoppers and publishes published rows', async () => {
    await importCsv(lines('CSV-DRAFT,Secret,draft,EUR,500,,1,,,,,', 'CSV-LIVE,Public,published,EUR,500,,1,,,,,'))
    const seen = async (sku: string) => {
      const response = await cms.api(`/products?where[sku][equals]=${sku}&depth=0`)
      return ((await response.json()) as { docs: unknown[] }).docs.length
    }
    expect(await seen('CSV-DRAFT')).toBe(0)
    expect(await seen('CSV-LIVE')).toBe(1)
  })

  it('writes nothing for a product that fails and lists its rows, column and reason in the errors file', async () => {
    await importCsv(lines('CSV-TAKEN,Taken,published,EUR,500,,1,,CSV-TAKEN-1,Size=S,,1'))
    const before = await productCount()
    const result = await importCsv(
      lines(
        'CSV-GOOD,Good,published,EUR,500,,1,,,,,',
        'CSV-BADPRICE,Bad price,published,EUR,abc,,1,,,,,',
        'CSV-NOCAT,No category,published,EUR,500,,1,Clothing > Hats,,,,',
        'CSV-CHEAP,Compare below price,published,EUR,500,400,1,,,,,',
        'CSV-DUP,Duplicate,published,EUR,500,,1,,CSV-DUP-1,Size=S,,1',
        'CSV-DUP,,,,,,,,CSV-GOOD,Size=M,,1',
        'CSV-CLASH,Clash,published,EUR,500,,1,,CSV-TAKEN-1,Size=S,,1',
        'CSV-FRACTION,Fraction,published,EUR,5.5,,1,,,,,',
      ),
    )
    expect(result).toMatchObject({ created: 1, failed: 6, status: 'done', total: 7 })
    expect(await productCount()).toBe(before + 1)
    for (const sku of ['CSV-BADPRICE', 'CSV-NOCAT', 'CSV-CHEAP', 'CSV-DUP', 'CSV-CLASH', 'CSV-FRACTION']) expect(await productBySku(sku)).toBeUndefined()

    const response = await errorsFile(result.id)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    expect(response.headers.get('content-disposition')).toContain('attachment')
    const [header, ...rows] = (await response.text()).trim().split('\n')
    expect(header).toBe(
      'row,error_column,error_message,sku,title,slug,status,currency,price,compare_at_price,stock,categories,options,featured,variant_sku,variant_options,variant_price,variant_stock,weight,prices,variant_weight,variant_prices,tax_class',
    )
    const byRow = new Map(rows.map((row) => [Number(row.split(',')[0]), row]))
    expect(byRow.get(3)).toMatch(/^3,price,"""abc"" is not a number/)
    expect(byRow.get(4)).toMatch(/^4,categories,"There is no category ""Clothing > Hats""/)
    expect(byRow.get(5)).toMatch(/^5,compare_at_price,The compare-at price must be higher/)
    expect(byRow.get(7)).toMatch(/^7,variant_sku,.*CSV-GOOD.*also used by the product CSV-GOOD/)
    expect(byRow.get(6)).toMatch(/^6,,Not imported: row 7/)
    expect(byRow.get(8)).toMatch(/^8,variant_sku,"The SKU ""CSV-TAKEN-1"" is already used/)
    expect(byRow.get(9)).toMatch(/^9,price,/)
    expect(byRow.has(2)).toBe(false)

    // Customers never see another import's errors.
    expect((await errorsFile(result.id, actors.alice.token)).status).toBe(403)
  })

  it('records stock set by an import in the stock ledger, as the editor who uploaded it', async () => {
    await importCsv(lines('CSV-STOCK,Stocked,published,EUR,500,,5,,,,,'))
    await importCsv(lines('CSV-STOCK,Stocked,published,EUR,500,,8,,,,,'))
    const product = await productBySku('CSV-STOCK')
    const { docs } = await cms.payload.find({ collection: 'stock-movements', depth: 0, sort: 'id', where: { product: { equals: product?.id } } })
    expect(docs.map(({ actor, delta, reason, stockAfter }) => ({ actor, delta, reason, stockAfter }))).toEqual([
      { actor: actors.editor.id, delta: 5, reason: 'initial', stockAfter: 5 },
      { actor: actors.editor.id, delta: 3, reason: 'edit', stockAfter: 8 },
    ])
  })
})

describe('bad import files', () => {
  it('answers 4xx with a clear message and creates no import', async () => {
    const imports = async () => (await cms.payload.count({ collection: 'product-imports' })).totalDocs
    const before = await imports()
    const cases: Array<[Response, number, RegExp]> = [
      [await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), { name: 'photo.png', type: 'image/png' }), 400, /not a CSV file/],
      [await upload('name,cost\nTee,10\n'), 400, /Unknown columns "name", "cost"/],
      [await upload('sku,title\nA,B\n'), 400, /"price" must be present/],
      [await upload(`${HEADER}\n"CSV-Q,unclosed quote\n`), 400, /not a valid CSV/],
      [await upload(`${HEADER}\n`), 400, /no rows/],
      [await upload(`${HEADER}\n${'X'.repeat(11 * 1024 * 1024)}\n`), 413, /at most 10 MB/],
      [await upload(lines('CSV-C,Customer,published,EUR,1,,1,,,,,'), { token: actors.alice.token }), 403, /not allowed/i],
    ]
    for (const [response, status, message] of cases) {
      expect(response.status).toBe(status)
      expect(((await response.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(message)
    }
    expect(await imports()).toBe(before)
  })
})

describe('exports', () => {
  it('exports products in the import format, escaping formulas, and the file imports back unchanged', async () => {
    await importCsv(
      lines(
        'CSV-FORMULA,"=HYPERLINK(""http://evil.example"")",published,EUR,700,,3,Sale,,,,',
        'CSV-ROUND,Round trip,draft,EUR,1000,1500,0,Clothing > Shirts,CSV-ROUND-S,Size=S,,2',
        'CSV-ROUND,,,,,,,,CSV-ROUND-L,Size=L,1200,0',
      ),
    )
    const exported = async () => {
      const response = await cms.api('/products/export', { token: actors.editor.token })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="products-/)
      return response.text()
    }
    const file = await exported()
    expect(file).toContain(`CSV-FORMULA,"'=HYPERLINK(""http://evil.example"")"`)
    expect(file).toContain('CSV-ROUND,Round trip,round-trip,draft,EUR,1000,1500,0,Clothing > Shirts,Size=S|L,false,CSV-ROUND-L,Size=L,1200,0')
    const before = await productCount()
    const reimport = await importCsv(file)
    expect(reimport).toMatchObject({ created: 0, failed: 0, status: 'done', updated: before })
    expect((await productBySku('CSV-FORMULA'))?.title).toBe('=HYPERLINK("http://evil.example")')
    expect(await exported()).toBe(file)
  })

  it('exports orders, one row per line, to staff only', async () => {
    const product = await productBySku('CSV-LIVE')
    const placed = await postOrder(cms, orderBody([{ product: product?.id, quantity: 1 }]), { token: actors.alice.token })
    expect(placed.status).toBe(201)
    expect((await cms.api('/orders/export')).status).toBe(401)
    expect((await cms.api('/orders/export', { token: actors.alice.token })).status).toBe(403)
    const response = await cms.api('/orders/export', { token: actors.editor.token })
    expect(response.status).toBe(200)
    const [header, ...rows] = (await response.text()).trim().split('\n')
    expect(header).toMatch(/^order_number,created_at,status,payment_status,email,currency,subtotal,shipping_total,total,/)
    expect(rows).toEqual([expect.stringMatching(/^SR-\d{6}-\w+,.*,alice@example\.test,EUR,500,.*,CSV-LIVE,Public,,1,500,500,0,0,0,0$/)])
  })

  it('gives staff the file an import was made from at its upload URL, and nobody else', async () => {
    const csv = lines('CSV-KEPT,Kept,published,EUR,500,,1,,,,,')
    const result = await importCsv(csv)
    const { filename } = (await cms.payload.findByID({ collection: 'product-imports', depth: 0, id: result.id })) as unknown as { filename: string }
    const file = await cms.api(`/product-imports/file/${encodeURIComponent(filename)}`, { token: actors.editor.token })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toContain('text/csv')
    expect(await file.text()).toBe(csv)
    expect((await cms.api(`/product-imports/file/${encodeURIComponent(filename)}`)).status).toBeGreaterThanOrEqual(401)
    expect((await cms.api(`/product-imports/file/${encodeURIComponent(filename)}`, { token: actors.alice.token })).status).toBe(403)
  })

  it('refuses product exports to customers and anonymous callers', async () => {
    expect((await cms.api('/products/export')).status).toBe(401)
    expect((await cms.api('/products/export', { token: actors.alice.token })).status).toBe(403)
  })
})

void sql
