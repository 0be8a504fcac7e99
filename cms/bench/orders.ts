/**
 * `pnpm bench orders`: concurrent checkouts against real Postgres. A CMS API process (no Next) runs on
 * a fresh database; this process places 500 two-line orders from 80 concurrent clients for a
 * product with stock for 400, then reports throughput, latency and whether anything was oversold.
 * Before it measures, the API process places 200 orders of its own on a warm-up product (stock for
 * 150, so refusals too): a shop's server has run checkouts before, and a fresh process compiling its
 * code would otherwise make the first 80 requests' latency. The tables are analysed before measuring
 * (the machines' Postgres runs without autovacuum).
 * Options: `--orders N --connections N --stock N`, and `--db-socket DIR` to connect the CMS to Postgres
 * through its Unix socket in DIR (such as /var/run/postgresql) instead of TCP on 127.0.0.1, as a CMS on
 * the database host would (docs/inventory.md, "Checkout under load").
 */
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { createTestDatabase, freePort, reportFigure, startProcess } from '@showroom/test-support'
import { getPayload, type Migration } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { buildShowroomConfig } from '../src/buildShowroomConfig'
import { migrations } from '../src/migrations'
import { poolSql } from '@showroom/payload-commerce/database'
import { closePayload } from '../test/closePayload'

const { values } = parseArgs({
  options: {
    connections: { default: '80', type: 'string' },
    'db-socket': { type: 'string' },
    orders: { default: '500', type: 'string' },
    stock: { default: '400', type: 'string' },
  },
})
const ORDERS = Number(values.orders)
const CONNECTIONS = Number(values.connections)
const STOCK = Number(values.stock)
const SECRET = 'bench-orders-secret-0123456789abcdef0123'
const POOL_MAX = 10
const WARM_UP_ORDERS = 200
const WARM_UP_STOCK = 150

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0

const database = await createTestDatabase('bench_orders')
const SOCKET = values['db-socket']
/** The CMS's database address: the test database over TCP, or the same database through the server's Unix socket. */
const cmsDatabaseUrl = SOCKET ? `postgresql://postgres@/${database.name}?host=${encodeURIComponent(SOCKET)}` : database.url
const port = await freePort()
const origin = `http://127.0.0.1:${port}`
const METRICS_TOKEN = 'bench-orders-metrics-0123456789'
// Every order comes from this one client: lift its order limit (docs/security.md), which is per shopper.
const env = { DATABASE_POOL_MAX: String(POOL_MAX), METRICS_TOKEN, DATABASE_URL: cmsDatabaseUrl, NODE_ENV: 'production' as const, PAYLOAD_SECRET: SECRET, RATE_LIMIT_ORDERS: '1000000/60', SERVER_URL: origin }
const server = await startProcess({
  args: ['exec', 'tsx', 'scripts/serveApi.ts', '--migrate', '--port', String(port)],
  command: 'pnpm',
  cwd: process.cwd(),
  env: { ...process.env, ...env },
  // Its request log goes to a file: a pipe read by this busy process would block it on every line.
  outputFile: path.join(tmpdir(), `showroom-bench-orders-${port}.log`),
  readyLine: /listening on/,
  timeoutMs: 120_000,
})

