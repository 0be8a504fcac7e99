import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { z } from 'astro/zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCmsClient } from './cmsClient'
import { CmsError } from './cmsError'

const schema = z.object({ docs: z.array(z.object({ title: z.string() })) })

/** A real HTTP server standing in for the CMS, one behaviour per path. */
let server: Server
let origin: string
const seen: string[] = []
/** The `x-request-id` of each request, in order. */
const requestIds: Array<string | undefined> = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '')
    const requestId = req.headers['x-request-id']
    requestIds.push(typeof requestId === 'string' ? requestId : undefined)
    const route = new URL(req.url ?? '/', 'http://x').pathname
    if (route === '/api/v1/ok') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"docs":[{"title":"Shirt"}],"extra":1}')
    if (route === '/api/v1/echo') {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        const status = req.headers['idempotency-key'] === 'refuse-me' ? 402 : 201
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, received: JSON.parse(body) }))
      })
      return
    }
    if (route === '/api/v1/fails') return void res.writeHead(500).end('{"errors":[]}')
    if (route === '/api/v1/not-json') return void res.writeHead(200).end('<html>')
    if (route === '/api/v1/wrong-shape') return void res.writeHead(200).end('{"docs":[{"name":"Shirt"}]}')
    if (route === '/api/v1/slow') return void setTimeout(() => res.writeHead(200).end('{"docs":[]}'), 2000)
    // Headers at once, then a body that never completes: the timeout must still fire.
    if (route === '/api/v1/stalls') return void res.writeHead(200, { 'content-type': 'application/json' }).write('{"docs":')
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const failure = async (promise: Promise<unknown>): Promise<CmsError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof CmsError)) throw new Error(`expected a CmsError, got ${String(error)}`)
  return error
}

describe('createCmsClient', () => {
  it('GETs under /api/v1 with the query and returns the parsed body', async () => {
    const cms = createCmsClient({ baseUrl: `${origin}/`, timeoutMs: 1000 })
    await expect(cms.get('/ok', schema, new URLSearchParams({ 'where[_status][equals]': 'published' }))).resolves.toEqual({
      docs: [{ title: 'Shirt' }],
    })
    expect(seen.at(-1)).toBe('/api/v1/ok?where%5B_status%5D%5Bequals%5D=published')
  })

  it('reports a non-2xx answer with its status', async () => {
    const error = await failure(createCmsClient({ baseUrl: origin, timeoutMs: 1000 }).get('/fails', schema))
    expect(error).toMatchObject({ kind: 'status', status: 500 })
  })

  it('reports answers it cannot use', async () => {
    const cms = createCmsClient({ baseUrl: origin, timeoutMs: 1000 })
    expect(await failure(cms.get('/not-json', schema))).toMatchObject({ kind: 'invalid-response' })
    expect(await failure(cms.get('/wrong-shape', schema))).toMatchObject({ kind: 'invalid-response' })
  })

  it('gives up after the timeout, also on a body that stalls', async () => {
    const cms = createCmsClient({ baseUrl: origin, timeoutMs: 200 })
    const started = Date.now()
    expect(await failure(cms.get('/slow', schema))).toMatchObject({ kind: 'timeout' })
    expect(await failure(cms.get('/stalls', schema))).toMatchObject({ kind: 'timeout' })
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('POSTs JSON with headers and returns 4xx answers for the caller to read, but throws on 5xx', async () => {
    const cms = createCmsClient({ baseUrl: origin, timeoutMs: 1000 })
    await expect(cms.post('/echo', { a: 1 })).resolves.toEqual({ body: { method: 'POST', received: { a: 1 } }, status: 201 })
    await expect(cms.post('/echo', { a: 2 }, { headers: { 'idempotency-key': 'refuse-me' } })).resolves.toMatchObject({ status: 402 })
    expect(await failure(cms.post('/fails', {}))).toMatchObject({ kind: 'status', status: 500 })
  })

  it('reports a CMS nobody answers for', async () => {
    const error = await failure(createCmsClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 1000 }).get('/ok', schema))
    expect(error).toMatchObject({ kind: 'unreachable', url: 'http://127.0.0.1:9/api/v1/ok' })
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('sends the current request id on every call and reports each exchange with its outcome', async () => {
    let current = 'abc'
    const reports: Array<{ method: string; outcome: string }> = []
    const cms = createCmsClient({
      baseUrl: origin,
      observe: ({ durationMs, method, outcome }) => {
        expect(durationMs).toBeGreaterThanOrEqual(0)
        reports.push({ method, outcome })
      },
      requestHeaders: () => ({ 'x-request-id': current }),
      timeoutMs: 1000,
    })
    await cms.get('/ok', schema)
    expect(requestIds.at(-1)).toBe('abc')
    current = 'def'
    await cms.post('/echo', { a: 1 })
    expect(requestIds.at(-1)).toBe('def')
    await failure(cms.get('/fails', schema))
    expect(reports).toEqual([
      { method: 'GET', outcome: 'ok' },
      { method: 'POST', outcome: 'ok' },
      { method: 'GET', outcome: 'status' },
    ])
  })
})
