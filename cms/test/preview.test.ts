/**
 * Storefront preview, the CMS's half (docs/preview.md): who gets a preview URL, and what its token
 * opens through `GET`/`POST /api/v1/preview/:collection/:id` — exactly one document's draft, for a
 * while, and nothing for anyone else. The storefront's half is storefront/test/preview.test.ts.
 */
import { mintPreviewToken, PREVIEW_TOKEN_HEADER } from '@showroom/shared-types/preview'
import { createLocalReq, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readEnv } from '../src/env'
import { adminCsp } from '../src/http/securityHeaders'
import { type Actors, createActors } from './actors'
import { startTestCms, type TestCms, TEST_STOREFRONT_URL } from './startTestCms'

const SECRET = 'cms-preview-test-secret-0123456789abcdef'
const HOUR = 60 * 60

let cms: TestCms
let actors: Actors
let productId: number
let categoryId: number

beforeAll(async () => {
  cms = await startTestCms('preview', { previewSecret: SECRET })
  actors = await createActors(cms)
  const category = await cms.payload.create({ collection: 'categories', data: { title: 'Lamps' } })
  categoryId = category.id
  // Published as "Desk Lamp"; then a saved draft renames it and changes the price.
  const product = await cms.payload.create({
    collection: 'products',
    data: { _status: 'published', categories: [categoryId], currency: 'EUR', price: 4900, sku: 'LAMP', stock: 3, title: 'Desk Lamp' } as never,
  })
  productId = product.id
  await cms.payload.update({ collection: 'products', data: { price: 5900, title: 'Desk Lamp (new shade)' }, draft: true, id: productId })
}, 60_000)
afterAll(async () => cms?.close())

const requestAs = async (user: 'anonymous' | 'customer' | 'editor'): Promise<PayloadRequest> => {
  const found = user === 'anonymous' ? null : await cms.payload.findByID({ collection: 'users', id: actors[user === 'customer' ? 'alice' : 'editor'].id })
  return createLocalReq({ user: found ? { ...found, collection: 'users' } : undefined }, cms.payload)
}

/** The URL the admin's Preview button (`preview`) and Live Preview (`livePreview.url`) get for the product. */
const previewUrls = async (user: 'anonymous' | 'customer' | 'editor'): Promise<Array<null | string>> => {
  const req = await requestAs(user)
  const { admin } = cms.payload.collections.products.config
  const livePreview = admin.livePreview?.url
  if (typeof livePreview !== 'function' || !admin.preview) throw new Error('products have no preview')
  const live = await livePreview({ collectionConfig: cms.payload.collections.products.config, data: { id: productId }, locale: { code: 'en', label: 'English' }, payload: cms.payload, req })
  const button = await admin.preview({ id: productId }, { locale: 'en', req, token: null })
  return [live ?? null, button]
}

const draft = (collection: string, id: number | string, token?: string, init: RequestInit = {}) =>
  cms.api(`/preview/${collection}/${id}`, { ...init, headers: { ...(token === undefined ? {} : { [PREVIEW_TOKEN_HEADER]: token }), ...init.headers } })

const tokenFor = (collection: 'categories' | 'products', id: number, options: { now?: number; secret?: string; ttlSeconds?: number } = {}) =>
  mintPreviewToken({ collection, id }, { now: options.now, secret: options.secret ?? SECRET, ttlSeconds: options.ttlSeconds ?? HOUR })

describe('preview URLs', () => {
  it('are given to staff only, pointing at the storefront with a token for that document', async () => {
    const [live, button] = await previewUrls('editor')
    expect(live).toBe(button)
    const url = new URL(live ?? '')
    expect(url.origin).toBe(TEST_STOREFRONT_URL)
    expect(url.pathname).toBe(`/preview/products/${productId}`)
    const response = await draft('products', productId, url.searchParams.get('token') ?? '')
    expect(response.status).toBe(200)
    // A customer (or nobody) signed in gets no link and no token, whichever way they ask.
    expect(await previewUrls('customer')).toEqual([null, null])
    expect(await previewUrls('anonymous')).toEqual([null, null])
  })

  it('offer mobile, tablet and desktop sizes in Live Preview, for categories too', () => {
    for (const slug of ['products', 'categories'] as const) {
      expect(cms.payload.collections[slug].config.admin.livePreview?.breakpoints?.map((size) => size.name)).toEqual(['mobile', 'tablet', 'desktop'])
    }
  })

  it('let the admin frame the storefront (frame-src), and only when preview is on', () => {
    expect(adminCsp({ frameOrigins: [TEST_STOREFRONT_URL], imageOrigins: [], nonce: 'n', production: true })).toMatch(new RegExp(`frame-src 'self' ${TEST_STOREFRONT_URL}(;|$)`))
    expect(adminCsp({ imageOrigins: [], nonce: 'n', production: true })).toMatch(/frame-src 'self'(;|$)/)
  })
})

