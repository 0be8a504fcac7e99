/**
 * `pnpm bench seed`: how long the seed takes and how much memory it needs, on a fresh database of
 * its own (dropped afterwards): first the demo catalogue, then 10,000 generated products on top.
 * Run directly for another size: `pnpm exec tsx bench/seed.ts --products 2000`.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { getPayload, type Migration, type Payload } from 'payload'

import { buildShowroomConfig } from '../src/buildShowroomConfig'
import { migrations } from '../src/migrations'
import { parseSeedArgs } from '../src/seed/args'
import { seed, type SeedResult } from '../src/seed/seed'
import { createTestDatabase, reportFigure } from '@showroom/test-support'
import { closePayload } from '../test/closePayload'

const DEFAULT_PRODUCTS = 10_000
/** What `pnpm dev` and `pnpm seed` get unless DATABASE_POOL_MAX says otherwise. */
const POOL_MAX = 10

type Row = { heapMb: number; label: string; result: SeedResult; rssMb: number }

const mb = (bytes: number): number => bytes / 1024 / 1024

/** Runs one seed while sampling the heap, since its peak matters more than where it ends. */
const measure = async (label: string, run: () => Promise<SeedResult>): Promise<Row> => {
  let heapPeak = process.memoryUsage().heapUsed
  const sampler = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
  }, 100)
  try {
    const result = await run()
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
    // maxRSS is in kibibytes and covers the process's whole life so far.
    return { heapMb: mb(heapPeak), label, result, rssMb: process.resourceUsage().maxRSS / 1024 }
  } finally {
    clearInterval(sampler)
  }
}

const table = (rows: Row[]): string =>
  [
    '| run | products created | images created | total s | products s | products/s | peak RSS MB | peak heap used MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(({ heapMb, label, result, rssMb }) => {
      const { images, products } = result.created
      const productSeconds = result.phases.products
      const cells = [
        label,
        products,
        images,
        result.seconds.toFixed(1),
        productSeconds.toFixed(1),
        (products / Math.max(productSeconds, 0.001)).toFixed(0),
        rssMb.toFixed(0),
        heapMb.toFixed(0),
      ]
      return `| ${cells.join(' | ')} |`
    }),
  ].join('\n')


const main = async (): Promise<void> => {
  const { products } = parseSeedArgs(process.argv.slice(2))
  const target = products > 0 ? products : DEFAULT_PRODUCTS
  const database = await createTestDatabase('bench_seed')
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'showroom-bench-seed-'))
  let payload: Payload | undefined
  try {
    const config = await buildShowroomConfig({
      DATABASE_POOL_MAX: POOL_MAX,
      DATABASE_URL: database.url,
      NODE_ENV: 'test',
    MEDIA_DIR: mediaDir,
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      SERVER_URL: 'http://localhost:3000',
      STOREFRONT_URL: ['http://localhost:4321'],
    })
    payload = await getPayload({ config, key: database.name })
    await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
    const ready = payload
    const password = (): string => randomBytes(18).toString('base64url')
    const users = {
      admin: { email: 'admin@bench.local', password: password() },
      customer: { email: 'customer@bench.local', password: password() },
      editor: { email: 'editor@bench.local', password: password() },
    }
    const log = (line: string): void => console.log(`    ${line}`)

    console.log(`Seeding a fresh database (pool of ${POOL_MAX} connections) …`)
    const rows = [
      await measure('demo catalogue', () => seed({ log, payload: ready, users })),
      await measure(`${target.toLocaleString('en')} generated products`, () =>
        seed({ log, payload: ready, products: target, users }),
      ),
    ]
    console.log(`\n${table(rows)}\n`)
    for (const { heapMb, label, result, rssMb } of rows) {
      reportFigure(`seed ${label}: total`, result.seconds, 's')
      reportFigure(`seed ${label}: products/s`, result.created.products / Math.max(result.phases.products, 0.001), 'products/s')
      reportFigure(`seed ${label}: peak RSS`, rssMb, 'MB')
      reportFigure(`seed ${label}: peak heap used`, heapMb, 'MB')
    }
    console.log('products/s counts the product phase only; total s includes users, categories and drawing images.')
    console.log('Peak RSS is the process’s high-water mark (process.resourceUsage().maxRSS), so the last row covers both runs.')
  } finally {
    if (payload) await closePayload(payload)
    await database.drop()
    rmSync(mediaDir, { force: true, recursive: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('The seed benchmark failed:', error)
    process.exit(1)
  },
)
