/**
 * Running the storefront in production: readiness, request ids, JSON logs, metrics, a Redis crash
 * and a graceful shutdown. One storefront instance on a Redis of this file's own (which it kills and
 * restarts) reads the CMS through a proxy the test can take down or slow down.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto'

import { checkMetrics } from '@showroom/test-support'
import { Redis } from 'ioredis'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { startCmsProxy } from './support/cmsProxy'
import { type Shop, startShop } from './support/harness'
import { openEventStream } from './support/liveClient'
import { startPrivateRedis } from './support/privateRedis'
import { visitor } from './support/visitor'

const secret = `whsec_${randomBytes(32).toString('base64')}`
const metricsToken = randomBytes(24).toString('hex')

let shop: Shop | undefined
let catalogue: Catalogue
let url: string
let redis: Awaited<ReturnType<typeof startPrivateRedis>> | undefined
let proxy: Awaited<ReturnType<typeof startCmsProxy>> | undefined

beforeAll(async () => {
  ;[redis, proxy] = await Promise.all([startPrivateRedis(), startCmsProxy()])
  shop = await startShop('operations', {
    env: { CMS_URL: proxy.url, METRICS_TOKEN: metricsToken, REDIS_PREFIX: 'ops:', REDIS_URL: redis.url, WEBHOOK_SECRET: secret },
  })
  proxy.setTarget(shop.cms.origin)
  ;({ catalogue } = shop)
  url = shop.storefrontUrl
}, 120_000)

afterAll(async () => {
  await shop?.stop()
  await Promise.all([redis?.stop(), proxy?.stop()])
})

const readiness = async () => {
  const response = await fetch(`${url}/health/ready`)
  return { body: (await response.json()) as unknown, cacheControl: response.headers.get('cache-control'), status: response.status }
}

/** Polls readiness until it is `status`, for up to `timeoutMs`. */
const readinessBecomes = async (status: number, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const answer = await readiness()
    if (answer.status === status || Date.now() > deadline) return answer
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const page = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${url}${path}`, { headers })
  return { cache: response.headers.get('x-astro-cache'), html: await response.text(), requestId: response.headers.get('x-request-id'), status: response.status }
}

const metrics = async (): Promise<string> => {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return response.text()
}

/**
 * Resolves once the storefront listens on its live bus (Redis channel `ops:live`). The bus connects on
 * the first stream: an event published before that reaches no stream, so a test waits for it before
 * publishing.
 */
const liveBusListening = async (): Promise<void> => {
  if (!redis) throw new Error('no Redis')
  const client = new Redis(redis.url)
  try {
    await expect.poll(async () => Number(((await client.pubsub('NUMSUB', 'ops:live')) as [string, number | string])[1]), { timeout: 15_000 }).toBeGreaterThan(0)
  } finally {
    client.disconnect()
  }
}

/** The value of one series in a Prometheus text answer (0 when absent). */
const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `))
  return line === undefined ? 0 : Number(line.slice(series.length + 1))
}

let sequence = 1
const deliverPrice = async (price: number, id = `msg_${randomUUID()}`) => {
  const data = {
    currency: 'EUR',
    items: [{ compareAtPrice: null, previousPrice: 0, price, sku: 'MUG', variant: null }],
    product: { id: catalogue.mug.id, slug: catalogue.mug.slug },
    resource: `product:${catalogue.mug.id}`,
    sequence: (sequence += 1),
  }
  const body = JSON.stringify({ data, timestamp: new Date().toISOString(), type: 'price.changed' })
  const now = new Date()
  const response = await fetch(`${url}/api/webhooks/cms`, {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-signature': new Webhook(secret).sign(id, now, body),
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    },
    method: 'POST',
  })
  return { body: (await response.json()) as unknown, status: response.status }
}

describe('health', () => {
  it('answers liveness and readiness, never cached and without details', async () => {
    const live = await fetch(`${url}/health`)
    expect(live.status).toBe(200)
    expect(await readiness()).toEqual({ body: { checks: { cms: 'ok', redis: 'ok' }, status: 'ready' }, cacheControl: 'no-store', status: 200 })
  })

  it('is not ready while the CMS is unreachable, and ready again once it answers', async () => {
    proxy?.down()
    try {
      const down = await readiness()
      expect(down).toMatchObject({ body: { checks: { cms: 'fail', redis: 'ok' }, status: 'unavailable' }, status: 503 })
      expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|http/)
      // Liveness does not depend on the CMS: a CMS outage must not get storefronts restarted.
      expect((await fetch(`${url}/health`)).status).toBe(200)
    } finally {
      proxy?.up()
    }
    expect(await readinessBecomes(200)).toMatchObject({ body: { status: 'ready' } })
  })
})

