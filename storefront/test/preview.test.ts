/**
 * Storefront preview, the storefront's half (docs/preview.md): a Preview link shows a product's saved
 * draft (and a category as saved) on the real page's components; Live Preview's unsaved edits render
 * through the same page; and no one without a valid token ever sees a draft — not through the preview
 * URL, not through any public page, cache or webhook-refreshed copy. The CMS's half (who gets a token,
 * what it opens there) is cms/test/preview.test.ts; the admin's iframe is in cms/test/admin.e2e.test.ts.
 * One CMS (sending its webhooks) and two instances sharing Redis: A with preview on, B without it.
 */
import { mintPreviewToken } from '@showroom/shared-types/preview'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { cmsAdmin } from './support/cmsAdmin'
import { decodeEntities, type Shop, startShop } from './support/harness'
import { sharedRedis } from './support/sharedRedis'

const SECRET = 'storefront-preview-test-secret-0123456789'
const ADMIN = 'https://admin.example'
const HOUR = 60 * 60

const redis = sharedRedis('preview')
let shop: Shop | undefined
let catalogue: Catalogue
let asAdmin: ReturnType<typeof cmsAdmin>
let a: string
let b: string

beforeAll(async () => {
  shop = await startShop('preview', {
    cmsEnv: { PREVIEW_SECRET: SECRET, STOREFRONT_WEBHOOK_SECRET: redis.secret },
    env: { ...redis.env, CMS_ADMIN_URL: ADMIN, PREVIEW_SECRET: SECRET },
    instanceEnv: [{}, { PREVIEW_SECRET: '' }],
    instances: 2,
  })
  catalogue = shop.catalogue
  asAdmin = cmsAdmin(shop.cms.api)
  ;[a, b] = shop.storefronts.map((instance) => instance.url) as [string, string]
  // The mug is published as "Stoneware mug"; a saved draft renames it.
  await asAdmin(`/products/${catalogue.mug.id}?draft=true`, { body: { title: 'Stoneware mug (draft glaze)' }, method: 'PATCH' })
}, 120_000)

afterAll(async () => {
  await shop?.stop()
  await redis.clear()
})

const tokenFor = (collection: 'categories' | 'products', id: number, options: { now?: number; secret?: string } = {}) =>
  mintPreviewToken({ collection, id }, { now: options.now, secret: options.secret ?? SECRET, ttlSeconds: HOUR })

const previewUrl = (origin: string, collection: string, id: number | string, token?: string): string =>
  `${origin}/preview/${collection}/${id}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`

/** The text of the page's main heading. */
const headingOf = (html: string): string | undefined => /<h1\b[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]

const get = async (url: string): Promise<{ html: string; response: Response }> => {
  const response = await fetch(url, { redirect: 'manual' })
  return { html: decodeEntities(await response.text()), response }
}

/** Posts Live Preview's unsaved form data, as the page's script does. */
const postEdit = (url: string, body: string) => fetch(url, { body, headers: { 'content-type': 'application/json' }, method: 'POST' })

/** The headers every preview answer carries, shown or refused. */
const expectPrivate = (response: Response, what: string): void => {
  expect(response.headers.get('cache-control'), what).toBe('private, no-store')
  expect(response.headers.get('x-robots-tag'), what).toBe('noindex')
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer')
  expect(response.headers.get('x-astro-cache'), what).toBeNull()
}