try {
  // The catalogue, written directly: one scarce product and one plentiful one.
  const config = await buildShowroomConfig({ ...env, DATABASE_POOL_MAX: 3, MEDIA_DIR: 'media', NODE_ENV: 'test', STOREFRONT_URL: ['http://localhost:4321'] })
  const payload = await getPayload({ config, key: 'bench' })
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  const create = async (sku: string, stock: number) =>
    (await payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', price: 1500, sku, stock, title: sku } })).id
  const scarce = await create('SCARCE', STOCK)
  const plenty = await create('PLENTY', ORDERS * 2 + WARM_UP_ORDERS)
  const warmUp = await create('WARM-UP', WARM_UP_STOCK)

  const bodyFor = (first: number, second: number) =>
    JSON.stringify({
      email: 'bench@example.test',
      items: [
        { product: first, quantity: 1 },
        { product: second, quantity: 1 },
      ],
      payment: { method: 'manual' },
      shippingAddress: { city: 'Berlin', country: 'DE', line1: 'Benchstraße 1', name: 'Bench', postalCode: '10115' },
      shippingMethod: 'standard',
    })
  const place = (body: string) => fetch(`${origin}/api/v1/orders`, { body, headers: { 'Content-Type': 'application/json' }, method: 'POST' })
  let warmed = 0
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (warmed < WARM_UP_ORDERS) {
        warmed += 1
        await (await place(bodyFor(warmUp, plenty))).arrayBuffer()
      }
    }),
  )
  const plentyStart = (await payload.findByID({ collection: 'products', depth: 0, id: plenty })).stock ?? 0
  await poolSql(payload).execute(sql`analyze`)

  const body = bodyFor(scarce, plenty)
  /** The API process's CPU time so far (user + system), from its own metrics: less at the mercy of a busy machine than wall time. */
  const serverCpuSeconds = async (): Promise<number> => {
    const text = await (await fetch(`${origin}/api/v1/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text()
    return ['user', 'system'].reduce((sum, kind) => sum + Number(new RegExp(`^process_cpu_${kind}_seconds_total (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN), 0)
  }
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  let next = 0
  const worker = async () => {
    while (next < ORDERS) {
      next += 1
      const started = performance.now()
      const response = await place(body)
      await response.arrayBuffer()
      latencies.push(performance.now() - started)
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
    }
  }
  const cpuBefore = await serverCpuSeconds()
  const started = performance.now()
  await Promise.all(Array.from({ length: CONNECTIONS }, worker))
  const seconds = (performance.now() - started) / 1000
  const cpuPerRequest = ((await serverCpuSeconds()) - cpuBefore) / ORDERS

  const stockOf = async (id: number) => (await payload.findByID({ collection: 'products', depth: 0, id })).stock ?? 0
  const placed = (await payload.count({ collection: 'orders', where: { 'items.product': { equals: scarce } } })).totalDocs
  const [scarceLeft, plentyLeft] = [await stockOf(scarce), await stockOf(plenty)]
  const oversold = Math.max(0, placed - STOCK) + (scarceLeft < 0 ? -scarceLeft : 0)
  const consistent = STOCK - scarceLeft === placed && plentyStart - plentyLeft === placed
  latencies.sort((a, b) => a - b)

  console.log(`\n${ORDERS} two-line checkouts from ${CONNECTIONS} connections; stock for ${STOCK}; CMS pool of ${POOL_MAX} over ${SOCKET ? `the Unix socket in ${SOCKET}` : 'TCP'}; after ${WARM_UP_ORDERS} warm-up checkouts.\n`)
  console.log('| requests | orders placed | refused (409) | other | seconds | requests/s | orders/s | p50 ms | p99 ms | API CPU ms/request | oversold | stock matches orders |')
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
  const other = ORDERS - (statuses.get(201) ?? 0) - (statuses.get(409) ?? 0)
  console.log(
    `| ${ORDERS} | ${placed} | ${statuses.get(409) ?? 0} | ${other} | ${seconds.toFixed(1)} | ${(ORDERS / seconds).toFixed(0)} | ${(placed / seconds).toFixed(0)} | ${percentile(latencies, 50).toFixed(0)} | ${percentile(latencies, 99).toFixed(0)} | ${(cpuPerRequest * 1000).toFixed(1)} | ${oversold} | ${consistent ? 'yes' : 'NO'} |`,
  )
  reportFigure('checkout requests/s', ORDERS / seconds, 'req/s')
  reportFigure('orders placed/s', placed / seconds, 'orders/s')
  reportFigure('checkout latency p50', percentile(latencies, 50), 'ms')
  reportFigure('checkout latency p99', percentile(latencies, 99), 'ms')
  reportFigure('API CPU per checkout request', cpuPerRequest * 1000, 'ms')
  reportFigure('orders oversold', oversold, 'orders')
  if (oversold > 0 || !consistent || other > 0) process.exitCode = 1
  await closePayload(payload)
} finally {
  await server.stop()
  await database.drop()
}
process.exit(process.exitCode ?? 0)
