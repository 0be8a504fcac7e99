/**
 * `pnpm bench import`: how long a product CSV import takes through the admin's path (an upload to
 * `product-imports`, the `importProducts` job), on a fresh database of its own on real Postgres
 * (dropped afterwards): 10,000 new products, then the same file again (10,000 updates by SKU).
 * Each product has three variants (sizes), so the file has 30,000 rows.
 * Another size: `pnpm exec tsx bench/import.ts --products 2000`.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { getPayload, type Migration, type Payload } from 'payload'

import { buildShowroomConfig } from '../src/buildShowroomConfig'
import { migrations } from '../src/migrations'
import { parseSeedArgs } from '../src/seed/args'
import { createTestDatabase, reportFigure } from '@showroom/test-support'
import { closePayload } from '../test/closePayload'

const DEFAULT_PRODUCTS = 10_000
/** What `pnpm dev` and `pnpm start` get unless DATABASE_POOL_MAX says otherwise. */
const POOL_MAX = 10
const SIZES = ['S', 'M', 'L']

type ImportDoc = { created: number; failed: number; message?: null | string; processed: number; status: string; total: number; updated: number }
type Run = { doc: ImportDoc; label: string; samples: Array<{ at: number; processed: number }>; seconds: number }

const csvFor = (products: number): string => {
  const lines = ['sku,title,status,currency,price,stock,categories,variant_sku,variant_options,variant_price,variant_stock']
  for (let serial = 1; serial <= products; serial += 1) {
    const sku = `IMP-${String(serial).padStart(6, '0')}`
    const category = serial % 2 === 0 ? 'Clothing > Shirts' : 'Clothing > Trousers'
    SIZES.forEach((size, index) => {
      const product = index === 0 ? `${sku},Imported product ${serial},published,EUR,${1000 + (serial % 5000)},0,${category}` : `${sku},,,,,,`
      lines.push(`${product},${sku}-${size},Size=${size},,${(serial + index) % 20}`)
    })
  }
  return `${lines.join('\n')}\n`
}

/** Uploads the file as the editor, as the admin does, and waits for the job to finish. */
const runImport = async (payload: Payload, editor: Record<string, unknown>, csv: string, label: string): Promise<Run> => {
  const started = performance.now()
  const upload = await payload.create({
    collection: 'product-imports',
    data: {},
    file: { data: Buffer.from(csv), mimetype: 'text/csv', name: `${label.replaceAll(/\W+/g, '-')}.csv`, size: Buffer.byteLength(csv) },
    overrideAccess: false,
    user: { ...editor, collection: 'users' } as never,
  })
  const samples: Run['samples'] = []
  for (;;) {
    const doc = (await payload.findByID({ collection: 'product-imports', depth: 0, id: upload.id })) as unknown as ImportDoc
    samples.push({ at: (performance.now() - started) / 1000, processed: doc.processed ?? 0 })
    if (doc.status === 'done' || doc.status === 'failed') return { doc, label, samples, seconds: (performance.now() - started) / 1000 }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}


const main = async (): Promise<void> => {
  const { products } = parseSeedArgs(process.argv.slice(2))
  const target = products > 0 ? products : DEFAULT_PRODUCTS
  const database = await createTestDatabase('bench_import')
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'showroom-bench-import-'))
  let payload: Payload | undefined
  try {
    const config = await buildShowroomConfig({
      DATABASE_POOL_MAX: POOL_MAX,
      DATABASE_URL: database.url,
      MEDIA_DIR: mediaDir,
      NODE_ENV: 'test',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      SERVER_URL: 'http://localhost:3000',
      STOREFRONT_URL: ['http://localhost:4321'],
    })
    payload = await getPayload({ config, key: database.name })
    await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
    const editor = await payload.create({ collection: 'users', data: { email: 'editor@bench.local', password: randomBytes(18).toString('base64url'), roles: ['editor'] } })
    const clothing = await payload.create({ collection: 'categories', data: { slug: 'clothing', title: 'Clothing' } })
    for (const title of ['Shirts', 'Trousers']) await payload.create({ collection: 'categories', data: { parent: clothing.id, slug: title.toLowerCase(), title } })
    const csv = csvFor(target)
    console.log(`Importing ${target.toLocaleString('en')} products (${(target * SIZES.length).toLocaleString('en')} rows, ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB) into a fresh database (pool of ${POOL_MAX}) …`)
    const runs: Run[] = []
    for (const label of [`${target} new products`, `${target} products again (updates)`]) {
      const run = await runImport(payload, editor as unknown as Record<string, unknown>, csv, label)
      if (run.doc.status !== 'done' || run.doc.failed > 0) throw new Error(`The import "${label}" did not succeed: ${JSON.stringify(run.doc)}`)
      runs.push(run)
      console.log(`    ${label}: ${run.seconds.toFixed(1)} s (progress seen ${run.samples.filter((sample) => sample.processed > 0 && sample.processed < target).length} times between start and end)`)
    }
    console.log(
      [
        '',
        '| run | products | created | updated | s | products/s |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        ...runs.map(({ doc, label, seconds }) => `| ${label} | ${doc.total} | ${doc.created} | ${doc.updated} | ${seconds.toFixed(1)} | ${(doc.total / seconds).toFixed(0)} |`),
        '',
      ].join('\n'),
    )
    const [created, updated] = runs
    if (created) reportFigure(`import ${target.toLocaleString('en')} new products (3 variants each)`, created.seconds, 's')
    if (updated) reportFigure(`re-import ${target.toLocaleString('en')} products (updates by SKU)`, updated.seconds, 's')
    console.log('Seconds run from the upload to the import document reading "done" (job queued, run after the commit, progress recorded every 200 products).')
  } finally {
    if (payload) await closePayload(payload)
    await database.drop()
    rmSync(mediaDir, { force: true, recursive: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('The import benchmark failed:', error)
    process.exit(1)
  },
)
