/**
 * `pnpm bench catalogue` (the CMS's search part): `GET /api/v1/products/search` with facets at
 * 10,000 products, distinct queries under wrk at 16 connections, next to a plain `node:http` server
 * sending one search response's bytes in the same run. The CMS API runs as its own process (no
 * Next) on a copy of a prebuilt 10k catalogue (see `_catalogueDatabase.ts`), analysed first (this
 * machine's Postgres runs without autovacuum).
 * Options: `--products N --seconds N --connections N`.
 */
import { parseArgs } from 'node:util'

import { freePort, measureRawServer, reportFigure, runSql, runWrk, startProcess, wrkTable } from '@showroom/test-support'

import { catalogueDatabase } from './_catalogueDatabase'
import { searchTerms } from './_searchTerms'

const { values } = parseArgs({
  options: { connections: { default: '16', type: 'string' }, products: { default: '10000', type: 'string' }, seconds: { default: '10', type: 'string' } },
})
const CONNECTIONS = Number(values.connections)
const PRODUCTS = Number(values.products)
const SECONDS = Number(values.seconds)
const SECRET = 'bench-search-secret-0123456789abcdef012345'

/** The card fields the storefront's search page asks for. */
const CARD_SELECT = ['title', 'slug', 'price', 'compareAtPrice', 'currency', 'stock', 'images'].map((field) => `select[${field}]=true`).join('&') + '&select[variants][stock]=true'

const database = await catalogueDatabase('bench_search', PRODUCTS, SECRET)
const port = await freePort()
const origin = `http://127.0.0.1:${port}`
const api = await startProcess({
  args: ['exec', 'tsx', 'scripts/serveApi.ts', '--migrate', '--port', String(port)],
  command: 'pnpm',
  cwd: process.cwd(),
  env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'production', PAYLOAD_SECRET: SECRET, SERVER_URL: origin },
  readyLine: /listening on/,
  timeoutMs: 180_000,
})

try {
  await runSql(database.url, 'analyze')
  const [{ products = 0 } = {}] = await runSql<{ products: number }>(database.url, 'select count(*)::int as products from product_search')
  const categories = (await runSql<{ id: number }>(database.url, 'select id from categories order by id')).map((row) => row.id)
  const sorts = ['relevance', 'price', '-price', '-createdAt']
  // Distinct URLs: each word as typed, as a prefix and misspelt, with filters and sorts in turn.
  const terms = await searchTerms(database.url)
  const searchPaths = terms.map((term, index) => {
    const filters = [
      '',
      `&category=${categories[index % categories.length]}`,
      '&inStock=true',
      '&option[Size]=M',
      `&price=${(index % 4) * 2500}-${(index % 4) * 2500 + 5000}`,
      `&category=${categories[index % categories.length]}&option[Size]=L&inStock=true`,
    ][index % 6]
    return `/api/v1/products/search?q=${encodeURIComponent(term)}${filters}&sort=${sorts[index % sorts.length]}&limit=24&${CARD_SELECT}`
  })
  const browsePaths = categories.flatMap((category, index) =>
    ['', '&option[Size]=S', '&inStock=true', '&price=5000-10000'].map((filter, f) => `/api/v1/products/search?category=${category}${filter}&sort=${sorts[(index + f) % sorts.length]}&limit=24&page=${1 + (f % 3)}&${CARD_SELECT}`),
  )
  const fullPaths = searchPaths.map((item) => item.replace(`&${CARD_SELECT}`, '&depth=1'))

  for (const item of [searchPaths[0], browsePaths[0], fullPaths[0]]) {
    const response = await fetch(`${origin}${item}`)
    if (response.status !== 200) throw new Error(`${item}: ${response.status} ${await response.text()}`)
  }
  const sample = Buffer.from(await (await fetch(`${origin}${searchPaths[0]}`)).arrayBuffer())
  // Warm-up: plans, connections, JIT.
  await runWrk({ connections: CONNECTIONS, origin, paths: searchPaths.slice(-50), seconds: 3 })

  const rawResult = await measureRawServer(sample, 'application/json', { connections: CONNECTIONS, seconds: SECONDS })
  const rows = [
    { label: `raw node:http, the same ${(sample.length / 1024).toFixed(1)} KB`, ...rawResult },
    { label: `search + facets, card fields (${searchPaths.length} distinct URLs)`, ...(await runWrk({ connections: CONNECTIONS, origin, paths: searchPaths, seconds: SECONDS })) },
    { label: `category browse + facets, card fields (${browsePaths.length} distinct URLs)`, ...(await runWrk({ connections: CONNECTIONS, origin, paths: browsePaths, seconds: SECONDS })) },
    { label: 'search + facets, full depth-1 docs', ...(await runWrk({ connections: CONNECTIONS, origin, paths: fullPaths, seconds: SECONDS })) },
    // One request at a time: the service time itself, with no queueing behind other requests.
    { label: 'search + facets, card fields, 1 connection', ...(await runWrk({ connections: 1, origin, paths: searchPaths.slice().reverse(), seconds: SECONDS })) },
  ]
  // Where one request's time goes, from the endpoint's Server-Timing header, one request at a time.
  const timings = { docs: [] as number[], search: [] as number[] }
  for (const item of searchPaths.slice(0, 60)) {
    const header = (await fetch(`${origin}${item}`)).headers.get('server-timing') ?? ''
    for (const key of ['search', 'docs'] as const) timings[key].push(Number(new RegExp(`${key};dur=([\\d.]+)`).exec(header)?.[1] ?? Number.NaN))
  }
  const median = (values: number[]): number => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
  console.log(`CMS search at ${products.toLocaleString('en')} published products, wrk ${CONNECTIONS} connections, ${SECONDS} s each, after ANALYZE.\n`)
  console.log(wrkTable(rows, rawResult.rps))
  console.log(`\nOne request at a time (Server-Timing, median of 60): search query with facets ${median(timings.search).toFixed(1)} ms, the page's documents (card fields, depth 1, from the listing) ${median(timings.docs).toFixed(1)} ms.`)
  const [, search, browse, full, single] = rows
  if (!search || !browse || !full || !single) throw new Error('missing rows')
  reportFigure('CMS search + facets (10k): requests/s', search.rps, 'req/s')
  reportFigure('CMS search + facets (10k): p50', search.p50, 'ms')
  reportFigure('CMS search + facets (10k): p99', search.p99, 'ms')
  reportFigure('CMS search + facets (10k): / raw node:http', search.rps / rawResult.rps, 'ratio')
  reportFigure('CMS category browse + facets (10k): requests/s', browse.rps, 'req/s')
  reportFigure('CMS category browse + facets (10k): p99', browse.p99, 'ms')
  reportFigure('CMS search + facets, depth 1 (10k): requests/s', full.rps, 'req/s')
  reportFigure('CMS search + facets, depth 1 (10k): p99', full.p99, 'ms')
  reportFigure('CMS search + facets (10k), 1 connection: p50', single.p50, 'ms')
  reportFigure('CMS search (10k): SQL search + facets, median', median(timings.search), 'ms')
  reportFigure('CMS search (10k): loading the page documents, median', median(timings.docs), 'ms')
  reportFigure('CMS search + facets (10k), 1 connection: p99', single.p99, 'ms')
  for (const row of rows) if (row.non2xx + row.errors > 0) throw new Error(`${row.label}: ${row.non2xx} non-2xx answers, ${row.errors} socket errors`)
} finally {
  await api.stop()
  await database.drop()
}
