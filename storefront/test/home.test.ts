/**
 * The home page against a real CMS (see `support/harness.ts`), and what happens when the CMS goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'

import { attributesOf, cardOf, type Shop, startShop } from './support/harness'

let shop: Shop | undefined
let catalogue: Catalogue
let storefrontUrl: string
let cms: Shop['cms'] | undefined

beforeAll(async () => {
  shop = await startShop('home')
  ;({ catalogue, cms, storefrontUrl } = shop)
}, 120_000)

afterAll(async () => {
  await shop?.stop()
})

describe('home page', () => {
  it('lists the published products with their prices', async () => {
    const response = await fetch(`${storefrontUrl}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await response.text()

    expect(html).toMatch(/^<!DOCTYPE html><html lang="en-GB"/i)
    expect(html).toContain('<title>Showroom</title>')
    expect(html).toMatch(/<meta name="description" content="[^"]+">/)

    const onSale = cardOf(html, catalogue.onSale.title)
    expect(onSale).toContain('€49.00')
    expect(onSale).toMatch(/<s\b[^>]*>[\s\S]*€69\.00[\s\S]*<\/s>/)
    expect(onSale).not.toContain('Sold out')

    const soldOut = cardOf(html, catalogue.soldOut.title)
    expect(soldOut).toContain('£25.00')
    expect(soldOut).toContain('Sold out')
    expect(soldOut).not.toMatch(/<s\b/)

    // Newest first.
    expect(html.indexOf(catalogue.soldOut.title)).toBeLessThan(html.indexOf(catalogue.onSale.title))
  })

  it('never shows a draft', async () => {
    const html = await (await fetch(`${storefrontUrl}/`)).text()
    expect(html).not.toContain(catalogue.draft.title)
    // One page of the newest 24, of the 29 published.
    expect(html.match(/<article\b/g)).toHaveLength(24)
  })

  it('shows CMS images at their card size, with alt text and an absolute URL the CMS serves', async () => {
    const html = await (await fetch(`${storefrontUrl}/`)).text()
    const img = cardOf(html, catalogue.onSale.title).match(/<img\b[^>]*>/)?.[0] ?? ''
    const { alt, height, src = '', width } = attributesOf(img)
    expect(alt).toBe(catalogue.onSale.imageAlt)
    expect({ height, width }).toEqual({ height: '750', width: '600' })
    expect(src.startsWith(`${cms?.origin}/api/v1/media/file/`)).toBe(true)

    const image = await fetch(src)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/webp')

    // The product without an image gets a placeholder instead of a broken <img>.
    expect(cardOf(html, catalogue.soldOut.title)).not.toContain('<img')
  })

  it('lets shared caches keep the page for a minute', async () => {
    const response = await fetch(`${storefrontUrl}/`)
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300')
  })
})

describe('health', () => {
  it('answers without asking the CMS', async () => {
    const response = await fetch(`${storefrontUrl}/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
    expect(response.headers.get('cache-control')).toBe('no-store')
  })
})

describe('when the CMS is down', () => {
  it('the CMS stops cleanly on SIGTERM', async () => {
    expect(await cms?.process.stop('SIGTERM')).toEqual({ code: 0, signal: null })
  })

  it('the home page answers 503 with a friendly message and no internals', async () => {
    const response = await fetch(`${storefrontUrl}/`)
    expect(response.status).toBe(503)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('retry-after')).toBe('30')
    const html = await response.text()
    expect(html).toContain('We’ll be right back')
    expect(html).toContain('Please try again in a minute.')
    expect(html).not.toMatch(/CmsError|ECONNREFUSED|api\/v1|\bat \S+ \(/)

    // …and the storefront itself stays up.
    expect((await fetch(`${storefrontUrl}/health`)).status).toBe(200)
  })
})
