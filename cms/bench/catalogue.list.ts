/**
 * `pnpm bench catalogue` (this part): the CMS's product list at 1,000, 10,000 and 100,000 products.
 * A catalogue of demo-like products (categories, images, options, variants, rich-text descriptions) is
 * written through Payload, then copied in bulk SQL up to each size (`_catalogueFixture.ts`), its
 * listing projection written by the app's own builder (`refreshListing`), and the database
 * `VACUUM ANALYZE`d (this machine's Postgres runs without autovacuum). Two API processes
 * (`scripts/serveApi.ts`, production mode) serve it: one with the response cache (default), one
 * without (`CATALOGUE_CACHE_MAX_BYTES=0`, what a shopper pays right after an edit). wrk, one thread,
 * 16 connections, measures each query; a raw `node:http` server sending the same bytes is the
 * baseline of the same run. Options: `--sizes 1000,10000,100000 --duration 5`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { parseArgs } from 'node:util'

import { createTestDatabase, freePort, reportFigure, type RunningProcess, startProcess } from '@showroom/test-support'
import { createLocalReq, getPayload, type Migration, type Payload } from 'payload'
import pg from 'pg'
import sharp from 'sharp'

import { buildShowroomConfig } from '../src/buildShowroomConfig'
import { migrations } from '../src/migrations'
import { sanitizeConfig } from '@showroom/payload-commerce'
import { refreshListing } from '@showroom/payload-commerce/catalogue'
import { closePayload } from '../test/closePayload'
import { growCatalogue } from './_catalogueFixture'

const run = promisify(execFile)

const { values } = parseArgs({ options: { duration: { default: '5', type: 'string' }, sizes: { default: '1000,10000,100000', type: 'string' } }, strict: false })
const SIZES = String(values.sizes).split(',').map(Number)
const DURATION = `${Number(values.duration)}s`
const CONNECTIONS = 16
const SECRET = 'bench-catalogue-secret-0123456789abcdef'

/** The peer's figures at 10,000 products, as issue 12 quotes them (not measured here). */
const PEER = { deepColdMs: '54–73', deepPage: 24, depth0: 106, depth1: 66, depth1P99: 348, like: 52, sort: 18 }

type WrkResult = { cpuMs?: number; p99: number; rps: number }

const METRICS_TOKEN = 'bench-catalogue-metrics-0123456789'

/** An API process's CPU time so far (user + system), from its own metrics: steadier than wall time on a busy machine. */
const cpuSeconds = async (origin: string): Promise<number> => {
  const text = await (await fetch(`${origin}/api/v1/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text()
  return ['user', 'system'].reduce((sum, kind) => sum + Number(new RegExp(`^process_cpu_${kind}_seconds_total (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN), 0)
}

/** wrk against an API process, with the process's CPU milliseconds per request. */
const wrkApi = async (origin: string, path: string): Promise<WrkResult> => {
  const before = await cpuSeconds(origin)
  const { stdout, ...result } = await wrkRun(`${origin}${path}`)
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1])
  return { ...result, cpuMs: ((await cpuSeconds(origin)) - before) * 1000 / requests }
}

const wrk = async (url: string): Promise<WrkResult> => {
  const { stdout: _stdout, ...result } = await wrkRun(url)
  return result
}

const wrkRun = async (url: string): Promise<WrkResult & { stdout: string }> => {
  const { stdout } = await run('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${DURATION}`, '--latency', url], { maxBuffer: 1 << 20 })
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1])
  const p99 = /99%\s+([\d.]+)(us|ms|s)\b/.exec(stdout)
  const scale = p99?.[2] === 'us' ? 0.001 : p99?.[2] === 's' ? 1000 : 1
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)
  if (errors) throw new Error(`wrk ${url}: ${errors[1]} failed responses\n${stdout}`)
  return { p99: Number(p99?.[1]) * scale, rps, stdout }
}