describe('GET /preview/:collection/:id', () => {
  it('answers the saved draft, populated like a published read, never cached, without staff-only fields', async () => {
    const response = await draft('products', productId, await tokenFor('products', productId))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const doc = (await response.json()) as Record<string, unknown>
    expect(doc).toMatchObject({ _status: 'draft', id: productId, price: 5900, title: 'Desk Lamp (new shade)' })
    expect(doc.categories).toEqual([expect.objectContaining({ id: categoryId, title: 'Lamps' })])
    expect(JSON.stringify(doc)).not.toContain('stockSeen')
    // The public read still shows what is published.
    const published = (await (await cms.api(`/products/${productId}`)).json()) as { title: string }
    expect(published.title).toBe('Desk Lamp')
  })

  it('answers a category (which has no drafts) as saved', async () => {
    const response = await draft('categories', categoryId, await tokenFor('categories', categoryId))
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ id: categoryId, title: 'Lamps' })
  })

  it('refuses every token that is not exactly this document’s, live and signed here', async () => {
    const now = Date.now()
    const refused: Array<[string, string | undefined]> = [
      ['no token', undefined],
      ['an empty one', ''],
      ['garbage', 'not-a-jwt'],
      ['an expired one', await tokenFor('products', productId, { now: now - 3 * HOUR * 1000 })],
      ['another product’s', await tokenFor('products', productId + 1)],
      ['a category’s with the same id', await tokenFor('categories', productId)],
      ['one signed with another secret', await tokenFor('products', productId, { secret: 'another-secret-another-secret-0123456789' })],
      ['a staff session token', actors.editor.token],
    ]
    for (const [what, token] of refused) {
      const response = await draft('products', productId, token)
      expect(response.status, what).toBe(401)
      expect(JSON.stringify(await response.json()), what).not.toContain('new shade')
    }
    // Nor does the token work as a sign-in on the ordinary API.
    const anonymous = await cms.api(`/products/${productId}?draft=true`, { headers: { [PREVIEW_TOKEN_HEADER]: await tokenFor('products', productId) } })
    expect(JSON.stringify(await anonymous.json())).not.toContain('new shade')
  })

  it('answers 404 for what cannot be previewed, and for a deleted document whatever the token', async () => {
    expect((await draft('users', actors.editor.id, await tokenFor('products', actors.editor.id))).status).toBe(404)
    expect((await draft('products', 'abc', 'x')).status).toBe(400)
    const doomed = await cms.payload.create({ collection: 'products', data: { _status: 'draft', price: 100, sku: 'DOOMED', title: 'Doomed' }, draft: true })
    const token = await tokenFor('products', doomed.id)
    expect((await draft('products', doomed.id, token)).status).toBe(200)
    await cms.payload.delete({ collection: 'products', id: doomed.id })
    expect((await draft('products', doomed.id, token)).status).toBe(404)
    const post = await draft('products', doomed.id, token, { body: JSON.stringify({ data: { title: 'Back?' } }), method: 'POST' })
    expect(post.status).toBe(404)
  })
})

describe('POST /preview/:collection/:id', () => {
  it('populates the unsaved data the admin sends as the saved draft would be', async () => {
    const token = await tokenFor('products', productId)
    const saved = (await (await draft('products', productId, token)).json()) as Record<string, unknown>
    const edited = { ...saved, categories: [categoryId], title: 'Desk Lamp (typed)' }
    const response = await draft('products', productId, token, { body: JSON.stringify({ data: edited }), method: 'POST' })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const doc = (await response.json()) as Record<string, unknown>
    expect(doc).toMatchObject({ id: productId, title: 'Desk Lamp (typed)' })
    expect(doc.categories).toEqual([expect.objectContaining({ id: categoryId, title: 'Lamps' })])
    // Nothing was saved.
    const again = (await (await draft('products', productId, token)).json()) as { title: string }
    expect(again.title).toBe('Desk Lamp (new shade)')
  })

  it('answers 4xx, writing nothing, for a bad body or a bad token', async () => {
    const token = await tokenFor('products', productId)
    const bodies: Array<[string, RequestInit]> = [
      ['no data', { body: JSON.stringify({}), method: 'POST' }],
      ['data not an object', { body: JSON.stringify({ data: 'x' }), method: 'POST' }],
      ['not JSON', { body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, method: 'POST' }],
    ]
    for (const [what, init] of bodies) {
      const response = await draft('products', productId, token, init)
      expect([400, 415], what).toContain(response.status)
      expect(((await response.json()) as { errors: Array<{ message: string }> }).errors[0]?.message, what).toMatch(/JSON/)
    }
    // Whatever the form holds, the answer is never a server error (the storefront checks its shape).
    const odd = [{ categories: ['abc'] }, { categories: [2_147_483_647] }, { images: [{ id: 'x' }] }, { title: 5 }, { variants: 'x' }, { description: { root: 1 } }]
    for (const data of odd) {
      const response = await draft('products', productId, token, { body: JSON.stringify({ data }), method: 'POST' })
      expect(response.status, JSON.stringify(data)).toBeLessThan(500)
    }
    const forged = await draft('products', productId, 'forged', { body: JSON.stringify({ data: { title: 'x' } }), method: 'POST' })
    expect(forged.status).toBe(401)
    const saved = (await (await draft('products', productId, token)).json()) as { title: string }
    expect(saved.title).toBe('Desk Lamp (new shade)')
  })
})

describe('PREVIEW_SECRET', () => {
  const base = { DATABASE_URL: 'postgres://localhost/x', NODE_ENV: 'production' as const, PAYLOAD_SECRET: 'x'.repeat(32) }
  it('must be at least 32 characters, and is required with a token lifetime; unset, preview is off', () => {
    expect(() => readEnv({ ...base, PREVIEW_SECRET: 'short' })).toThrow(/PREVIEW_SECRET: must be at least 32 characters/)
    expect(readEnv(base).PREVIEW_SECRET).toBeUndefined()
    expect(readEnv({ ...base, PREVIEW_SECRET: SECRET, PREVIEW_TOKEN_MINUTES: '15' }).PREVIEW_TOKEN_MINUTES).toBe(15)
    // A lifetime without a secret is a deployment that forgot the secret: it does not start.
    expect(() => readEnv({ ...base, PREVIEW_TOKEN_MINUTES: '15' })).toThrow(/PREVIEW_SECRET: required when PREVIEW_TOKEN_MINUTES is set/)
  })
})
