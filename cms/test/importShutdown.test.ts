/**
 * A CMS stopped (SIGTERM, a deploy) while a product import runs: the import ends after the batch it
 * is saving, before the pool closes, and its document says how far it got and what to do (docs/csv.md).
 */
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'

import { createActors } from './actors'
import { closePayload } from './closePayload'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms | undefined

afterAll(async () => cms?.close())

const PRODUCTS = 1000

it('stops a running import after its current batch when the CMS stops, and says how far it got', async () => {
  cms = await startTestCms('import_shutdown')
  const { editor } = await createActors(cms)
  const rows = Array.from({ length: PRODUCTS }, (_, index) => `STOP-${String(index).padStart(5, '0')},Stopped import ${index},published,EUR,1500,3`)
  const form = new FormData()
  form.append('file', new Blob([`sku,title,status,currency,price,stock\n${rows.join('\n')}\n`], { type: 'text/csv' }), 'big.csv')
  form.append('_payload', '{}')
  const response = await cms.api('/product-imports', { body: form, method: 'POST', token: editor.token })
  expect(response.status).toBe(201)
  const { doc } = (await response.json()) as { doc: { id: number } }
  // The first batch is saved: the import is under way.
  for (;;) {
    const current = await cms.payload.findByID({ collection: 'product-imports', depth: 0, id: doc.id })
    expect(current.status).not.toBe('done')
    if ((current.processed ?? 0) > 0) break
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  await closePayload(cms.payload)

  const client = new pg.Client({ connectionString: cms.databaseUrl })
  await client.connect()
  try {
    const { rows: imports } = await client.query<{ message: string; processed: number; status: string; total: number }>(
      'select status, processed::int as processed, total::int as total, message from product_imports where id = $1',
      [doc.id],
    )
    const { rows: saved } = await client.query<{ count: string }>(`select count(*) from products where sku like 'STOP-%'`)
    const [stopped] = imports
    expect(stopped?.status).toBe('failed')
    expect(stopped?.total).toBe(PRODUCTS)
    expect(stopped?.processed).toBeLessThan(PRODUCTS)
    // Every product it counts was saved whole, and none beyond.
    expect(Number(saved[0]?.count)).toBe(stopped?.processed)
    expect(stopped?.message).toBe(
      `The CMS was stopped during this import, after ${stopped?.processed} of ${PRODUCTS} products. Import the same file again to finish: products already imported are updated, never duplicated.`,
    )
  } finally {
    await client.end()
  }
})
