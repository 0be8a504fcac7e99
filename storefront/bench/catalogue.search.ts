/**
 * `pnpm bench catalogue` (the storefront's search part): the uncached search page (every request a
 * distinct query, so the route cache never answers) at 10,000 products, under wrk, next to a plain
 * `node:http` server sending one such page's bytes, and next to the CMS search call the page makes
 * (the same queries straight to the CMS): where the page's time goes. The CMS API and the built
 * storefront run as their own processes on a copy of the prebuilt 10k catalogue.
 * Options: `--products N --seconds N --connections N`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { measureRawServer, reportFigure, runSql, runWrk, wrkTable } from '@showroom/test-support'

import { catalogueDatabase } from '../../cms/bench/_catalogueDatabase'
import { searchTerms } from '../../cms/bench/_searchTerms'
import { startCms, startStorefront } from '../test/support/harness'
import { buildStorefront } from '../test/support/storefrontBuild'

const { values } = parseArgs({
  options: { connections: { default: '16', type: 'string' }, products: { default: '10000', type: 'string' }, seconds: { default: '10', type: 'string' } },
})
const CONNECTIONS = Number(values.connections)
const SECONDS = Number(values.seconds)

const database = await catalogueDatabase('bench_storefront_search', Number(values.products), 'bench-storefront-search-secret-0123456789ab')
const mediaDir = mkdtempSync(path.join(tmpdir(), 'showroom-bench-media-'))
const outDir = path.join(import.meta.dirname, '..', '.test-dist', `${process.pid}-bench-search`)
const [, cms] = await Promise.all([buildStorefront(outDir, {}), startCms(database, mediaDir, {})])
const storefront = await startStorefront(outDir, cms.origin, {})
const storefrontUrl = storefront.ready[1] ?? ''

try {
  await runSql(database.url, 'analyze')
  const [{ products = 0 } = {}] = await runSql<{ products: number }>(database.url, 'select count(*)::int as products from product_search')
  const terms = await searchTerms(database.url)
  // Canonical URLs (the page redirects any other spelling): every term with every filter and order,
  // so no URL comes twice in a run (a repeat would be a route-cache hit).
  const filters = ['', '&inStock=1', '&option=Size%3AM', '&price=50-100', '&price=25-50&inStock=1&option=Size%3AL']
  const sorts = ['', '&sort=price-asc', '&sort=newest', '&sort=name']
  const pagePaths = sorts.flatMap((sort) => filters.flatMap((filter) => terms.map((term) => `/search?${new URLSearchParams({ q: term })}${filter}${sort}`)))
  for (const item of pagePaths.slice(0, 3)) {
    const response = await fetch(`${storefrontUrl}${item}`, { redirect: 'manual' })
    if (response.status !== 200) throw new Error(`${item}: ${response.status}`)
    if (!response.headers.get('x-astro-cache')?.startsWith('MISS')) throw new Error(`${item}: not a route-cache miss (${response.headers.get('x-astro-cache')})`)
  }
  const sample = Buffer.from(await (await fetch(`${storefrontUrl}${pagePaths[1]}`)).arrayBuffer())
  // The CMS request each page makes, for the same terms (what `searchProducts` sends).
  const cardSelect = ['title', 'slug', 'price', 'compareAtPrice', 'currency', 'stock', 'images'].map((field) => `select[${field}]=true`).join('&')
  const cmsPaths = terms.map((term) => `/api/v1/products/search?q=${encodeURIComponent(term)}&sort=relevance&page=1&limit=24&depth=1&${cardSelect}&select[variants][stock]=true`)

  // Warm-up (JIT, connections, plans) on URLs the measured runs do not use.
  await runWrk({ connections: CONNECTIONS, origin: storefrontUrl, paths: pagePaths.slice(-40).map((item) => `${item}&page=2`), seconds: 3 })
  const rawResult = await measureRawServer(sample, 'text/html; charset=utf-8', { connections: CONNECTIONS, seconds: SECONDS })
  const pageResult = await runWrk({ connections: CONNECTIONS, origin: storefrontUrl, paths: pagePaths, seconds: SECONDS })
  const cmsResult = await runWrk({ connections: CONNECTIONS, origin: cms.origin, paths: cmsPaths, seconds: SECONDS })
  // Page 3 of the same queries: still distinct pages (the route cache never answers), but the CMS has
  // matched these terms before and keeps their matches until the catalogue changes (docs/search.md).
  const repeatResult = await runWrk({ connections: CONNECTIONS, origin: storefrontUrl, paths: pagePaths.map((item) => `${item}&page=3`), seconds: SECONDS })
  const rows = [
    { label: `raw node:http, the same ${(sample.length / 1024).toFixed(1)} KB`, ...rawResult },
    { label: `storefront search page, uncached (${pagePaths.length} distinct queries)`, ...pageResult },
    { label: 'the CMS search call behind it, alone', ...cmsResult },
    { label: 'storefront search page, uncached, terms the CMS matched before (page 3)', ...repeatResult },
  ]
  console.log(`Storefront search at ${products.toLocaleString('en')} published products, wrk ${CONNECTIONS} connections, ${SECONDS} s each, after ANALYZE.\n`)
  console.log(wrkTable(rows, rawResult.rps))
  console.log(`\nTarget: ≥ 1,000 req/s. Every uncached page waits for one CMS search; the page can go no faster than that call (row 3). Row 2 meets every term for the first time (its text match runs in PostgreSQL); row 4 is the same queries once the CMS holds their matches.`)
  reportFigure('storefront search page, uncached (10k): requests/s', pageResult.rps, 'req/s')
  reportFigure('storefront search page, uncached (10k): p50', pageResult.p50, 'ms')
  reportFigure('storefront search page, uncached (10k): p99', pageResult.p99, 'ms')
  reportFigure('storefront search page, uncached (10k): / raw node:http', pageResult.rps / rawResult.rps, 'ratio')
  reportFigure('storefront search page, uncached (10k): / its CMS search call alone', pageResult.rps / cmsResult.rps, 'ratio')
  reportFigure('storefront search page, uncached, terms matched before (10k): requests/s', repeatResult.rps, 'req/s')
  reportFigure('storefront search page, uncached, terms matched before (10k): p99', repeatResult.p99, 'ms')
  for (const row of rows) if (row.non2xx + row.errors > 0) throw new Error(`${row.label}: ${row.non2xx} non-2xx answers, ${row.errors} socket errors`)
} finally {
  await Promise.all([storefront.stop(), cms.process.stop()])
  await database.drop()
  rmSync(mediaDir, { force: true, recursive: true })
  rmSync(outDir, { force: true, recursive: true })
}
