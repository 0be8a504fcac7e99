/**
 * `pnpm bench catalogue` (storefront pages): how fast the built storefront serves cached catalogue
 * pages, as a ratio to the ceiling measured in the same run — a plain `node:http` server in its own
 * process sending the same bytes and headers. Load comes from `wrk` (its own process). The storefront
 * runs with Redis (the shared route cache behind its in-process L1) and the CMS on a fresh database
 * with the test catalogue (a route cache hit does not read the catalogue, so its size hardly matters).
 * Rows:
 * - each page as shoppers reach it (answered by `server.mjs` from the L1);
 * - the category page with tracking and junk parameters (the same entry: canonical key);
 * - the category page through Astro's pipeline (a percent-encoded path the hot path leaves to Astro:
 *   the provider's L1 hit), which shows what the pipeline itself costs.
 * Options: `--seconds N --connections N`.
 */
import { parseArgs } from 'node:util'

import { reportFigure } from '@showroom/test-support'

import { startShop } from '../test/support/harness'
import { sharedRedis } from '../test/support/sharedRedis'
import { peakRssMiB } from './support/peakRss'
import { type RawPage, startRawServer, wrk, type WrkResult } from './support/wrk'

const { values } = parseArgs({ options: { connections: { default: '32', type: 'string' }, seconds: { default: '10', type: 'string' } }, strict: false })
const SECONDS = Number(values.seconds)
const CONNECTIONS = Number(values.connections)

const redis = sharedRedis('bench-pages')
const shop = await startShop('catalogue-pages', { env: redis.env })
try {
  const category = '/c/clothing'
  const pipelineRow = 'cached category page through the Astro pipeline'
  const rows: Array<{ label: string; path: string; raw: string }> = [
    { label: 'cached category page', path: category, raw: category },
    { label: 'cached product page', path: `/p/${shop.catalogue.onSale.slug}`, raw: `/p/${shop.catalogue.onSale.slug}` },
    { label: 'cached category page, tracking + junk parameters', path: `${category}?utm_source=news&gclid=abc123&zz=1`, raw: category },
    { label: pipelineRow, path: '/c/cl%6Fthing', raw: category },
  ]
  const pages: Record<string, RawPage> = {}
  for (const row of rows) {
    // Twice: the first request renders and fills the route cache, the second must be a hit.
    await fetch(`${shop.storefrontUrl}${row.path}`).then((response) => response.arrayBuffer())
    const response = await fetch(`${shop.storefrontUrl}${row.path}`)
    if (response.headers.get('x-astro-cache') !== 'HIT') throw new Error(`${row.path} is not served from the route cache`)
    const body = Buffer.from(await response.arrayBuffer())
    if (!pages[row.raw]) {
      const headers = Object.fromEntries([...response.headers].filter(([name]) => !['content-length', 'date', 'connection', 'keep-alive'].includes(name)))
      pages[row.raw] = { body, headers }
      console.log(`${row.label}: ${row.path}, ${(body.length / 1024).toFixed(1)} KB`)
    }
  }
  const raw = await startRawServer(pages)
  const measured: Array<{ label: string; raw: WrkResult; storefront: WrkResult }> = []
  /** Peak RSS over what shoppers reach (the hot path), before the pipeline row, whose garbage grows the heap. */
  let rss = Number.NaN
  try {
    for (const row of rows) {
      if (row.label === pipelineRow) rss = peakRssMiB(shop.storefront.pid)
      // A short run first, so the measured one starts with the code paths compiled.
      await wrk(`${shop.storefrontUrl}${row.path}`, { connections: CONNECTIONS, seconds: 2 })
      const storefront = await wrk(`${shop.storefrontUrl}${row.path}`, { connections: CONNECTIONS, seconds: SECONDS })
      const ceiling = await wrk(`${raw.origin}${row.raw}`, { connections: CONNECTIONS, seconds: SECONDS })
      measured.push({ label: row.label, raw: ceiling, storefront })
    }
  } finally {
    raw.stop()
  }
  const ms = (value: number): string => value.toFixed(value < 10 ? 2 : 1)
  console.log(`\n${SECONDS} s per run, ${CONNECTIONS} connections, wrk with one thread; each storefront run is followed by the raw server on the same bytes.`)
  console.log('Indicative: a 2-core machine shared with other work.\n')
  console.log('| page | storefront req/s | p50 ms | p99 ms | raw http req/s | p50 ms | p99 ms | storefront / raw |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const { label, raw: ceiling, storefront } of measured) {
    const ratio = storefront.rps / ceiling.rps
    reportFigure(`${label}: requests/s`, storefront.rps, 'req/s')
    reportFigure(`${label}: latency p99`, storefront.p99, 'ms')
    reportFigure(`${label}: storefront / raw node:http`, ratio, 'ratio')
    console.log(`| ${label} | ${storefront.rps.toFixed(0)} | ${ms(storefront.p50)} | ${ms(storefront.p99)} | ${ceiling.rps.toFixed(0)} | ${ms(ceiling.p50)} | ${ms(ceiling.p99)} | ${ratio.toFixed(2)} |`)
  }
  console.log(`\nStorefront peak RSS over the hot-path runs (before the pipeline row): ${rss.toFixed(0)} MiB.`)
  reportFigure('storefront peak RSS (cached pages under wrk, hot path)', rss, 'MiB')
} finally {
  await shop.stop()
  await redis.clear()
}
process.exit(0)