describe('a Preview link', () => {
  it('shows the saved draft on the product page’s own components, framable by the admin only, never cached', async () => {
    const url = previewUrl(a, 'products', catalogue.mug.id, await tokenFor('products', catalogue.mug.id))
    for (const round of ['first', 'second']) {
      const { html, response } = await get(url)
      expect(response.status, round).toBe(200)
      expectPrivate(response, round)
      expect(headingOf(html)).toBe('Stoneware mug (draft glaze)')
      // The product page's own markup: price, add-to-cart form; a banner says it is a preview.
      expect(html).toMatch(/data-add-to-cart/)
      expect(html).toMatch(/Preview: this page may show changes that are not published/)
      expect(html).toMatch(/<meta name="robots" content="noindex"/)
      const policy = response.headers.get('content-security-policy') ?? ''
      expect(policy).toMatch(new RegExp(`frame-ancestors ${ADMIN}$`))
      expect(policy).not.toContain("'none'; frame-ancestors")
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/)
      expect(policy).toMatch(/script-src 'self' 'sha256-/)
    }
  })

  it('shows a never-published product, and a category as saved', async () => {
    const draft = await get(previewUrl(a, 'products', catalogue.draft.id, await tokenFor('products', catalogue.draft.id)))
    expect(draft.response.status).toBe(200)
    expect(draft.html).toContain('Secret jacket')
    const { shirts } = catalogue.categories
    const category = await get(previewUrl(a, 'categories', shirts.id, await tokenFor('categories', shirts.id)))
    expect(category.response.status).toBe(200)
    expectPrivate(category.response, 'category')
    expect(headingOf(category.html)).toBe(shirts.title)
    // Its listing is the published one: the oxford shirt, never the draft jacket.
    expect(category.html).toContain(catalogue.oxford.title)
    expect(category.html).not.toContain('Secret jacket')
  })

  it('never shows a draft without a valid token for exactly that document', async () => {
    const id = catalogue.mug.id
    const cases: Array<[string, string | undefined, number]> = [
      ['no token', undefined, 401],
      ['garbage', 'garbage', 401],
      ['expired', await tokenFor('products', id, { now: Date.now() - 3 * HOUR * 1000 }), 401],
      ['another product’s', await tokenFor('products', catalogue.oxford.id), 401],
      ['a category’s with the same id', await tokenFor('categories', id), 401],
      ['another secret', await tokenFor('products', id, { secret: 'another-secret-another-secret-0123456789' }), 401],
    ]
    for (const [what, token, status] of cases) {
      const { html, response } = await get(previewUrl(a, 'products', id, token))
      expect(response.status, what).toBe(status)
      expectPrivate(response, what)
      expect(html, what).not.toContain('draft glaze')
      expect(html, what).toMatch(/This preview link is not valid, or it has expired/)
      // Refused, nobody may frame it.
      expect(response.headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/)
      const edit = await postEdit(previewUrl(a, 'products', id, token), JSON.stringify({ data: { title: 'Typed' } }))
      expect(edit.status, `${what}, live`).toBe(401)
      expect(await edit.text(), `${what}, live`).not.toContain('Typed')
    }
    // An id that is none, a collection that is none: not found.
    expect((await get(previewUrl(a, 'products', 'abc', 'x'))).response.status).toBe(404)
    expect((await get(previewUrl(a, 'users', 1, 'x'))).response.status).toBe(404)
  })

  it('opens nothing once the document is deleted, nor on an instance without PREVIEW_SECRET', async () => {
    const doomed = await asAdmin<{ doc: { id: number } }>('/products?draft=true', {
      body: { _status: 'draft', categories: [catalogue.categories.home.id], currency: 'EUR', price: 500, sku: 'DOOMED', stock: 1, title: 'Doomed vase' },
      method: 'POST',
    })
    const token = await tokenFor('products', doomed.doc.id)
    const url = previewUrl(a, 'products', doomed.doc.id, token)
    expect((await get(url)).html).toContain('Doomed vase')
    await asAdmin(`/products/${doomed.doc.id}`, { method: 'DELETE' })
    const replay = await get(url)
    expect(replay.response.status).toBe(404)
    expect(replay.html).not.toContain('Doomed vase')
    const off = await get(previewUrl(b, 'products', catalogue.mug.id, await tokenFor('products', catalogue.mug.id)))
    expect(off.response.status).toBe(404)
    expect(off.html).not.toContain('draft glaze')
  })
})

