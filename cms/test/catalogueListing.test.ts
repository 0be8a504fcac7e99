import { sql } from '@payloadcms/db-postgres'
import { createPayloadRequest } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { catalogueRuntime, genericFind, SOURCE_HEADER } from '@showroom/payload-commerce/catalogue'
import { createActors } from './actors'
import { eventually } from './apiProcess'
import { startTestCms, type TestCms, TEST_SERVER_URL } from './startTestCms'

let cms: TestCms
let token: string
const ids: Record<string, number> = {}

const json = async <T>(response: Response): Promise<T> => {
  if (response.status >= 300) throw new Error(`${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

const create = async (collection: string, data: Record<string, unknown>, query = ''): Promise<number> =>
  (await json<{ doc: { id: number } }>(await cms.api(`/${collection}${query}`, { body: JSON.stringify(data), method: 'POST', token }))).doc.id

const image = async (alt: string, background: string): Promise<number> => {
  const data = await sharp({ create: { background, channels: 3, height: 20, width: 20 } }).png().toBuffer()
  const doc = await cms.payload.create({ collection: 'media', data: { alt }, file: { data, mimetype: 'image/png', name: `${alt}.png`, size: data.length } })
  return doc.id
}

const paragraph = (text: string) => ({
  root: { children: [{ children: [{ text, type: 'text', version: 1 }], type: 'paragraph', version: 1 }], direction: null, format: '', indent: 0, type: 'root', version: 1 },
})

/** What Payload's own find (the generic path) answers an anonymous `GET /products?<query>` with. */
const generic = async (query: string): Promise<string> => {
  const req = await createPayloadRequest({ config: cms.config, request: new Request(`${TEST_SERVER_URL}/api/v1/products?${query}`) })
  return (await genericFind(req, 'products')).text()
}

const anonymous = async (query: string) => {
  const response = await cms.api(`/products?${query}`)
  return { body: await response.text(), response }
}

beforeAll(async () => {
  // Every anonymous read reaches the listing (or Payload): the comparison is of the paths, not the cache.
  cms = await startTestCms('catalogue-listing', { catalogueCacheMaxBytes: 0 })
  token = (await createActors(cms)).editor.token
  ids.home = await create('categories', { title: 'Home' })
  ids.kitchen = await create('categories', { parent: ids.home, title: 'Kitchen' })
  ids.bags = await create('categories', { title: 'Bags' })
  ids.red = await image('red', '#c33')
  ids.blue = await image('blue', '#33c')
  const lines = ['Linen Shirt', 'Oxford Shirt', 'Stoneware Plate', 'Linen Towel', 'Canvas Tote', 'Leather Bag', 'Copper Pan', 'Wool Throw']
  for (const [index, title] of lines.entries()) {
    ids[title] = await create('products', {
      _status: 'published',
      categories: index % 3 === 0 ? [ids.kitchen, ids.bags] : index % 3 === 1 ? [ids.kitchen] : [ids.bags],
      description: paragraph(`${title} for every day.`),
      images: index % 2 === 0 ? [ids.red, ids.blue] : [ids.blue],
      price: 1000 + ((index * 1700) % 6000),
      sku: `SKU-${index}`,
      stock: index,
      title,
      ...(index % 4 === 0 && {
        options: [{ name: 'Size', values: ['S', 'M'] }],
        variants: [
          { image: ids.red, selections: [{ option: 'Size', value: 'S' }], sku: `SKU-${index}-S`, stock: 2 },
          { price: 2500, selections: [{ option: 'Size', value: 'M' }], sku: `SKU-${index}-M`, stock: 0 },
        ],
      }),
    })
  }
  ids.secret = await create('products', { price: 999, sku: 'SECRET', stock: 1, title: 'Secret Draft Shirt' }, '?draft=true')
  // Published, then changed in a draft: the public keeps reading the published title.
  ids.edited = await create('products', { _status: 'published', price: 1500, sku: 'EDITED', stock: 1, title: 'Published Shirt' })
  await cms.api(`/products/${ids.edited}?draft=true`, { body: JSON.stringify({ title: 'Unreleased Shirt' }), method: 'PATCH', token })
  await eventually('the listing to be built', async () => catalogueRuntime(cms.payload).listingReady())
}, 120_000)
afterAll(async () => cms?.close())

const queries = (): string[] => [
  'limit=5&depth=0',
  'limit=5&depth=1',
  'limit=3&depth=1&page=2',
  'limit=4&depth=1&sort=-price',
  'limit=4&depth=0&sort=price&page=2',
  'limit=20&depth=1&sort=title',
  'depth=0&sort=-updatedAt',
  `depth=0&where[categories][in]=${ids.kitchen}`,
  `depth=1&where[categories][equals]=${ids.bags}&limit=2&page=2`,
  `depth=1&where[categories][equals]=${ids.bags}&page=9`,
  'depth=0&limit=3&page=50',
  'depth=1&where[price][greater_than_equal]=2000&where[price][less_than]=5000',
  'depth=1&where[slug][equals]=linen-shirt',
  'depth=0&where[slug][in]=linen-shirt,copper-pan',
  'depth=0&where[slug][equals]=no-such-product',
  'depth=0&select[title]=true&select[price]=true',
  'depth=1&select[title]=true&select[images]=true&select[variants]=true&select[categories]=true',
  'depth=0&select[variants][sku]=true',
  // The storefront's product cards (`appendCardSelect`): the variants' stock and prices only.
  'depth=1&limit=24&sort=-createdAt&where[and][0][_status][equals]=published&select[title]=true&select[slug]=true&select[price]=true&select[compareAtPrice]=true&select[currency]=true&select[stock]=true&select[images]=true&select[prices]=true&select[variants][stock]=true&select[variants][price]=true&select[variants][prices]=true',
  'depth=1&where[title][like]=linen shirt',
  'depth=1&where[title][like]=LINEN',
  'depth=0&where[or][0][slug][equals]=canvas-tote&where[or][1][price][less_than]=1800',
  `depth=1&where[and][0][categories][in]=${ids.kitchen}&where[and][1][featured][equals]=false&sort=-price`,
  'depth=0&limit=0',
  'depth=0',
  // The storefront's product page (`findProductBySlug`).
  'depth=1&limit=1&where[and][0][slug][equals]=linen-shirt&where[and][1][_status][equals]=published',
  'depth=1&limit=1&where[and][0][slug][equals]=published-shirt&where[and][1][_status][equals]=published',
  'depth=1&limit=1&where[and][0][slug][equals]=secret-draft-shirt&where[and][1][_status][equals]=published',
]

describe('anonymous product lists from the listing projection', () => {
  it('answer byte for byte what Payload’s own find answers, for every supported query', async () => {
    for (const query of queries()) {
      const { body, response } = await anonymous(query)
      expect(response.headers.get(SOURCE_HEADER), query).toBe('listing')
      expect(body, query).toBe(await generic(query))
    }
  })

  it('never show a draft, and show the published version of a product with a newer draft', async () => {
    const { body } = await anonymous('depth=0&limit=100')
    expect(body).not.toContain('Secret Draft Shirt')
    expect(body).not.toContain('Unreleased Shirt')
    expect(body).toContain('Published Shirt')
    expect((await anonymous(`depth=0&where[id][equals]=${ids.secret}`)).body).toContain('"totalDocs":0')
  })

  it('leave staff on Payload’s path, drafts included, never cacheable', async () => {
    const response = await cms.api('/products?depth=0&limit=100&draft=true', { token })
    expect(response.headers.get(SOURCE_HEADER)).toBeNull()
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const body = await response.text()
    expect(body).toContain('Secret Draft Shirt')
    expect(body).toContain('Unreleased Shirt')
  })

  it('send what they cannot answer to Payload, which answers (or refuses) it as before', async () => {
    for (const query of ['limit=5', 'depth=1&populate[categories][title]=true', 'depth=0&select[variants][selections]=true', 'depth=0&where[descriptionText][like]=every', 'depth=0&sort=-price,title', 'depth=1&select[description]=false', 'depth=0&where[_status][equals]=draft']) {
      const { body, response } = await anonymous(query)
      expect(response.headers.get(SOURCE_HEADER), query).toBe('payload')
      expect(body, query).toBe(await generic(query))
    }
    const refused = await anonymous('depth=0&where[nope][equals]=1')
    expect(refused.response.status).toBe(400)
  })

  it('show stock a checkout moved without a product save, and follow category and image edits', async () => {
    const pan = ids['Copper Pan'] ?? 0
    const shirt = ids['Linen Shirt'] ?? 0
    // What checkout's stock statements do: the live rows only, no Payload save.
    await cms.db.execute(sql`update products set stock = stock + 7 where id = ${pan}`)
    await cms.db.execute(sql`update products_variants set stock = stock + 5 where _parent_id = ${shirt}`)
    await cms.payload.update({ collection: 'categories', data: { title: 'Kitchenware' }, id: ids.kitchen ?? 0 })
    await cms.payload.update({ collection: 'media', data: { alt: 'crimson' }, id: ids.red ?? 0 })
    for (const query of ['limit=20&depth=1', 'limit=20&depth=0', `depth=1&where[id][in]=${pan},${shirt}`]) {
      const { body, response } = await anonymous(query)
      expect(response.headers.get(SOURCE_HEADER), query).toBe('listing')
      expect(body, query).toBe(await generic(query))
    }
    expect((await anonymous('limit=20&depth=1')).body).toContain('Kitchenware')
    await cms.payload.delete({ collection: 'media', id: ids.blue ?? 0 })
    await cms.payload.update({ collection: 'products', data: { _status: 'draft' }, id: pan })
    const { body } = await anonymous('limit=20&depth=1')
    expect(body).toBe(await generic('limit=20&depth=1'))
    expect(body).not.toContain('Copper Pan')
  })

  it('answer the storefront’s product page read after a save, a draft, an unpublish and a delete as Payload does', async () => {
    const id = await create('products', { _status: 'published', price: 4100, sku: 'PAGE-1', stock: 3, title: 'Page Lamp' })
    const page = 'depth=1&limit=1&where[and][0][slug][equals]=page-lamp&where[and][1][_status][equals]=published'
    const read = async () => {
      const { body, response } = await anonymous(page)
      expect(response.headers.get(SOURCE_HEADER)).toBe('listing')
      expect(body).toBe(await generic(page))
      return JSON.parse(body) as { docs: Array<{ price: number; title: string }>; totalDocs: number }
    }
    expect((await read()).docs[0]?.price).toBe(4100)
    await cms.api(`/products/${id}`, { body: JSON.stringify({ price: 4200 }), method: 'PATCH', token })
    expect((await read()).docs[0]?.price).toBe(4200)
    // A draft saved over it: the page keeps the published version.
    await cms.api(`/products/${id}?draft=true`, { body: JSON.stringify({ price: 1, title: 'Page Lamp Draft' }), method: 'PATCH', token })
    expect((await read()).docs[0]).toMatchObject({ price: 4200, title: 'Page Lamp' })
    await cms.api(`/products/${id}`, { body: JSON.stringify({ _status: 'draft' }), method: 'PATCH', token })
    expect((await read()).totalDocs).toBe(0)
    await cms.api(`/products/${id}`, { body: JSON.stringify({ _status: 'published', title: 'Page Lamp' }), method: 'PATCH', token })
    expect((await read()).docs[0]?.price).toBe(1)
    await cms.api(`/products/${id}`, { method: 'DELETE', token })
    expect((await read()).totalDocs).toBe(0)
  })
})
