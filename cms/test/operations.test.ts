import { randomBytes } from 'node:crypto'
import { request } from 'node:http'

import { checkMetrics, createTestDatabase, migratedTemplate, type TestDatabase } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { API_PROCESS_START_MS, type ApiProcess, eventually, startApiProcess } from './apiProcess'
import { type Receiver, startReceiver } from './webhookReceiver'

const METRICS_TOKEN = 'metrics-token-0123456789'

let database: TestDatabase
let cms: ApiProcess
/** The storefront's webhook endpoint, so that deliveries and job runs have samples too. */
let receiver: Receiver

beforeAll(async () => {
  ;[database, receiver] = await Promise.all([createTestDatabase('operations', { template: migratedTemplate() }), startReceiver()])
  cms = await startApiProcess(database.url, {
    env: { METRICS_TOKEN, STOREFRONT_WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`, STOREFRONT_WEBHOOK_URL: receiver.url },
  })
}, API_PROCESS_START_MS + 30_000)
afterAll(async () => {
  await cms?.process.stop()
  await Promise.all([database?.drop(), receiver?.stop()])
})

const scrape = async (): Promise<string> => (await fetch(`${cms.api}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text()

describe('health, readiness and metrics', () => {
  it('answers liveness and readiness publicly, uncached', async () => {
    const health = await fetch(`${cms.api}/health`)
    expect(health.status).toBe(200)
    expect(health.headers.get('cache-control')).toBe('no-store')
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${cms.api}/ready`)
    expect(ready.status).toBe(200)
    // No S3 configured: only the database is checked (the CMS uses no Redis).
    expect(await ready.json()).toEqual({ checks: { database: { ok: true } }, status: 'ok' })
  })

  it('echoes a well-formed x-request-id, replaces a bad one, and logs requests as JSON lines with it', async () => {
    const mine = await fetch(`${cms.api}/products?limit=1`, { headers: { 'x-request-id': 'storefront-abc.123' } })
    expect(mine.status).toBe(200)
    expect(mine.headers.get('x-request-id')).toBe('storefront-abc.123')
    const bad = await fetch(`${cms.api}/products?limit=1`, { headers: { 'x-request-id': 'no spaces allowed' } })
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    // Written when the response is finished; it reaches this process through a pipe, maybe a bit after the response.
    const line = await eventually('the request log line', async () =>
      cms.process
        .output()
        .split('\n')
        .find((text) => text.includes('"requestId":"storefront-abc.123"')),
    )
    expect(JSON.parse(line)).toMatchObject({ method: 'GET', msg: 'request', route: '/api/v1/products', service: 'showroom-cms', status: 200 })
  })

  it('serves Prometheus metrics only with the token', async () => {
    expect((await fetch(`${cms.api}/metrics`)).status).toBe(401)
    expect((await fetch(`${cms.api}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401)
    const response = await fetch(`${cms.api}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await response.text()
    expect(text).toMatch(/^showroom_cms_http_requests_total\{method="GET",route="\/api\/v1\/products",status="200"\} [1-9]/m)
    // The one health request above was timed: counted once, with a positive duration. Only the
    // catch-all bucket is certain to hold it; which finer one does depends on the machine's speed.
    const health = 'method="GET",route="/api/v1/health",status="200"'
    const latency = (series: string, labels: string) =>
      text.split('\n').find((line) => line.startsWith(`showroom_cms_http_request_duration_seconds_${series}{${labels}} `))?.split(' ')[1]
    expect(latency('count', health)).toBe('1')
    expect(latency('bucket', `le="+Inf",${health}`)).toBe('1')
    expect(Number(latency('sum', health))).toBeGreaterThan(0)
    expect(text).toContain('# TYPE showroom_cms_webhook_deliveries_total counter')
    expect(text).toContain('process_resident_memory_bytes')
  })

  it('passes `promtool check metrics` with no lint problem, with a sample in every family of its own', async () => {
    const registered = await fetch(`${cms.api}/users/first-register`, {
      body: JSON.stringify({ email: 'admin@example.test', name: 'Admin', password: 'admin-Passw0rd!' }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    const { token } = (await registered.json()) as { token: string }
    const created = await fetch(`${cms.api}/categories`, {
      body: JSON.stringify({ title: 'Lamps' }),
      headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
      method: 'POST',
    })
    expect(created.status).toBe(201)
    // The category's webhook is sent by a job: once it is counted, every family has samples.
    const text = await eventually('the webhook delivery to be counted', async () => {
      const scraped = await scrape()
      return /^showroom_cms_webhook_deliveries_total\{outcome="succeeded"\} [1-9]/m.test(scraped) && /^showroom_cms_job_runs_total\{/m.test(scraped) ? scraped : undefined
    })
    // Node's own gauges by type may have no series at a given moment (no libuv request in flight).
    const families = [...text.matchAll(/^# TYPE (showroom_\S+) /gm)].map(([, name = '']) => name)
    expect(families.length).toBeGreaterThanOrEqual(5)
    const empty = families.filter((name) => !text.split('\n').some((line) => line.startsWith(name) && !line.startsWith('#')))
    expect(empty).toEqual([])
    expect(await checkMetrics(text)).toEqual({ code: 0, output: '' })
  })
})

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the request in flight, refuses new connections and exits 0', async () => {
    // An upload that has sent only half its body keeps a request in flight for as long as the test wants.
    const body = Buffer.alloc(64 * 1024, 'x')
    const slow = request(`${cms.api}/users/login`, {
      headers: { 'content-length': String(body.length * 2), 'content-type': 'application/json', expect: '100-continue' },
      method: 'POST',
    })
    const answer = new Promise<{ status: number | undefined; text: string }>((resolve, reject) => {
      slow.once('error', reject)
      slow.once('response', (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString()
        })
        res.once('error', reject)
        res.once('end', () => resolve({ status: res.statusCode, text }))
      })
    })
    // Node's server answers "100 Continue" when it has read the request's headers and handed the
    // request to the CMS: from then on the request is in flight, whatever the machine's speed.
    const continued = new Promise((resolve) => slow.once('continue', resolve))
    slow.flushHeaders()
    await Promise.race([continued, answer.then(({ status }) => Promise.reject(new Error(`answered ${status} before the body was sent`)))])
    slow.write(body)

    const exit = cms.process.stop('SIGTERM')
    // The server logs this, then stops listening in the same step.
    await eventually('the shutdown log line', async () => cms.process.output().includes('Shutting down: finishing requests in flight'))
    // Stopped listening: a new connection is refused while the old request is still open.
    await expect(fetch(`${cms.api}/health`)).rejects.toThrow()
    slow.end(body)
    const { status } = await answer
    // The request ran to its end (a malformed JSON body: Payload's own 4xx), not cut off.
    expect(status).toBeGreaterThanOrEqual(400)
    expect(status).toBeLessThan(500)
    expect(await exit).toEqual({ code: 0, signal: null })
    expect(cms.process.output()).toContain('Shutting down')
  })
})