describe('request ids and logs', () => {
  it('keeps a caller’s x-request-id, sends it to the CMS, and logs the request as one JSON line', async () => {
    const answer = await page(`/p/${catalogue.mug.slug}?variant=${randomUUID()}`, { 'x-request-id': 'abc-123' })
    expect(answer).toMatchObject({ requestId: 'abc-123', status: 200 })
    expect(proxy?.sent()).toMatch(/^x-request-id: abc-123\r$/im)
    // A made-up or oversized id is replaced by one of the storefront's own.
    expect((await page('/health', { 'x-request-id': 'a b' })).requestId).toMatch(/^[0-9a-f-]{36}$/)

    const lines = (shop?.storefront.output() ?? '').split('\n').filter((line) => line.includes('"requestId":"abc-123"'))
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'info', method: 'GET', msg: 'request', path: `/p/${catalogue.mug.slug}`, route: '/p/[slug]', status: 200 }),
    )
    for (const entry of entries) expect(entry).toMatchObject({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })
  })
})

describe('metrics', () => {
  it('are only served with the bearer token', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401)
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401)
  })

  it('count requests by route pattern, cache lookups, webhook receipts, SSE connections and CMS calls', async () => {
    const before = await metrics()
    const path = `/c/home?min=${randomInt(1, 10_000_000)}`
    expect((await page(path)).cache).toBe('MISS')
    expect((await page(path)).cache).toBe('HIT')
    // The mug's page is in memory, so the price's invalidation warms it up again (a request of its own).
    await page(`/p/${catalogue.mug.slug}`)
    const logged = shop?.storefront.output().length ?? 0
    const stream = await openEventStream(`${url}/live/products/${catalogue.mug.id}`)
    await liveBusListening()
    expect((await deliverPrice(1200)).status).toBe(200)
    await stream.next()
    // Its access line is written once its render was stored: later tests count no write of this one.
    const warmedUp = () => shop?.storefront.output().slice(logged).includes('"requestId":"cache-warm-up-') ?? false
    for (let waited = 0; !warmedUp() && waited < 15_000; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25))
    expect(warmedUp()).toBe(true)
    const during = await metrics()
    stream.close()

    const delta = (series: string): number => sample(during, series) - sample(before, series)
    expect(delta('storefront_http_requests_total{method="GET",route="/c/[...path]",status="200"}')).toBe(2)
    expect(delta('storefront_route_cache_lookups_total{state="miss"}')).toBeGreaterThanOrEqual(1)
    expect(delta('storefront_route_cache_lookups_total{state="hit"}')).toBeGreaterThanOrEqual(1)
    expect(delta('storefront_webhook_receipts_total{outcome="applied"}')).toBe(1)
    expect(sample(during, 'storefront_live_connections')).toBeGreaterThanOrEqual(1)
    expect(delta('storefront_live_events_sent_total')).toBeGreaterThanOrEqual(1)
    expect(delta('storefront_cms_requests_total{method="GET",outcome="ok"}')).toBeGreaterThanOrEqual(1)
    expect(during).toMatch(/^storefront_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/c\/\[\.\.\.path\]"\} \d+$/m)
    expect(during).toContain('# TYPE storefront_http_request_duration_seconds histogram')
  })
})

