/**
 * `pnpm bench storefront`: how fast the built storefront serves cached catalogue pages, next to the
 * ceiling of this machine — a plain Node `http` server returning the same bytes from memory. The
 * storefront and the CMS run as their own processes (the test harness starts them on a fresh
 * database with the test catalogue); this process only generates load.
 * Options: `--seconds N --connections N`.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { reportFigure } from '@showroom/test-support'
import autocannon from 'autocannon'

import { startShop } from '../test/support/harness'

const { values } = parseArgs({ options: { connections: { default: '32', type: 'string' }, seconds: { default: '10', type: 'string' } } })
const SECONDS = Number(values.seconds)
const CONNECTIONS = Number(values.connections)

type Row = { label: string; p50: number; p99: number; rps: number }

const measure = async (label: string, url: string): Promise<Row> => {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, url })
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  return { label, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average }
}

/** The same bytes from memory: what a Node process on this machine can do at best. */
const startCeiling = async (pages: Record<string, Buffer>) => {
  const file = path.join(tmpdir(), `showroom-bench-pages-${process.pid}.json`)
  writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(pages).map(([route, body]) => [route, body.toString('base64')]))))
  const script = `
    const pages = Object.fromEntries(Object.entries(JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))).map(([k, v]) => [k, Buffer.from(v, 'base64')]))
    const server = require('http').createServer((req, res) => {
      const body = pages[req.url]
      if (!body) { res.writeHead(404); res.end(); return }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length })
      res.end(body)
    })
    server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port))`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [line] = (await once(child.stdout, 'data')) as [Buffer]
  const port = /listening (\d+)/.exec(line.toString())?.[1]
  if (!port) throw new Error(`ceiling server did not start: ${line.toString()}`)
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() }
}

const shop = await startShop('bench')
try {
  // A category page listing 24 product cards, and a product page with its gallery.
  const pages = { category: '/c/clothing', product: `/p/${shop.catalogue.onSale.slug}` }
  const bodies: Record<string, Buffer> = {}
  for (const [name, route] of Object.entries(pages)) {
    // Twice: the first request fills the route cache, the second must be served from it.
    await fetch(`${shop.storefrontUrl}${route}`).then((response) => response.arrayBuffer())
    const response = await fetch(`${shop.storefrontUrl}${route}`)
    if (response.headers.get('x-astro-cache') !== 'HIT') throw new Error(`${route} is not served from the route cache`)
    const body = Buffer.from(await response.arrayBuffer())
    bodies[route] = body
    console.log(`${name}: ${route}, ${(body.length / 1024).toFixed(1)} KB`)
  }
  const ceiling = await startCeiling(bodies)
  try {
    const rows: Array<Row & { ceiling: Row }> = []
    for (const [name, route] of Object.entries(pages)) {
      const cached = await measure(`cached ${name} page`, `${shop.storefrontUrl}${route}`)
      const raw = await measure(`raw Node http, same bytes`, `${ceiling.origin}${route}`)
      rows.push({ ...cached, ceiling: raw })
    }
    console.log(`\n${SECONDS} s per run, ${CONNECTIONS} connections (autocannon in the benchmark's own process).\n`)
    console.log('| page | storefront req/s | p50 ms | p99 ms | raw http req/s | p50 ms | p99 ms | storefront / raw |')
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    for (const row of rows) {
      reportFigure(`${row.label}: requests/s`, row.rps, 'req/s')
      reportFigure(`${row.label}: latency p50`, row.p50, 'ms')
      reportFigure(`${row.label}: latency p99`, row.p99, 'ms')
      reportFigure(`${row.label}: raw Node http requests/s`, row.ceiling.rps, 'req/s')
      reportFigure(`${row.label}: storefront / raw`, row.rps / row.ceiling.rps, 'ratio')
      console.log(
        `| ${row.label} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.ceiling.rps.toFixed(0)} | ${row.ceiling.p50} | ${row.ceiling.p99} | ${(row.rps / row.ceiling.rps).toFixed(2)} |`,
      )
    }
  } finally {
    ceiling.stop()
  }
} finally {
  await shop.stop()
}
process.exit(0)
