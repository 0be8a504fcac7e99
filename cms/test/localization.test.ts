import { sql } from '@payloadcms/db-postgres'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SearchResponse } from '@showroom/payload-commerce/catalogue'
import { catalogueRuntime, SOURCE_HEADER } from '@showroom/payload-commerce/catalogue'
import * as migration from '../src/migrations/20261207_122500_localization'
import * as shippingLabels from '../src/migrations/20261207_152120_shipping_method_labels_localized'
import { paragraphs } from '../src/seed/richText'
import { createActors } from './actors'
import { eventually } from './apiProcess'
import { orderBody, postOrder } from './orderRequest'
import { startTestCms, type TestCms } from './startTestCms'

// Product and category texts in English and German (docs/languages.md): saved per locale, read with
// the English value where a German one is missing, and every raw-SQL reader of them (listing, search,
// checkout's line titles, category counts) reads the locale asked for.

let cms: TestCms
let token: string
const ids: Record<string, number> = {}

const json = async <T>(response: Response): Promise<T> => {
  if (response.status >= 300) throw new Error(`${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

const write = async (path: string, method: 'PATCH' | 'POST', data: Record<string, unknown>): Promise<{ id: number } & Record<string, unknown>> =>
  (await json<{ doc: { id: number } & Record<string, unknown> }>(await cms.api(path, { body: JSON.stringify(data), method, token }))).doc

type Doc = { categories?: Array<{ title?: string } | number>; description?: unknown; descriptionText?: null | string; id: number; seo?: { title?: null | string }; slug: string; title: string }

const anonymousList = async (query: string) => {
  const response = await cms.api(`/products?${query}`)
  return { body: await response.text(), response }
}

/** What Payload's own find answers the same anonymous query with (`pagination=true` changes nothing but the path). */
const generic = async (query: string): Promise<string> => {
  const response = await cms.api(`/products?${query}&pagination=true`)
  expect(response.headers.get(SOURCE_HEADER), query).toBe('payload')
  return response.text()
}

const search = async (query: string): Promise<SearchResponse> => json<SearchResponse>(await cms.api(`/products/search?${query}`))
const searchTitles = async (query: string): Promise<string[]> => (await search(`${query}&depth=0&limit=50`)).docs.map((doc) => (doc as Doc).title).sort()

beforeAll(async () => {
  // A storefront receiver that never answers: the deliveries the CMS queues for it are what is checked.
  cms = await startTestCms('localization', { storefrontWebhook: { secret: `whsec_${Buffer.from('localization-test-secret-0123456789').toString('base64')}`, url: 'http://127.0.0.1:9/api/webhooks/cms' } })
  token = (await createActors(cms)).editor.token
  ids.kitchen = (await write('/categories', 'POST', { description: 'Pots and pans.', title: 'Kitchen' })).id
  await write(`/categories/${ids.kitchen}?locale=de`, 'PATCH', { description: 'Töpfe und Pfannen.', slug: 'kueche', title: 'Küche' })
  ids.pan = (
    await write('/products', 'POST', {
      _status: 'published',
      categories: [ids.kitchen],
      description: paragraphs(['A heavy copper frying pan.']),
      price: 123456,
      seo: { title: 'Copper pan' },
      sku: 'PAN-1',
      stock: 10,
      title: 'Copper Pan',
    })
  ).id
  // The German texts, saved in the German locale; the slug is derived from the German title.
  await write(`/products/${ids.pan}?locale=de`, 'PATCH', { description: paragraphs(['Eine schwere Bratpfanne aus Kupfer.']), seo: { title: 'Kupferpfanne' }, title: 'Kupferpfanne' })
  // No German texts at all: reads in German fall back to the English ones.
  ids.towel = (await write('/products', 'POST', { _status: 'published', categories: [ids.kitchen], price: 900, sku: 'TOWEL-1', stock: 3, title: 'Linen Towel' })).id
  await eventually('the listing to be built', async () => catalogueRuntime(cms.payload).listingReady())
}, 120_000)
afterAll(async () => cms?.close())

describe('localized product and category texts', () => {
  it('are saved per locale, with a German slug derived from the German title', async () => {
    const en = await json<Doc>(await cms.api(`/products/${ids.pan}?depth=0`))
    const de = await json<Doc>(await cms.api(`/products/${ids.pan}?depth=0&locale=de`))
    expect([en.title, en.slug, en.descriptionText, en.seo?.title]).toEqual(['Copper Pan', 'copper-pan', 'A heavy copper frying pan.', 'Copper pan'])
    expect([de.title, de.slug, de.descriptionText, de.seo?.title]).toEqual(['Kupferpfanne', 'kupferpfanne', 'Eine schwere Bratpfanne aus Kupfer.', 'Kupferpfanne'])
    const category = await json<Doc & { description: string }>(await cms.api(`/categories/${ids.kitchen}?locale=de`))
    expect([category.title, category.slug, category.description]).toEqual(['Küche', 'kueche', 'Töpfe und Pfannen.'])
  })

  it('fall back to English where German has none, unless the reader asks for no fallback', async () => {
    const de = await json<Doc>(await cms.api(`/products/${ids.towel}?depth=0&locale=de`))
    expect([de.title, de.slug]).toEqual(['Linen Towel', 'linen-towel'])
    const bare = await json<Doc>(await cms.api(`/products/${ids.towel}?depth=0&locale=de&fallback-locale=none`))
    expect(bare.title ?? null).toBeNull()
  })

  it('keep slugs unique per locale, not across locales', async () => {
    // The towel's German slug may equal an English slug of another product…
    await write(`/products/${ids.towel}?locale=de`, 'PATCH', { slug: 'copper-pan' })
    expect((await json<Doc>(await cms.api(`/products/${ids.towel}?depth=0&locale=de`))).slug).toBe('copper-pan')
    // …but not another German slug.
    const clash = await cms.api(`/products/${ids.towel}?locale=de`, { body: JSON.stringify({ slug: 'kupferpfanne' }), method: 'PATCH', token })
    expect(clash.status).toBe(400)
    await write(`/products/${ids.towel}?locale=de`, 'PATCH', { slug: 'leinentuch' })
  })

  it('let staff translate a category whose subcategories have no German texts yet (their breadcrumbs follow)', async () => {
    const home = await write('/categories', 'POST', { slug: 'home-goods', title: 'Home Goods' })
    const bath = await write('/categories', 'POST', { parent: home.id, slug: 'bath', title: 'Bath' })
    // The plugin re-saves the child in German, where its breadcrumbs still fall back to the English rows.
    const saved = await cms.api(`/categories/${home.id}?locale=de`, { body: JSON.stringify({ slug: 'haushalt', title: 'Haushalt' }), method: 'PATCH', token })
    expect(saved.status, await saved.clone().text()).toBe(200)
    const child = await json<Doc & { breadcrumbs: Array<{ label: string; url: string }> }>(await cms.api(`/categories/${bath.id}?locale=de`))
    expect(child.breadcrumbs.map((crumb) => crumb.label)).toEqual(['Haushalt', 'Bath'])
    const english = await json<Doc & { breadcrumbs: Array<{ label: string }> }>(await cms.api(`/categories/${bath.id}`))
    expect(english.breadcrumbs.map((crumb) => crumb.label)).toEqual(['Home Goods', 'Bath'])
  })

  it('refuse an unknown locale with a 400 that names the locales, on Payload’s routes and the plugin’s', async () => {
    for (const path of ['/products?locale=fr', '/products?locale=de&fallback-locale=xx', `/products/${ids.pan}?locale=fr`, '/categories?locale=fr', '/products/search?locale=fr', '/orders/checkout-options?locale=fr', '/categories/product-counts?locale=fr']) {
      const response = await cms.api(path)
      expect(response.status, path).toBe(400)
      expect(await response.text(), path).toMatch(/locale.*"?(fr|xx)"?.*en, de/i)
    }
  })
})

describe('raw-SQL readers in German', () => {
  const queries = (): string[] => [
    'depth=1&locale=de',
    'depth=0&locale=de&sort=title',
    'depth=1&locale=de&where[slug][equals]=kupferpfanne',
    'depth=1&locale=de&where[title][like]=kupfer',
    'depth=1&limit=1&locale=de&where[and][0][slug][equals]=leinentuch&where[and][1][_status][equals]=published',
    'depth=1&locale=en&where[slug][equals]=copper-pan',
  ]

  it('the listing keeps a row per locale and answers what Payload’s find answers in that locale', async () => {
    for (const query of queries()) {
      const { body, response } = await anonymousList(query)
      expect(response.headers.get(SOURCE_HEADER), query).toBe('listing')
      expect(body, query).toBe(await generic(query))
    }
    const { body } = await anonymousList('depth=1&locale=de&where[slug][equals]=kupferpfanne')
    expect(body).toContain('"title":"Kupferpfanne"')
    expect(body).toContain('"title":"Küche"')
    // The English slug does not find the German row, nor the German slug the English one.
    expect((await anonymousList('depth=0&locale=de&where[slug][equals]=copper-pan')).body).toContain('"totalDocs":0')
    expect((await anonymousList('depth=0&where[slug][equals]=kupferpfanne')).body).toContain('"totalDocs":0')
  })

  it('search finds German titles and descriptions in German, English ones in English, and the untranslated product in both', async () => {
    expect(await searchTitles('q=Kupferpfanne&locale=de')).toEqual(['Kupferpfanne'])
    expect(await searchTitles('q=bratpfanne&locale=de')).toEqual(['Kupferpfanne'])
    expect(await searchTitles('q=Kupferpfanne')).toEqual([])
    expect(await searchTitles('q=copper')).toEqual(['Copper Pan'])
    expect(await searchTitles('q=linen&locale=de')).toEqual(['Linen Towel'])
    // German stemming: the plural finds the singular.
    expect(await searchTitles('q=Kupferpfannen&locale=de')).toEqual(['Kupferpfanne'])
    const facets = (await search('q=kupfer&locale=de')).facets
    expect(facets.categories.map((category) => [category.title, category.slug])).toEqual([['Küche', 'kueche']])
  })

  it('a German edit rewrites the German listing row and announces the product with its German slug', async () => {
    await write(`/products/${ids.pan}?locale=de`, 'PATCH', { title: 'Kupferpfanne groß' })
    const { body } = await anonymousList('depth=1&limit=1&locale=de&where[and][0][slug][equals]=kupferpfanne&where[and][1][_status][equals]=published')
    expect(body).toContain('"title":"Kupferpfanne groß"')
    const { rows } = await cms.db.execute<{ data: { id: number; previous?: { slug: unknown }; slug: string; title: string } }>(
      sql`select payload->'data' as data from webhook_deliveries where payload->>'type' = 'product.updated' order by id desc limit 1`,
    )
    // The product as it was, in the same language (a storefront refuses a slug that is not a string).
    expect(rows[0]?.data).toMatchObject({ id: ids.pan, locale: 'de', previous: { slug: 'kupferpfanne' }, slug: 'kupferpfanne', title: 'Kupferpfanne groß' })
    await write(`/products/${ids.pan}?locale=de`, 'PATCH', { title: 'Kupferpfanne' })
  })

  it('category counts name the locale’s slugs', async () => {
    const { counts } = await json<{ counts: Array<{ id: number; slug: string }> }>(await cms.api('/categories/product-counts?locale=de'))
    expect(counts.find((count) => count.id === ids.kitchen)?.slug).toBe('kueche')
  })

  it('an order keeps its lines’ titles in the locale it was placed in, and the locale', async () => {
    const placed = await postOrder(cms, orderBody([{ product: ids.pan, quantity: 1 }, { product: ids.towel, quantity: 1 }], { locale: 'de' }))
    expect(placed.status, await placed.clone().text()).toBe(201)
    const { order: doc } = (await placed.json()) as { order: { id: number } }
    const order = await cms.payload.findByID({ collection: 'orders', depth: 0, id: doc.id })
    expect(order.locale).toBe('de')
    expect(order.items?.map((line) => line.title)).toEqual(['Kupferpfanne', 'Linen Towel'])
    const english = await postOrder(cms, orderBody([{ product: ids.pan, quantity: 1 }]))
    const englishOrder = await cms.payload.findByID({ collection: 'orders', depth: 0, id: ((await english.json()) as { order: { id: number } }).order.id })
    expect([englishOrder.locale, englishOrder.items?.[0]?.title]).toEqual(['en', 'Copper Pan'])
    const unknown = await postOrder(cms, orderBody([{ product: ids.pan, quantity: 1 }], { locale: 'fr' }))
    expect(unknown.status).toBe(400)
  })
})

describe('the localization migration', () => {
  it('keeps every saved text as the English value, in products, their versions and categories', async () => {
    const { db } = cms
    const req = await createLocalReq({}, cms.payload)
    // Back to the schema before localization (the later shipping labels' migration first, which uses its
    // locales type): the English texts return to their columns.
    await shippingLabels.down({ db, payload: cms.payload, req })
    await migration.down({ db, payload: cms.payload, req })
    const unlocalized = async () => ({
      categories: (await db.execute(sql`select id, title, slug, description from categories order by id`)).rows,
      products: (await db.execute(sql`select id, title, slug, description_text, seo_title from products order by id`)).rows,
      versions: (await db.execute(sql`select id, version_title, version_slug from _products_v order by id`)).rows,
    })
    const before = await unlocalized()
    expect(before.products).toContainEqual({ description_text: 'A heavy copper frying pan.', id: ids.pan, seo_title: 'Copper pan', slug: 'copper-pan', title: 'Copper Pan' })
    expect(before.categories).toContainEqual({ description: 'Pots and pans.', id: ids.kitchen, slug: 'kitchen', title: 'Kitchen' })
    expect(before.versions.length).toBeGreaterThan(2)

    await migration.up({ db, payload: cms.payload, req })
    await shippingLabels.up({ db, payload: cms.payload, req })
    const after = {
      categories: (await db.execute(sql`select _parent_id as id, title, slug, description from categories_locales where _locale = 'en' order by _parent_id`)).rows,
      products: (await db.execute(sql`select _parent_id as id, title, slug, description_text, seo_title from products_locales where _locale = 'en' order by _parent_id`)).rows,
      versions: (await db.execute(sql`select _parent_id as id, version_title, version_slug from _products_v_locales where _locale = 'en' order by _parent_id`)).rows,
    }
    expect(after).toEqual(before)
    // The search documents are rebuilt for every locale (German ones from the English texts until translated).
    const documents = await db.execute<{ locale: string; title: string }>(sql`select locale, title from product_search where product_id = ${ids.pan} order by locale`)
    expect(documents.rows).toEqual([{ locale: 'de', title: 'Copper Pan' }, { locale: 'en', title: 'Copper Pan' }])
    // And the API reads them as before.
    expect((await json<Doc>(await cms.api(`/products/${ids.pan}?depth=0`))).title).toBe('Copper Pan')
  })
})

describe('the shipping labels migration', () => {
  it('keeps every saved shipping method label as its English value, and down brings them back', async () => {
    const { db } = cms
    const req = await createLocalReq({}, cms.payload)
    const english = async () => (await db.execute(sql`select _parent_id as id, label from shipping_zones_methods_locales where _locale = 'en' order by _parent_id`)).rows
    const saved = await english()
    expect(saved.map((row) => row.label)).toEqual(expect.arrayContaining(['Standard (3–5 working days)', 'Express (next working day)']))
    await shippingLabels.down({ db, payload: cms.payload, req })
    expect((await db.execute(sql`select id, label from shipping_zones_methods order by id`)).rows).toEqual(saved)
    await shippingLabels.up({ db, payload: cms.payload, req })
    expect(await english()).toEqual(saved)
    const options = await json<{ shipping: { methods: Array<{ label: string }> } }>(await cms.api('/orders/checkout-options?locale=de'))
    expect(options.shipping.methods.map((method) => method.label)).toEqual(['Standard (3–5 working days)', 'Express (next working day)'])
  })
})
