import type { Product } from '@showroom/shared-types'

import { sql } from '@payloadcms/db-postgres'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import * as migration from '../src/migrations/20261121_102840_saved_cart_description_search'
import * as localization from '../src/migrations/20261207_122500_localization'
import * as shippingLabels from '../src/migrations/20261207_152120_shipping_method_labels_localized'
import { createActors } from './actors'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let token: string

beforeAll(async () => {
  cms = await startTestCms('description_text')
  token = (await createActors(cms)).editor.token
})
afterAll(async () => cms?.close())

const text = (value: string) => ({ detail: 0, format: 0, mode: 'normal', style: '', text: value, type: 'text', version: 1 })
const block = (type: string, children: unknown[]) => ({ children, direction: 'ltr', format: '', indent: 0, type, version: 1 })
/** A Lexical value with one paragraph per argument. */
const richText = (...paragraphs: string[]) => ({ root: block('root', paragraphs.map((paragraph) => block('paragraph', [text(paragraph)]))) })

const productBody = (sku: string, extra: Record<string, unknown> = {}) => ({ _status: 'published', price: 1000, sku, stock: 1, title: sku, ...extra })
const send = async (path: string, method: string, body: unknown) => {
  const response = await cms.api(path, { body: JSON.stringify(body), method, token })
  expect(response.status, await response.clone().text()).toBeLessThan(300)
  return ((await response.json()) as { doc: Product }).doc
}
const stored = async (id: number) => (await cms.payload.findByID({ collection: 'products', id })).descriptionText
/** Titles of the published products whose description mentions `word`, as an anonymous visitor searches. */
const search = async (word: string) => {
  const response = await cms.api(`/products?depth=0&limit=100&select[title]=true&where[descriptionText][like]=${encodeURIComponent(word)}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { docs: Array<{ title: string }> }).docs.map((doc) => doc.title).sort()
}

describe('the plain-text copy of a product description', () => {
  let id: number

  it('is written on create, one line per paragraph, and readable by anyone', async () => {
    const doc = await send('/products', 'POST', productBody('LAMP', { description: richText('A brass desk lamp.', 'Dimmable   warm light.') }))
    id = doc.id
    expect(doc.descriptionText).toBe('A brass desk lamp.\nDimmable warm light.')
    const response = await cms.api(`/products/${id}?depth=0`)
    expect(((await response.json()) as Product).descriptionText).toBe('A brass desk lamp.\nDimmable warm light.')
  })

  it('cannot be written by a client, on create or update', async () => {
    const created = await send('/products', 'POST', productBody('VASE', { description: richText('A glass vase.'), descriptionText: 'spam words' }))
    expect(await stored(created.id)).toBe('A glass vase.')
    const noDescription = await send('/products', 'POST', productBody('BOWL', { descriptionText: 'spam words' }))
    expect(await stored(noDescription.id)).toBeNull()
    await send(`/products/${id}`, 'PATCH', { descriptionText: 'spam words' })
    expect(await stored(id)).toBe('A brass desk lamp.\nDimmable warm light.')
  })

  it('survives an update that leaves the description out, and follows one that changes it', async () => {
    await send(`/products/${id}`, 'PATCH', { price: 1200 })
    expect(await stored(id)).toBe('A brass desk lamp.\nDimmable warm light.')
    await send(`/products/${id}`, 'PATCH', { description: richText('A copper desk lamp.') })
    expect(await stored(id)).toBe('A copper desk lamp.')
    await send(`/products/${id}`, 'PATCH', { description: null })
    expect(await stored(id)).toBeNull()
    await send(`/products/${id}`, 'PATCH', { description: richText('A copper desk lamp.') })
  })

  it('answers `like`, which the rich-text field cannot, and shows drafts to no visitor', async () => {
    // The rich-text field itself: Payload answers 500 (why the copy exists).
    expect((await cms.api('/products?where[description][like]=copper')).status).toBe(500)
    expect(await search('copper')).toEqual(['LAMP'])
    expect(await search('COPPER desk')).toEqual(['LAMP'])

    await send('/products?draft=true', 'POST', { ...productBody('DRAFT-LAMP', { description: richText('An unreleased copper lantern.') }), _status: 'draft' })
    // A draft change to a published product stays in its versions until published.
    await send(`/products/${id}?draft=true`, 'PATCH', { _status: 'draft', description: richText('A copper lantern, coming soon.') })
    expect(await search('lantern')).toEqual([])
    expect(await search('copper')).toEqual(['LAMP'])
    const { docs } = await cms.payload.find({ collection: 'products', draft: true, where: { descriptionText: { like: 'lantern' } } })
    expect(docs.map((doc) => doc.sku).sort()).toEqual(['DRAFT-LAMP', 'LAMP'])
  })
})

describe('the migration', () => {
  it('fills the copy of existing products and versions from their descriptions', async () => {
    const { db } = cms
    const req = await createLocalReq({}, cms.payload)
    // This migration ran on the schema before localization moved the texts to products_locales (and
    // before the shipping labels, which use localization's locale type, were localized).
    await shippingLabels.down({ db, payload: cms.payload, req })
    await localization.down({ db, payload: cms.payload, req })
    const copies = async () => ({
      products: (await db.execute<{ description_text: null | string }>(sql`SELECT description_text FROM products WHERE sku = 'LAMP'`)).rows,
      versions: (
        await db.execute<{ text: null | string }>(sql`
          SELECT v.version_description_text AS text FROM _products_v v JOIN products p ON p.id = v.parent_id
          WHERE p.sku = 'LAMP' ORDER BY v.id`)
      ).rows.map((row) => row.text),
    })
    const before = await copies()
    expect(before.products).toEqual([{ description_text: 'A copper desk lamp.' }])
    expect(before.versions.at(-1)).toBe('A copper lantern, coming soon.')

    await migration.down({ db, payload: cms.payload, req })
    await migration.up({ db, payload: cms.payload, req })
    expect(await copies()).toEqual(before)
    await localization.up({ db, payload: cms.payload, req })
    await shippingLabels.up({ db, payload: cms.payload, req })
  })
})
