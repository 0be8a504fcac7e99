/**
 * The home page against a real CMS (see `support/harness.ts`), and what happens when the CMS goes away.
 */
import { get, type IncomingHttpHeaders } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'

import { attributesOf, cardOf, cardTitles, type Shop, startShop } from './support/harness'
import { danglingReferences, duplicateIds, elementIds } from './support/pageIds'

let shop: Shop | undefined
let catalogue: Catalogue
let storefrontUrl: string
let cms: Shop['cms'] | undefined

/** Ticks a product's `featured` box through the CMS REST API, as an editor would (drafts stay drafts). */
const feature = async (api: string, token: string, id: number, draft = false): Promise<void> => {
  const response = await fetch(`${api}/products/${id}${draft ? '?draft=true' : ''}`, {
    body: JSON.stringify({ featured: true }),
    headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
    method: 'PATCH',
  })
  expect(response.status).toBe(200)
}

beforeAll(async () => {
  shop = await startShop('home')
  ;({ catalogue, cms, storefrontUrl } = shop)
  const login = await fetch(`${shop.cms.api}/users/login`, {
    body: JSON.stringify({ email: 'admin@showroom.test', password: 'storefront-test-password' }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  })
  const { token } = (await login.json()) as { token: string }
  // Before the first page view, so nothing is cached yet. The draft stays hidden even when featured.
  for (const product of [catalogue.oxford, catalogue.mug]) await feature(shop.cms.api, token, product.id)
  await feature(shop.cms.api, token, catalogue.draft.id, true)
}, 120_000)

/** The HTML of the home page section marked `data-<name>`. */
const sectionOf = (html: string, name: string): string => html.match(new RegExp(`<(section|nav)\\b[^>]*data-${name}[\\s\\S]*?</\\1>`))?.[0] ?? ''

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
    expect(sectionOf(html, 'new-arrivals').match(/<article\b/g)).toHaveLength(24)
  })

  it('shows the featured products first, published ones only, newest first', async () => {
    const html = await (await fetch(`${storefrontUrl}/`)).text()
    const featured = sectionOf(html, 'featured')
    expect(featured).toMatch(/<h2 id="featured"[^>]*>Featured</)
    expect(cardTitles(featured)).toEqual([catalogue.oxford.title, catalogue.mug.title])
    expect(cardOf(featured, catalogue.mug.title)).toContain('€12.00')
    expect(featured).not.toContain(catalogue.draft.title)
    // Above the categories and the new arrivals; one h1 for the page, h3 cards below the h2 sections.
    expect(html.indexOf('data-featured')).toBeLessThan(html.indexOf('data-top-categories'))
    expect(html.indexOf('data-top-categories')).toBeLessThan(html.indexOf('data-new-arrivals'))
    expect(html.match(/<h1\b/g)).toHaveLength(1)
    expect(featured).toMatch(/<h3 class="title"/)
  })

  it('has unique element ids, even for a product shown both featured and among the new arrivals, and every card named by its own title', async () => {
    const html = await (await fetch(`${storefrontUrl}/`)).text()
    const productsIn = (name: string): string[] => [...sectionOf(html, name).matchAll(/data-product-id="(\d+)"/g)].map(([, id = '']) => id)
    const inBoth = productsIn('featured').filter((id) => productsIn('new-arrivals').includes(id))
    expect(inBoth).toContain(String(catalogue.mug.id))

    expect(duplicateIds(html)).toEqual([])
    expect(danglingReferences(html)).toEqual([])
    // Each card's aria-labelledby points at the heading inside that same card.
    const cards = html.match(/<article\b[\s\S]*?<\/article>/g) ?? []
    expect(cards.length).toBeGreaterThan(24)
    for (const card of cards) {
      const labelledBy = attributesOf(card.match(/<article\b[^>]*>/)?.[0] ?? '')['aria-labelledby'] ?? ''
      expect(elementIds(card)).toContain(labelledBy)
      expect(card).toMatch(new RegExp(`<h3 class="title" id="${labelledBy}"`))
    }
  })

  it('links the root categories with the published products of their whole subtree', async () => {
    const html = await (await fetch(`${storefrontUrl}/`)).text()
    const nav = sectionOf(html, 'top-categories')
    const links = [...nav.matchAll(/<a href="([^"]+)"[^>]*>[\s\S]*?class="category-title"[^>]*>([^<]+)<[\s\S]*?data-count[^>]*>\s*([^<]+?)\s*</g)].map(
      ([, href, title, count]) => ({ count, href, title }),
    )
    // Clothing: the 25 tees, the Oxford, linen and scarf (the draft does not count); Men is not a root.
    expect(links).toEqual([
      { count: '28 products', href: '/c/clothing', title: 'Clothing' },
      { count: '1 product', href: '/c/home', title: 'Home' },
    ])
  })

  it('is one cached page: the second view is a route cache hit', async () => {
    await fetch(`${storefrontUrl}/`)
    const response = await fetch(`${storefrontUrl}/`)
    expect(response.headers.get('x-astro-cache')).toBe('HIT')
    await response.body?.cancel()
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

/** A GET with its own `Host` header (which `fetch` always sets from the URL). */
const getWithHost = (url: string, host: string): Promise<{ headers: IncomingHttpHeaders; html: string; status: number }> =>
  new Promise((resolve, reject) => {
    get(url, { headers: { host } }, (response) => {
      let html = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (html += chunk))
      response.on('end', () => resolve({ headers: response.headers, html, status: response.statusCode ?? 0 }))
    }).on('error', reject)
  })

describe('when the CMS is down', () => {
  it('the CMS stops cleanly on SIGTERM', async () => {
    expect(await cms?.process.stop('SIGTERM')).toEqual({ code: 0, signal: null })
  })

  it('the cached home page is still served', async () => {
    const response = await fetch(`${storefrontUrl}/`)
    expect([response.status, response.headers.get('x-astro-cache')]).toEqual([200, 'HIT'])
    await response.body?.cancel()
  })

  it('the home page answers 503 with a friendly message and no internals', async () => {
    // Under a host name the route cache has never seen (the origin is part of its key; a query string
    // is not, the home page reads none): the page has to ask the CMS.
    const response = await getWithHost(`${storefrontUrl}/`, 'uncached.test')
    expect(response.status).toBe(503)
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['retry-after']).toBe('30')
    const { html } = response
    expect(html).toContain('We’ll be right back')
    expect(html).toContain('Please try again in a minute.')
    expect(html).not.toMatch(/CmsError|ECONNREFUSED|api\/v1|\bat \S+ \(/)

    // …and the storefront itself stays up.
    expect((await fetch(`${storefrontUrl}/health`)).status).toBe(200)
  })
})