describe('when Redis refuses writes (out of memory)', () => {
  it('serves pages, says they were not stored, counts each failure, logs the run once, and stores again once Redis accepts', async () => {
    if (!redis || !shop) throw new Error('no Redis')
    const admin = new Redis(redis.url)
    const before = await metrics()
    const logged = shop.storefront.output().length
    const path = `/c/home?min=${randomInt(1, 10_000_000)}`
    await admin.config('SET', 'maxmemory-policy', 'noeviction')
    await admin.config('SET', 'maxmemory', '1')
    try {
      expect(await page(path)).toMatchObject({ cache: 'MISS, not stored', status: 200 })
      // Really not stored: the next request renders the page again.
      expect((await page(path)).cache).toBe('MISS, not stored')
    } finally {
      await admin.config('SET', 'maxmemory', '0')
    }
    expect((await page(path)).cache).toBe('MISS')
    expect((await page(path)).cache).toBe('HIT')
    const after = await metrics()
    admin.disconnect()

    const delta = (series: string): number => sample(after, series) - sample(before, series)
    expect(delta('storefront_route_cache_writes_total{outcome="failed"}')).toBe(2)
    expect(delta('storefront_route_cache_writes_total{outcome="stored"}')).toBe(1)
    expect(delta('storefront_route_cache_lookups_total{state="miss"}')).toBe(3)
    const lines = shop.storefront
      .output()
      .slice(logged)
      .split('\n')
      .filter((line) => line.includes('Route cache write'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toEqual([
      expect.objectContaining({ error: expect.stringMatching(/^Redis refused to store route cache entry .*: OOM/), level: 'warn', path, store: 'showroom-redis' }),
      expect.objectContaining({ failedWrites: 2, level: 'info', msg: 'Route cache writes succeed again' }),
    ])
  })
})

describe('when Redis crashes', () => {
  it('keeps serving catalogue pages, webhooks and live updates from memory, refuses session pages with 503, and recovers when Redis returns', async () => {
    if (!redis) throw new Error('no Redis')
    const shopper = visitor(url)
    expect((await shopper.post('/cart?_action=cart.add', { product: catalogue.onSale.id, quantity: 1 })).status).toBe(303)
    const productPath = `/p/${catalogue.mug.slug}`
    await page(productPath)
    const stream = await openEventStream(`${url}/live/products/${catalogue.mug.id}`)
    await liveBusListening()

    await redis.kill()
    const notReady = await readinessBecomes(503)
    expect(notReady).toMatchObject({ body: { checks: { cms: 'ok', redis: 'fail' } }, status: 503 })

    // A dead Redis costs no wait: pages render, then come from this process's memory. The store's
    // commands are refused at once (no offline queue), never left to run into the 1 s command timeout.
    const logged = shop?.storefront.output().length ?? 0
    expect((await page(productPath)).status).toBe(200)
    expect(await page(productPath)).toMatchObject({ cache: 'HIT', status: 200 })
    const storeFailures = (shop?.storefront.output().slice(logged) ?? '').split('\n').filter((line) => line.includes('Route cache store failed'))
    expect(storeFailures.join('\n')).toMatch(/enableOfflineQueue/)
    expect(storeFailures.join('\n')).not.toMatch(/timed out/i)

    // Webhooks are still verified, applied, de-duplicated (in memory) and pushed to this instance's streams.
    const id = `msg_${randomUUID()}`
    expect(await deliverPrice(3300, id)).toMatchObject({ body: { invalidated: [`product:${catalogue.mug.id}`, 'listings:price'] }, status: 200 })
    expect(await deliverPrice(3300, id)).toEqual({ body: { duplicate: true }, status: 200 })
    expect(JSON.parse((await stream.next()).data)).toMatchObject({ items: [{ price: 3300 }], type: 'price' })
    expect((await page(productPath)).cache).toBe('MISS')

    // The cart lives in the session, which has no stand-in: a clear 503, not a stack trace.
    const cart = await shopper.get('/cart')
    expect(cart.response.status).toBe(503)
    expect(cart.response.headers.get('retry-after')).toBe('30')
    expect(cart.html).not.toMatch(/at \w+ \(|ioredis|ECONNREFUSED/)

    await redis.restart()
    expect(await readinessBecomes(200)).toMatchObject({ body: { checks: { cms: 'ok', redis: 'ok' } }, status: 200 })
    // Back on Redis without a restart: sessions work again (the restarted Redis is empty, so the cart is too).
    expect((await shopper.get('/cart')).response.status).toBe(200)
    expect((await shopper.post('/cart?_action=cart.add', { product: catalogue.onSale.id, quantity: 1 })).status).toBe(303)
    expect((await shopper.get('/cart')).html).toContain(catalogue.onSale.title)
    stream.close()
  })
})

describe('metrics exposition', () => {
  it('passes `promtool check metrics` with no lint problem, with a sample in every family by now', async () => {
    const text = await metrics()
    const families = [...text.matchAll(/^# TYPE (\S+) /gm)].map(([, name = '']) => name)
    expect(families.length).toBeGreaterThanOrEqual(10)
    const empty = families.filter((name) => !text.split('\n').some((line) => line.startsWith(name) && !line.startsWith('#')))
    expect(empty).toEqual([])
    expect(await checkMetrics(text)).toEqual({ code: 0, output: '' })
  })
})

describe('graceful shutdown', () => {
  it('on SIGTERM ends open SSE streams, lets a slow request finish and exits 0', async () => {
    if (!shop || !proxy) throw new Error('no shop')
    const stream = await fetch(`${url}/live/products/${catalogue.mug.id}`)
    const reading = stream.body ? new Response(stream.body).text() : Promise.resolve('')
    // The CMS takes a while: the page is still rendering when the signal arrives.
    const cmsProxy = proxy
    cmsProxy.delay(1500)
    const opened = cmsProxy.connections()
    const slow = fetch(`${url}/p/${catalogue.mug.slug}?variant=${randomUUID()}`).then(async (response) => ({ html: await response.text(), status: response.status }))
    // The signal goes once the page is waiting on the CMS, which the proxy holds for 1.5 s.
    await expect.poll(() => cmsProxy.connections()).toBeGreaterThan(opened)
    const exit = await shop.storefront.stop('SIGTERM', 12_000)

    expect(exit).toEqual({ code: 0, signal: null })
    expect(await slow).toMatchObject({ status: 200 })
    expect(await reading).toMatch(/retry: 500\n: shutting down/)
    expect(shop.storefront.output()).toMatch(/"msg":"Stopped"/)
  })
})
