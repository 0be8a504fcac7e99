/**
 * Webhooks, the shared route cache and live updates with two storefront instances sharing one Redis
 * (see `support/harness.ts`): the CMS's change is saved through its REST API, then its event is posted,
 * signed as the CMS signs it (Standard Webhooks), to one instance.
 */
import { randomBytes, randomUUID } from 'node:crypto'

import { launchBrowser, screenshot } from '@showroom/test-support'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { type Shop, startShop } from './support/harness'
import { checkoutForm } from './support/checkoutForm'
import { cmsAdmin } from './support/cmsAdmin'
import { openEventStream } from './support/liveClient'
import { sharedRedis } from './support/sharedRedis'
import { visitor } from './support/visitor'

/** This file's own keys and channels, removed afterwards. */
const redis = sharedRedis('test')
const { secret } = redis

let shop: Shop | undefined
let catalogue: Catalogue
let a: string
let b: string
/** Without Redis and without a webhook secret. */
let unconfigured: string
/** Without Redis: everything in its own memory. */
let alone: string
let api: string
/** Calls the CMS REST API as its admin. */
let asAdmin: ReturnType<typeof cmsAdmin>

beforeAll(async () => {
  shop = await startShop('live', {
    env: redis.env,
    instanceEnv: [{}, {}, { REDIS_URL: '', WEBHOOK_SECRET: '' }, { REDIS_URL: '' }],
    instances: 4,
  })
  ;({ catalogue } = shop)
  ;[a, b, unconfigured, alone] = shop.storefronts.map((instance) => instance.url) as [string, string, string, string]
  api = shop.cms.api
  asAdmin = cmsAdmin(api)
}, 120_000)

afterAll(async () => {
  await shop?.stop()
  await redis.clear()
})


/** The order placed by the guest test, for the browser test after it. */
let placedOrder: { cookies: Array<[string, string]>; id: number; number: string } | undefined

let sequence = 1000
/** Posts a CMS event to `url`'s receiver, signed with the shared secret (or as `options` say). */
const deliver = async (
  url: string,
  type: string,
  data: Record<string, unknown>,
  options: { id?: string; key?: string; sentAt?: Date } = {},
): Promise<{ body: Record<string, unknown>; status: number }> => {
  const id = options.id ?? `msg_${randomUUID()}`
  const sentAt = options.sentAt ?? new Date()
  const body = JSON.stringify({ data, timestamp: new Date().toISOString(), type })
  const response = await fetch(`${url}/api/webhooks/cms`, {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-signature': new Webhook(options.key ?? secret).sign(id, sentAt, body),
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    },
    method: 'POST',
  })
  return { body: (await response.json()) as Record<string, unknown>, status: response.status }
}

/** A `price.changed` for the mug (no variants) at `price`, with the next sequence. */
const mugPrice = (price: number) => ({
  currency: 'EUR',
  items: [{ compareAtPrice: null, previousPrice: 0, price, sku: 'MUG', variant: null }],
  product: { id: catalogue.mug.id, slug: catalogue.mug.slug },
  resource: `product:${catalogue.mug.id}`,
  sequence: (sequence += 1),
})

const setMugPrice = (price: number) => asAdmin(`/products/${catalogue.mug.id}`, { body: { _status: 'published', price }, method: 'PATCH' })

const page = async (url: string, path: string) => {
  const response = await fetch(`${url}${path}`)
  return { cache: response.headers.get('x-astro-cache'), html: await response.text(), status: response.status }
}
const priceOn = (html: string): string | undefined => html.match(/data-price[^>]*>\s*<span[^>]*>([^<]+)</)?.[1]?.trim()