const paragraph = (text: string) => ({
  root: { children: [{ children: [{ text, type: 'text', version: 1 }], type: 'paragraph', version: 1 }], direction: null, format: '' as const, indent: 0, type: 'root', version: 1 },
})

/** A few dozen products as editors write them, through Payload: what the bulk copies are made of. */
const writeBaseCatalogue = async (payload: Payload): Promise<void> => {
  const category = async (title: string, parent?: number) => (await payload.create({ collection: 'categories', data: { parent, title } })).id
  const home = await category('Home')
  const categories = [await category('Kitchen', home), await category('Living', home), await category('Bags'), await category('Shirts')]
  const images: number[] = []
  for (const [index, colour] of ['#c33', '#3c3', '#33c', '#cc3'].entries()) {
    const data = await sharp({ create: { background: colour, channels: 3, height: 60, width: 48 } }).png().toBuffer()
    images.push((await payload.create({ collection: 'media', data: { alt: `Picture ${index}` }, file: { data, mimetype: 'image/png', name: `picture-${index}.png`, size: data.length } })).id)
  }
  const nouns = ['Linen Shirt', 'Stoneware Plate', 'Canvas Tote', 'Wool Throw', 'Copper Pan', 'Oak Lamp', 'Leather Bag', 'Cotton Towel']
  const adjectives = ['Classic', 'Soft', 'Everyday', 'Heritage']
  let n = 0
  for (const adjective of adjectives) {
    for (const noun of nouns) {
      n += 1
      const withVariants = n % 3 === 0
      const { id } = await payload.create({
        collection: 'products',
        data: {
          _status: 'published',
          categories: [categories[n % categories.length] ?? home],
          currency: 'EUR',
          description: paragraph(`The ${adjective} ${noun} is made to last, from materials chosen for their feel and their age.`),
          images: [images[n % images.length] ?? 0, images[(n + 1) % images.length] ?? 0],
          price: 1500 + ((n * 733) % 9000),
          sku: `BASE-${n}`,
          stock: n % 7,
          title: `${adjective} ${noun}`,
          ...(withVariants && {
            options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
            variants: ['S', 'M', 'L'].map((size, index) => ({ selections: [{ option: 'Size', value: size }], sku: `BASE-${n}-${size}`, stock: index * 3, ...(index === 2 && { price: 4900 }) })),
          }),
        },
      })
      // One in sixteen is taken off sale again: a draft, which no anonymous list may show.
      if (n % 16 === 0) await payload.update({ collection: 'products', data: { _status: 'draft' }, id })
    }
  }
}

const startApi = async (databaseUrl: string, env: Record<string, string>): Promise<{ origin: string; process: RunningProcess }> => {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const started = await startProcess({
    args: ['--import', 'tsx', 'scripts/serveApi.ts', '--port', String(port)],
    command: process.execPath,
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', METRICS_TOKEN, NODE_ENV: 'production', PAYLOAD_SECRET: SECRET, SERVER_URL: 'http://localhost:3000', ...env },
    readyLine: /listening on/,
    timeoutMs: 120_000,
  })
  return { origin, process: started }
}

/** A raw `node:http` server sending `body` as the API does (JSON): the ceiling of this machine and wrk. */
const startRawServer = async (body: Buffer) => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/json' })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())), url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }
}