describe('the public pages', () => {
  it('keep showing only what is published, from a cold and a warm cache, before and after a preview', async () => {
    const path = `/p/${catalogue.mug.slug}`
    const cold = await get(`${a}${path}`)
    expect(headingOf(cold.html)).toBe('Stoneware mug')
    await get(previewUrl(a, 'products', catalogue.mug.id, await tokenFor('products', catalogue.mug.id)))
    const warm = await get(`${a}${path}`)
    expect(warm.response.headers.get('x-astro-cache')).toBe('HIT')
    expect(headingOf(warm.html)).toBe('Stoneware mug')
    // The other instance, from the shared Redis copy or its own render.
    expect(headingOf((await get(`${b}${path}`)).html)).toBe('Stoneware mug')
    // The draft save sent webhooks: every page they refreshed still shows the published title.
    const undelivered = async () => (await asAdmin<{ totalDocs: number }>('/webhook-deliveries?limit=1&where[status][in]=pending,retrying')).totalDocs
    await expect.poll(undelivered).toBe(0)
    for (const origin of [a, b]) {
      expect((await get(`${origin}${path}`)).html, origin).not.toContain('draft glaze')
    }
  })

  it('never reach a draft: product URL, category listing, search, sitemap', async () => {
    await get(previewUrl(a, 'products', catalogue.draft.id, await tokenFor('products', catalogue.draft.id)))
    const product = await get(`${a}/p/${catalogue.draft.slug}`)
    expect(product.response.status).toBe(404)
    // Search pages repeat the query they were asked: what must be absent is the draft's card and link.
    const pages = ['/c/clothing/men/shirts', '/search?q=jacket', '/search?q=glaze', '/sitemap.xml', `/p/${catalogue.mug.slug}`]
    for (const page of pages) {
      const { html } = await get(`${a}${page}`)
      expect(html, page).not.toContain(`/p/${catalogue.draft.slug}`)
      expect(html, page).not.toContain('Secret jacket')
      expect(html, page).not.toContain('draft glaze')
    }
  })

  it('keep no preview answer in the shared Redis page cache', async () => {
    await get(previewUrl(a, 'products', catalogue.mug.id, await tokenFor('products', catalogue.mug.id)))
    const client = new Redis(redis.url)
    try {
      const keys = await client.keys(`${redis.prefix}*`)
      expect(keys.some((key) => key.includes('/p/'))).toBe(true)
      expect(keys.filter((key) => key.includes('/preview/'))).toEqual([])
    } finally {
      client.disconnect()
    }
  })
})

describe('Live Preview’s edits', () => {
  it('render the unsaved document through the same components, region only, saving nothing', async () => {
    const token = await tokenFor('products', catalogue.mug.id)
    const url = previewUrl(a, 'products', catalogue.mug.id, token)
    const saved = (await asAdmin<Record<string, unknown>>(`/products/${catalogue.mug.id}?draft=true&depth=0`))
    const response = await postEdit(url, JSON.stringify({ data: { ...saved, price: 1500, title: 'Stoneware mug (typed)' } }))
    expect(response.status).toBe(200)
    expectPrivate(response, 'edit')
    const html = decodeEntities(await response.text())
    expect(html).toMatch(/^\s*(<!DOCTYPE html>)?\s*<div data-preview-region/i)
    expect(headingOf(html)).toBe('Stoneware mug (typed)')
    expect(html).toContain('€15.00')
    expect(html).not.toMatch(/<html|<header/)
    // Nothing was saved: the saved draft and the public page are as they were.
    expect((await get(url)).html).toContain('Stoneware mug (draft glaze)')
    expect(headingOf((await get(`${a}/p/${catalogue.mug.slug}`)).html)).toBe('Stoneware mug')
  })

  it('answer a 4xx with the reason for a body that is not an edit, or a document the page cannot show', async () => {
    const token = await tokenFor('products', catalogue.mug.id)
    const url = previewUrl(a, 'products', catalogue.mug.id, token)
    const bad: Array<[string, string, number]> = [
      ['not JSON', 'title=x', 400],
      ['no data', JSON.stringify({ title: 'x' }), 400],
      ['data not an object', JSON.stringify({ data: 'x' }), 400],
      ['a title that is no text', JSON.stringify({ data: { title: 5 } }), 422],
      ['a currency that is none', JSON.stringify({ data: { currency: 'euros' } }), 422],
    ]
    for (const [what, body, status] of bad) {
      const response = await postEdit(url, body)
      expect(response.status, what).toBe(status)
      expectPrivate(response, what)
      expect(response.headers.get('content-type'), what).toMatch(/^text\/plain/)
      expect((await response.text()).length, what).toBeGreaterThan(10)
    }
  })

  it('re-render a category’s unsaved title and description', async () => {
    const { shirts } = catalogue.categories
    const url = previewUrl(a, 'categories', shirts.id, await tokenFor('categories', shirts.id))
    const saved = await asAdmin<Record<string, unknown>>(`/categories/${shirts.id}?depth=0`)
    const response = await postEdit(url, JSON.stringify({ data: { ...saved, description: 'Crisp cotton, typed.', title: 'Shirts (typed)' } }))
    expect(response.status).toBe(200)
    const html = decodeEntities(await response.text())
    expect(headingOf(html)).toBe('Shirts (typed)')
    expect(html).toContain('Crisp cotton, typed.')
  })
})