describe('the webhook receiver', () => {
  it('refuses deliveries without headers, with a bad signature or outside the five-minute window', async () => {
    const unsigned = await fetch(`${a}/api/webhooks/cms`, { body: JSON.stringify({ data: {}, timestamp: '', type: 'price.changed' }), headers: { 'content-type': 'application/json' }, method: 'POST' })
    expect(unsigned.status).toBe(401)
    expect(await unsigned.json()).toEqual({ error: 'Missing required headers.' })
    const forged = await deliver(a, 'price.changed', mugPrice(1), { key: `whsec_${randomBytes(32).toString('base64')}` })
    expect(forged).toEqual({ body: { error: 'No matching signature found.' }, status: 401 })
    const replayed = await deliver(a, 'price.changed', mugPrice(1), { sentAt: new Date(Date.now() - 6 * 60 * 1000) })
    expect(replayed).toEqual({ body: { error: 'Message timestamp too old.' }, status: 401 })
    const early = await deliver(a, 'price.changed', mugPrice(1), { sentAt: new Date(Date.now() + 6 * 60 * 1000) })
    expect(early).toEqual({ body: { error: 'Message timestamp too new.' }, status: 401 })
  })

  it('accepts a delivery whose valid signature is one of several (a sender rotating its secret)', async () => {
    const id = `msg_${randomUUID()}`
    const sentAt = new Date()
    const body = JSON.stringify({ data: { id: 1 }, timestamp: sentAt.toISOString(), type: 'coupon.created' })
    const signatures = [new Webhook(`whsec_${randomBytes(32).toString('base64')}`).sign(id, sentAt, body), new Webhook(secret).sign(id, sentAt, body)]
    const response = await fetch(`${a}/api/webhooks/cms`, {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-signature': signatures.join(' '),
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      },
      method: 'POST',
    })
    expect(response.status).toBe(202)
  })

  it('applies a delivery once across instances, drops older sequences and acknowledges unknown types', async () => {
    const id = `msg_${randomUUID()}`
    const data = mugPrice(1200)
    expect(await deliver(a, 'price.changed', data, { id })).toMatchObject({ body: { invalidated: [`product:${catalogue.mug.id}`, 'listings:price'] }, status: 200 })
    // The CMS retries to whichever instance the load balancer picks.
    expect(await deliver(b, 'price.changed', data, { id })).toEqual({ body: { duplicate: true }, status: 200 })
    expect(await deliver(b, 'price.changed', { ...data, sequence: data.sequence - 1 })).toMatchObject({ body: { ignored: expect.stringMatching(/stale/) }, status: 200 })
    expect(await deliver(a, 'coupon.created', { id: 1 })).toMatchObject({ status: 202 })
    expect(await deliver(a, 'price.changed', { product: 'mug' })).toMatchObject({ status: 400 })
  })
})