const timed = async (url: string): Promise<number> => {
  const started = performance.now()
  const response = await fetch(url)
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`)
  return performance.now() - started
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

const database = await createTestDatabase('bench_catalogue')
const config = await buildShowroomConfig({
  DATABASE_POOL_MAX: 4,
  DATABASE_URL: database.url,
  MEDIA_DIR: `${process.cwd()}/.data/bench-media`,
  NODE_ENV: 'test',
  PAYLOAD_SECRET: SECRET,
  SERVER_URL: 'http://localhost:3000',
  STOREFRONT_URL: ['http://localhost:4321'],
})
const payload = await getPayload({ config, key: 'bench-catalogue' })
await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
await writeBaseCatalogue(payload)
const client = new pg.Client({ connectionString: database.url })
await client.connect()

const LIST = '/api/v1/products?limit=24&depth=1'
const SLUGS = sanitizeConfig().slugs
const rows: string[] = []
try {
  for (const size of SIZES) {
    const grownAt = performance.now()
    await growCatalogue(client, size)
    const grown = performance.now() - grownAt
    const builtAt = performance.now()
    const { rows: missing } = await client.query<{ id: number }>(
      `select p.id from products p left join catalogue_listing l on l.id = p.id where p._status = 'published' and l.id is null order by p.id`,
    )
    // The app's own builder, three batches at a time (the pool has four connections).
    const ids = missing.map((row) => Number(row.id))
    const lanes = 3
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const req = await createLocalReq({}, payload)
        const mine = ids.filter((_, index) => Math.floor(index / 100) % lanes === lane)
        await refreshListing(req, { maxPublicPageSize: 100, slugs: SLUGS }, mine)
      }),
    )
    await client.query(`insert into catalogue_listing_state (id, built_at) values (1, now()) on conflict do nothing`)
    const built = performance.now() - builtAt
    await client.query('vacuum analyze')
    const { rows: counts } = await client.query<{ listed: string; products: string }>(
      `select (select count(*) from products)::text as products, (select count(*) from catalogue_listing)::text as listed`,
    )
    console.log(`\n${size} products: copied in ${(grown / 1000).toFixed(1)} s, listing rows written by the app's builder in ${(built / 1000).toFixed(1)} s (${missing.length} rows), then VACUUM ANALYZE; ${counts[0]?.listed} published of ${counts[0]?.products}`)

    const cached = await startApi(database.url, {})
    const uncached = await startApi(database.url, { CATALOGUE_CACHE_MAX_BYTES: '0' })
    try {
      const listed = Number(counts[0]?.listed)
      const lastPage = Math.ceil(listed / 24)
      const deep = Math.min(200, lastPage)
      const queries = {
        deep: `${LIST}&page=${deep}`,
        depth0: '/api/v1/products?limit=24&depth=0',
        depth1: LIST,
        like: `${LIST}&where[title][like]=linen`,
        sort: `${LIST}&sort=-price`,
      }
      // A fresh process first compiles and optimises its code: warm both up on pages nothing below asks for.
      for (const api of [cached, uncached]) {
        await run('wrk', ['-t1', `-c${CONNECTIONS}`, '-d2s', `${api.origin}${LIST}&page=2`])
        await run('wrk', ['-t1', `-c${CONNECTIONS}`, '-d1s', `${api.origin}/api/v1/products?limit=24&depth=0&page=2&sort=title`])
      }
      // Cold deep pages: the first request for each of five pages from 150–250 (the last five when there are fewer), uncached.
      const coldPages = lastPage >= 250 ? [150, 175, 200, 225, 250] : [4, 3, 2, 1, 0].map((back) => Math.max(1, lastPage - back))
      const cold: number[] = []
      for (const page of coldPages) cold.push(await timed(`${uncached.origin}${LIST}&page=${page}`))
      const body = Buffer.from(await (await fetch(`${uncached.origin}${LIST}`)).arrayBuffer())
      const raw = await startRawServer(body)
      const baseline = await wrk(raw.url)
      await raw.close()
      const figures: Record<string, { cached: WrkResult; uncached: WrkResult }> = {}
      for (const [name, path] of Object.entries(queries)) {
        figures[name] = { cached: await wrkApi(cached.origin, path), uncached: await wrkApi(uncached.origin, path) }
      }
      const f = (name: string) => figures[name] ?? { cached: { p99: Number.NaN, rps: Number.NaN }, uncached: { p99: Number.NaN, rps: Number.NaN } }
      const peer = size === 10_000
      const ratio = (value: number, peerValue: number) => (peer ? `${(value / peerValue).toFixed(1)}×` : '–')
      const label: Record<string, string> = {
        deep: `page ${deep}, depth 1`,
        depth0: 'page 1, depth 0',
        depth1: 'page 1, depth 1',
        like: '`where[title][like]=linen`',
        sort: 'sort by −price',
      }
      const peerOf: Record<string, number> = { deep: PEER.deepPage, depth0: PEER.depth0, depth1: PEER.depth1, like: PEER.like, sort: PEER.sort }
      console.log(`\n| ${size} products, wrk 16 conns | cached req/s (p99 ms) [CPU ms/req] | uncached req/s (p99 ms) [CPU ms/req] | stock Payload + plugin-ecommerce, quoted from issue 12 (10k only) | uncached ÷ peer |`)
      console.log('|---|---|---|---|---|')
      console.log(`| raw node:http, same ${(body.length / 1024).toFixed(1)} KB | ${baseline.rps.toFixed(0)} (${baseline.p99.toFixed(1)}) | | | |`)
      for (const name of Object.keys(queries)) {
        const { cached: c, uncached: u } = f(name)
        const peerText = peer ? `${peerOf[name]}${name === 'depth1' ? `, p99 ${PEER.depth1P99} ms` : ''}` : '–'
        console.log(`| ${label[name]} | ${c.rps.toFixed(0)} (${c.p99.toFixed(1)}) [${c.cpuMs?.toFixed(2)}] | ${u.rps.toFixed(0)} (${u.p99.toFixed(1)}) [${u.cpuMs?.toFixed(2)}] | ${peerText} | ${ratio(u.rps, peerOf[name] ?? 1)} |`)
        reportFigure(`CMS list ${label[name]} at ${size} products, uncached CPU per request`, Number((u.cpuMs ?? Number.NaN).toFixed(2)), 'ms')
        reportFigure(`CMS list ${label[name]} at ${size} products, cached`, Math.round(c.rps), 'req/s')
        reportFigure(`CMS list ${label[name]} at ${size} products, uncached`, Math.round(u.rps), 'req/s')
        reportFigure(`CMS list ${label[name]} at ${size} products, uncached p99`, Number(u.p99.toFixed(1)), 'ms')
      }
      console.log(`| one cold deep page (pages ${coldPages.join(', ')}), uncached | | median ${median(cold).toFixed(1)} ms, max ${Math.max(...cold).toFixed(1)} ms | ${peer ? `${PEER.deepColdMs} ms` : '–'} | |`)
      console.log(`| cached list ÷ raw server | ${(f('depth1').cached.rps / baseline.rps).toFixed(2)}× | ${(f('depth1').uncached.rps / baseline.rps).toFixed(2)}× | | |`)
      reportFigure(`CMS cold deep page at ${size} products (median of 5)`, Number(median(cold).toFixed(1)), 'ms')
      reportFigure(`raw node:http same bytes (${size} products run)`, Math.round(baseline.rps), 'req/s')
      rows.push(`| ${size} | ${f('depth1').uncached.rps.toFixed(0)} | ${f('depth1').uncached.p99.toFixed(1)} | ${median(cold).toFixed(1)} | ${f('depth1').cached.rps.toFixed(0)} |`)
    } finally {
      await cached.process.stop()
      await uncached.process.stop()
    }
  }
  console.log('\n| products | list 24 depth 1, uncached req/s | its p99 ms | cold deep page ms (median) | list 24 depth 1, cached req/s |')
  console.log('|---|---|---|---|---|')
  for (const row of rows) console.log(row)
  console.log('\nTargets (issue 12): list ≥ 1,000 req/s with p99 < 30 ms at 16 connections; a cold deep page < 50 ms; flat from 1k to 100k.')
  console.log('Figures from a shared 2-core machine are indicative; compare them with the raw server of the same run.')
  console.log('CPU ms/req is the API process\'s own CPU time per answered request: 1000 ÷ it is what one core could serve.')
  console.log('"uncached" is the response cache off (CATALOGUE_CACHE_MAX_BYTES=0): every request is a listing query; list totals stay memoised per filter until the next catalogue change.')
} finally {
  await client.end()
  await closePayload(payload)
  await database.drop()
}
