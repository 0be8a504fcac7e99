/**
 * The route cache of two instances sharing Redis, each with its in-process L1, and the whole path of a
 * change with nothing simulated: an editor's save in the CMS commits, the CMS signs and sends its
 * webhooks to one storefront instance, that instance invalidates the route cache shared through Redis,
 * tells the other instance's L1 through pub/sub and publishes the live event, and every instance
 * serves the change.
 */
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { cmsAdmin } from './support/cmsAdmin'
import { decodeEntities, type Shop, startShop } from './support/harness'
import { openEventStream } from './support/liveClient'
import { sharedRedis } from './support/sharedRedis'
import { visitor } from './support/visitor'

const redis = sharedRedis('test')

/** Polls until `read` gives `expected`, for at most `timeoutMs`; returns how long it took. */
const within = async <T>(timeoutMs: number, read: () => Promise<T>, expected: T): Promise<number> => {
  const started = Date.now()
  let last: T | undefined
  while (Date.now() - started < timeoutMs) {
    last = await read()
    if (JSON.stringify(last) === JSON.stringify(expected)) return Date.now() - started
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`still ${JSON.stringify(last)} after ${timeoutMs} ms, expected ${JSON.stringify(expected)}`)
}

let shop: Shop | undefined
let catalogue: Catalogue
let asAdmin: ReturnType<typeof cmsAdmin>
let a: string
let b: string

beforeAll(async () => {
  shop = await startShop('freshness', {
    cmsEnv: { STOREFRONT_WEBHOOK_SECRET: redis.secret },
    env: redis.env,
    instances: 2,
  })
  catalogue = shop.catalogue
  asAdmin = cmsAdmin(shop.cms.api)
  ;[a, b] = shop.storefronts.map((instance) => instance.url) as [string, string]
  // Filling the catalogue sent webhooks; a page rendered while their invalidations still arrive is
  // (rightly) not kept, so the cases start once the CMS has delivered them all.
  const undelivered = async () => (await asAdmin<{ totalDocs: number }>('/webhook-deliveries?limit=1&where[status][in]=pending,retrying')).totalDocs
  await within(30_000, undelivered, 0)
}, 120_000)

afterAll(async () => {
  await shop?.stop()
  await redis.clear()
})

/** Deletes every page of the shared store: what an instance then serves as a hit comes from its own memory. */
const emptySharedStore = async (): Promise<void> => {
  const client = new Redis(redis.url)
  try {
    const keys = await client.keys(`${redis.prefix}cache:entry:*`)
    if (keys.length > 0) await client.del(...keys)
  } finally {
    client.disconnect()
  }
}

const get = async (origin: string, path: string): Promise<{ cache: string | null; html: string }> => {
  const response = await fetch(`${origin}${path}`)
  return { cache: response.headers.get('x-astro-cache'), html: await response.text() }
}

describe('the in-process route cache (L1)', () => {
  it('answers a page from memory once it is rendered, whatever the shared store still holds', async () => {
    const path = '/c/clothing?sort=name'
    const first = await get(a, path)
    expect(first.cache).toBe('MISS')
    await emptySharedStore()
    // Instance A kept the page it rendered; B never saw it, and the shared store no longer has it.
    expect(await get(a, path)).toEqual({ cache: 'HIT', html: first.html })
    expect((await get(b, path)).cache).toBe('MISS')
  })

  it('keys pages on the parameters they read: tracking and junk parameters, or another order, hit the same entry', async () => {
    const path = '/c/clothing?inStock=1&sort=price-asc'
    const first = await get(a, path)
    expect(first.cache).toBe('MISS')
    await emptySharedStore()
    for (const variant of ['/c/clothing?sort=price-asc&inStock=1', `${path}&utm_source=newsletter&gclid=abc&zz=junk`, `/c/clothing?fbclid=1&page=1&inStock=1&sort=price-asc`]) {
      expect(await get(a, variant)).toEqual({ cache: 'HIT', html: first.html })
    }
    // The page rendered from the canonical address: no junk parameter made it into its links.
    expect(first.html).not.toMatch(/utm_source|gclid|zz=/)
  })

  it('serves a signed-in customer the same cached bytes as anyone, her name only from the uncached island', async () => {
    const path = `/p/${catalogue.onSale.slug}`
    const grace = visitor(a)
    await grace.post('/account/register?_action=account.register', { email: `grace-${Date.now()}@example.test`, name: 'Gracie', password: 'correct-horse-battery' })
    const anonymous = await get(a, path)
    const forGrace = await grace.get(path)
    expect(forGrace.response.headers.get('x-astro-cache')).toBe('HIT')
    expect(forGrace.html).toBe(anonymous.html)
    expect(forGrace.html).not.toContain('Gracie')
    const island = decodeEntities(forGrace.html.match(/href="(\/_server-islands\/PersonalNav[^"]*)"/)?.[1] ?? '')
    expect(island).not.toBe('')
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const personal = await grace.get(island)
      expect(personal.html).toContain('Gracie')
      expect(personal.response.headers.get('x-astro-cache')).toBeNull()
      expect(personal.response.headers.get('cache-control')).toBe('private, no-store')
    }
    // The same island address without her session: nothing of hers was kept for anyone.
    expect((await get(a, island)).html).not.toContain('Gracie')
  })
})