describe('with two instances sharing Redis', () => {
  it('a price saved in the CMS appears in both instances’ cached pages once one instance hears of it', async () => {
    const path = `/p/${catalogue.mug.slug}`
    for (const url of [a, b]) {
      await page(url, path)
      expect(await page(url, path)).toMatchObject({ cache: 'HIT', status: 200 })
      expect(priceOn((await page(url, path)).html)).toBe('€12.00')
    }
    await setMugPrice(5500)
    // Still the cached page: nothing told the storefront yet.
    expect(priceOn((await page(b, path)).html)).toBe('€12.00')

    expect((await deliver(a, 'price.changed', mugPrice(5500))).status).toBe(200)
    for (const url of [a, b]) {
      const fresh = await page(url, path)
      expect(priceOn(fresh.html)).toBe('€55.00')
      // Rendered for this request, or already by the warm-up after the invalidation.
      expect(['MISS', 'HIT']).toContain(fresh.cache)
    }
    // Listings sorted by price were dropped too; others (not showing the mug) were kept.
    await page(a, '/c/home?sort=price-asc')
    await page(a, '/c/clothing')
    await deliver(a, 'price.changed', mugPrice(5500))
    expect((await page(a, '/c/home?sort=price-asc')).cache).toBe('MISS')
    expect((await page(a, '/c/clothing')).cache).toBe('HIT')
  })

  it('an SSE client on one instance receives a price posted to the other, and a reconnect resumes with Last-Event-ID', async () => {
    const stream = await openEventStream(`${b}/live/products/${catalogue.mug.id}`)
    expect(stream.response.status).toBe(200)
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    await setMugPrice(4400)
    await deliver(a, 'price.changed', mugPrice(4400))
    const first = await stream.next()
    expect(first.event).toBe('price')
    expect(JSON.parse(first.data)).toMatchObject({ currency: 'EUR', items: [{ price: 4400, sku: 'MUG' }], type: 'price' })
    stream.close()

    // Missed while disconnected: a stock change and another price.
    await deliver(a, 'inventory.changed', {
      items: [{ previousStock: 8, sku: 'MUG', stock: 3, variant: null }],
      product: { id: catalogue.mug.id, slug: catalogue.mug.slug },
      resource: `stock:${catalogue.mug.id}`,
      sequence: (sequence += 1),
    })
    await deliver(b, 'price.changed', mugPrice(4300))
    const resumed = await openEventStream(`${a}/live/products/${catalogue.mug.id}`, { 'last-event-id': first.id ?? '' })
    const missed = [await resumed.next(), await resumed.next()]
    expect(missed.map((message) => [message.event, JSON.parse(message.data).items[0]])).toEqual([
      ['stock', { sku: 'MUG', stock: 3, variant: null }],
      ['price', { compareAtPrice: null, price: 4300, sku: 'MUG', variant: null }],
    ])
    resumed.close()
  })

  it('lets only the guest who placed an order follow its status, on any instance', async () => {
    const guest = visitor(a)
    await guest.post('/cart?_action=cart.add', { product: catalogue.onSale.id, quantity: 1 })
    const placed = await guest.post('/checkout?_action=checkout.place', checkoutForm('live@example.test'))
    const orderId = Number((placed.headers.get('location') ?? '').split('/').pop())
    expect(orderId).toBeGreaterThan(0)
    expect((await guest.get(`/order/${orderId}`)).html).toMatch(new RegExp(`data-live-order="${orderId}"`))

    const stranger = await fetch(`${b}/live/orders/${orderId}`)
    expect(stranger.status).toBe(404)
    await stranger.body?.cancel()

    // The session lives in Redis: the guest's cookie opens the stream on the other instance too.
    const cookie = [...guest.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const stream = await openEventStream(`${b}/live/orders/${orderId}`, { cookie })
    expect(stream.response.status).toBe(200)
    const { orderNumber } = await asAdmin<{ orderNumber: string }>(`/orders/${orderId}?depth=0`)
    await asAdmin(`/orders/${orderId}/status`, { body: { status: 'fulfilled' }, method: 'POST' })
    await deliver(a, 'order.status_changed', {
      changedAt: new Date().toISOString(),
      customer: null,
      from: 'paid',
      id: orderId,
      number: orderNumber,
      resource: `order:${orderId}`,
      sequence: (sequence += 1),
      to: 'fulfilled',
    })
    const message = await stream.next()
    expect([message.event, JSON.parse(message.data)]).toEqual(['status', { number: orderNumber, status: 'fulfilled', type: 'status' }])
    stream.close()
    placedOrder = { cookies: [...guest.cookies], id: orderId, number: orderNumber }
  })

  it('updates the price on an open product page and the status on an open order page, and announces them', async () => {
    if (!placedOrder) throw new Error('needs the order of the previous test')
    const browser = await launchBrowser()
    try {
      const context = await browser.newContext()
      // A miss should fail here with Playwright's message, well before the test's own limit.
      context.setDefaultTimeout(15_000)
      await context.addCookies(placedOrder.cookies.map(([name, value]) => ({ name, url: b, value })))
      const product = await context.newPage()
      // The server answers a live stream only once it is subscribed, so its response means events reach the
      // page. Listen before navigating: the page opens the stream while it loads, often before `goto` returns.
      const productStream = product.waitForResponse((response) => response.url().includes(`/live/products/${catalogue.mug.id}`))
      await product.goto(`${b}/p/${catalogue.mug.slug}`)
      await productStream
      await setMugPrice(3900)
      await deliver(a, 'price.changed', mugPrice(3900))
      await product.locator('[data-price]').filter({ hasText: '€39.00' }).waitFor()
      expect(await product.locator('[data-live-announcer]').textContent()).toBe('Price now €39.00')
      await screenshot(product, 'live-product-price')

      const order = await context.newPage()
      const orderStream = order.waitForResponse((response) => response.url().includes(`/live/orders/${placedOrder?.id}`))
      await order.goto(`${b}/order/${placedOrder.id}`)
      await orderStream
      await asAdmin(`/orders/${placedOrder.id}/status`, { body: { status: 'shipped' }, method: 'POST' })
      await deliver(a, 'order.status_changed', {
        changedAt: new Date().toISOString(),
        customer: null,
        from: 'fulfilled',
        id: placedOrder.id,
        number: placedOrder.number,
        resource: `order:${placedOrder.id}`,
        sequence: (sequence += 1),
        to: 'shipped',
      })
      await order.locator('[data-order-status]').filter({ hasText: 'Shipped' }).waitFor()
      expect(await order.locator('[data-live-announcer]').textContent()).toBe('Order status: Shipped')
      await screenshot(order, 'live-order-status')

      // Staff add the parcel's tracking: the order page shows the number and links to the carrier.
      await asAdmin(`/orders/${placedOrder.id}`, { body: { shipment: { trackingNumber: 'JD0146 <b>', trackingUrl: 'https://track.example/JD0146?x=1&y=2' } }, method: 'PATCH' })
      await order.reload()
      const tracking = order.locator('[data-tracking]')
      expect(await tracking.textContent()).toContain('Tracking number: JD0146 <b>.')
      expect(await tracking.locator('a').getAttribute('href')).toBe('https://track.example/JD0146?x=1&y=2')
    } finally {
      await browser.close()
    }
  })
})

describe('a single instance without Redis', () => {
  it('refuses every webhook when no secret is configured', async () => {
    expect(await deliver(unconfigured, 'price.changed', mugPrice(1))).toEqual({
      body: { error: 'Webhooks are not configured on this storefront (WEBHOOK_SECRET is unset).' },
      status: 503,
    })
  })

  it('keeps de-duplication, live events and their replay in its own memory', async () => {
    const stream = await openEventStream(`${alone}/live/products/${catalogue.mug.id}`)
    const id = `msg_${randomUUID()}`
    await deliver(alone, 'price.changed', mugPrice(4200), { id })
    expect(await deliver(alone, 'price.changed', mugPrice(4200), { id })).toEqual({ body: { duplicate: true }, status: 200 })
    const first = await stream.next()
    expect(JSON.parse(first.data)).toMatchObject({ items: [{ price: 4200 }] })
    stream.close()
    await deliver(alone, 'price.changed', mugPrice(4100))
    const resumed = await openEventStream(`${alone}/live/products/${catalogue.mug.id}`, { 'last-event-id': first.id ?? '' })
    expect(JSON.parse((await resumed.next()).data)).toMatchObject({ items: [{ price: 4100 }] })
    resumed.close()
  })
})

describe('when the CMS is down', () => {
  it('serves cached pages (stale, even after an invalidation) and a friendly 503 for the rest', async () => {
    const cachedPath = `/p/${catalogue.oxford.slug}`
    expect((await page(a, cachedPath)).status).toBe(200)
    await shop?.cms.process.stop()

    expect(await page(a, cachedPath)).toMatchObject({ cache: 'HIT', status: 200 })
    await deliver(a, 'product.updated', {
      categories: [catalogue.categories.shirts.id],
      id: catalogue.oxford.id,
      resource: `product:${catalogue.oxford.id}`,
      sequence: (sequence += 1),
      slug: catalogue.oxford.slug,
      status: 'published',
      title: catalogue.oxford.title,
    })
    const stale = await page(a, cachedPath)
    expect([stale.status, stale.cache]).toEqual([200, 'STALE-IF-ERROR'])
    expect(stale.html).toContain(catalogue.oxford.title)

    const uncached = await page(a, `/p/${catalogue.tees[0]?.slug ?? ''}`)
    expect(uncached.status).toBe(503)
    expect(uncached.html).toContain('We’ll be right back')
  })
})
