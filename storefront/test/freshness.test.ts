/**
 * The whole path of a change, with nothing simulated: an editor's save in the CMS commits, the CMS
 * signs and sends its webhooks to one storefront instance, that instance invalidates the route cache
 * shared through Redis and publishes the live event, and every instance serves the change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { cmsAdmin } from './support/cmsAdmin'
import { type Shop, startShop } from './support/harness'
import { openEventStream } from './support/liveClient'
import { sharedRedis } from './support/sharedRedis'

const redis = sharedRedis('test')

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
}, 120_000)

afterAll(async () => {
  await shop?.stop()
  await redis.clear()
})

const priceOn = (html: string): string | undefined => html.match(/data-price[^>]*>\s*<span[^>]*>([^<]+)</)?.[1]?.trim()

const page = async (origin: string, path: string): Promise<{ cache: string | null; price: string | undefined }> => {
  const response = await fetch(`${origin}${path}`)
  return { cache: response.headers.get('x-astro-cache'), price: priceOn(await response.text()) }
}

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

describe('a price saved in the CMS', () => {
  it('appears in both instances’ cached HTML and reaches a live subscriber, through the CMS’s own webhooks', async () => {
    const path = `/p/${catalogue.mug.slug}`
    // Both instances have the page cached in the shared store (keyed by origin, as canonical links differ): €12.00.
    for (const origin of [a, b]) {
      await page(origin, path)
      expect(await page(origin, path)).toEqual({ cache: 'HIT', price: '€12.00' })
    }

    const stream = await openEventStream(`${b}/live/products/${catalogue.mug.id}`)
    try {
      await asAdmin(`/products/${catalogue.mug.id}`, { body: { price: 1450 }, method: 'PATCH' })
      // The webhook went to instance A only; B serves the new price from the shared cache's refill.
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