const priceOn = (html: string): string | undefined => html.match(/data-price[^>]*>\s*<span[^>]*>([^<]+)</)?.[1]?.trim()

const page = async (origin: string, path: string): Promise<{ cache: string | null; price: string | undefined }> => {
  const response = await fetch(`${origin}${path}`)
  return { cache: response.headers.get('x-astro-cache'), price: priceOn(await response.text()) }
}

describe('a price saved in the CMS', () => {
  it('appears in both instances’ cached HTML and reaches a live subscriber, through the CMS’s own webhooks', async () => {
    const path = `/p/${catalogue.mug.slug}`
    // Both instances have the page cached (keyed by origin, as canonical links differ): €12.00.
    for (const origin of [a, b]) {
      await page(origin, path)
      expect(await page(origin, path)).toEqual({ cache: 'HIT', price: '€12.00' })
    }
    // Only in their own memory now: B can only learn of the change through A's pub/sub message.
    await emptySharedStore()
    expect(await page(b, path)).toEqual({ cache: 'HIT', price: '€12.00' })

    const stream = await openEventStream(`${b}/live/products/${catalogue.mug.id}`)
    try {
      await asAdmin(`/products/${catalogue.mug.id}`, { body: { price: 1450 }, method: 'PATCH' })
      // The webhook went to instance A only; B dropped its copy on A's message and renders the new price.
      await within(15_000, async () => (await page(b, path)).price, '€14.50')
      await within(15_000, async () => (await page(a, path)).price, '€14.50')

      let message = await stream.next(15_000)
      while (message.event !== 'price') message = await stream.next(15_000)
      expect(JSON.parse(message.data)).toMatchObject({ items: [expect.objectContaining({ price: 1450 })], type: 'price' })
    } finally {
      stream.close()
    }

    // The CMS logged the delivery as delivered, signed for the storefront.
    // (The storefront answers before the CMS records the answer, so the log may lag a moment.)
    const lastPriceDelivery = async () =>
      (
        await asAdmin<{ docs: Array<{ eventType: string; status: string }> }>(
          `/webhook-deliveries?depth=0&limit=1&sort=-createdAt&where[eventType][equals]=price.changed`,
        )
      ).docs[0]?.status
    await within(10_000, lastPriceDelivery, 'succeeded')
  })
})

describe('after a change, a product page shoppers were reading', () => {
  /** The page each instance keeps in the shared store (keyed by its origin): its price, and whether it is invalidated. */
  const stored = async (origin: string, path: string): Promise<{ invalidated: boolean; price: string | undefined } | undefined> => {
    const client = new Redis(redis.url)
    try {
      const [body, invalidated] = await client.hmget(`${redis.prefix}cache:entry:${origin}${path}`, 'body', 'invalidated')
      return body === null || body === undefined ? undefined : { invalidated: invalidated !== null, price: priceOn(body) }
    } finally {
      client.disconnect()
    }
  }

  it('is rendered again on every instance before anyone asks for it, and an unpublished or deleted product is never served as it was', async () => {
    const { doc } = await asAdmin<{ doc: { id: number; slug: string } }>('/products', {
      body: { _status: 'published', categories: [catalogue.categories.home.id], currency: 'EUR', price: 3100, sku: 'WARM-LAMP', stock: 4, title: 'Warm lamp' },
      method: 'POST',
    })
    const path = `/p/${doc.slug}`
    const undelivered = async () => (await asAdmin<{ totalDocs: number }>('/webhook-deliveries?limit=1&where[status][in]=pending,retrying')).totalDocs
    await within(15_000, undelivered, 0)
    // Shoppers on both instances read it: each keeps it in memory (and the shared store).
    for (const origin of [a, b]) {
      await page(origin, path)
      expect(await page(origin, path)).toEqual({ cache: 'HIT', price: '€31.00' })
    }

    await asAdmin(`/products/${doc.id}`, { body: { price: 3350 }, method: 'PATCH' })
    // Nobody asks for the page; both instances store its new render by themselves…
    for (const origin of [a, b]) await within(15_000, () => stored(origin, path), { invalidated: false, price: '€33.50' })
    // …so the next shopper on either gets a hit with the new price.
    for (const origin of [a, b]) expect(await page(origin, path)).toEqual({ cache: 'HIT', price: '€33.50' })

    // Unpublished: the warm-up renders "not found", which is never kept; no instance serves the old page.
    await asAdmin(`/products/${doc.id}`, { body: { _status: 'draft' }, method: 'PATCH' })
    for (const origin of [a, b]) await within(15_000, async () => (await fetch(`${origin}${path}`)).status, 404)
    for (const origin of [a, b]) expect((await stored(origin, path))?.invalidated ?? true).toBe(true)

    // Published again, read, then deleted: gone everywhere.
    await asAdmin(`/products/${doc.id}`, { body: { _status: 'published' }, method: 'PATCH' })
    for (const origin of [a, b]) await within(15_000, async () => (await page(origin, path)).price, '€33.50')
    await asAdmin(`/products/${doc.id}`, { method: 'DELETE' })
    for (const origin of [a, b]) await within(15_000, async () => (await fetch(`${origin}${path}`)).status, 404)
  })
})
