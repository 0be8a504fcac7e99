import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createActors } from './actors'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let token: string

beforeAll(async () => {
  cms = await startTestCms('products')
  token = (await createActors(cms)).editor.token
})
afterAll(async () => cms?.close())

const tee = {
  _status: 'published',
  options: [
    { name: 'Size', values: ['S', 'M'] },
    { name: 'Colour', values: ['Black', 'White'] },
  ],
  price: 2900,
  sku: 'TEE',
  stock: 0,
  title: 'Crème Brûlée Tee!',
  variants: [
    { selections: [{ option: 'Size', value: 'S' }, { option: 'Colour', value: 'Black' }], sku: 'TEE-S-BLK', stock: 3 },
    { price: 3100, selections: [{ option: 'Size', value: 'M' }, { option: 'Colour', value: 'White' }], sku: 'TEE-M-WHT', stock: 0 },
  ],
}

/** Every `message` in an error response, top-level and per field. */
const messagesIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(messagesIn)
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, child]) => (key === 'message' && typeof child === 'string' ? [child] : messagesIn(child)))
}

const post = (body: unknown) => cms.api('/products', { body: JSON.stringify(body), method: 'POST', token })
const count = async () => (await cms.payload.count({ collection: 'products' })).totalDocs

describe('a product', () => {
  it('is saved with a slug from its title, its variants and their own stock and prices', async () => {
    const response = await post(tee)
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: { currency: string; slug: string; variants: Array<{ price: null | number; sku: string; stock: number }> } }
    expect(doc.slug).toBe('creme-brulee-tee')
    expect(doc.currency).toBe('EUR')
    expect(doc.variants.map(({ price, sku, stock }) => ({ price, sku, stock }))).toEqual([
      { price: null, sku: 'TEE-S-BLK', stock: 3 },
      { price: 3100, sku: 'TEE-M-WHT', stock: 0 },
    ])
  })

  it('refuses a partial update that breaks a rule against what is stored', async () => {
    const { docs } = await cms.payload.find({ collection: 'products', where: { sku: { equals: 'TEE' } } })
    const id = docs[0]?.id
    const response = await cms.api(`/products/${id}`, { body: JSON.stringify({ compareAtPrice: 2000 }), method: 'PATCH', token })
    expect(response.status).toBe(400)
    expect((await cms.payload.findByID({ collection: 'products', id: id ?? 0 })).compareAtPrice ?? null).toBeNull()
  })

  it('keeps its slug when renamed, so links keep working', async () => {
    const { docs } = await cms.payload.find({ collection: 'products', where: { sku: { equals: 'TEE' } } })
    const id = docs[0]?.id
    const response = await cms.api(`/products/${id}`, { body: JSON.stringify({ title: 'Classic Tee' }), method: 'PATCH', token })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { doc: { slug: string } }).doc.slug).toBe('creme-brulee-tee')
  })
})

describe('a draft', () => {
  it('may be saved incomplete, to be finished later', async () => {
    const response = await cms.api('/products?draft=true', {
      body: JSON.stringify({ _status: 'draft', sku: 'LATER', title: 'Price to follow' }),
      method: 'POST',
      token,
    })
    expect(response.status).toBe(201)
  })
})

describe('bad product input is refused with a clear message and writes nothing', () => {
  const cases: Array<[string, Record<string, unknown>, number, RegExp]> = [
    ['a fractional price', { price: 19.99, sku: 'P1', title: 'P1' }, 400, /whole number/i],
    ['a negative price', { price: -1, sku: 'P2', title: 'P2' }, 400, /at least 0/i],
    ['negative stock', { price: 100, sku: 'P3', stock: -5, title: 'P3' }, 400, /at least 0/i],
    ['a compare-at price below the price', { compareAtPrice: 900, price: 1000, sku: 'P4', title: 'P4' }, 400, /compare-at price must be higher/i],
    ['an unknown currency', { currency: 'XXX', price: 100, sku: 'P5', title: 'P5' }, 400, /currency/i],
    ['a missing title', { price: 100, sku: 'P6' }, 400, /title/i],
    ['an SKU another product uses', { price: 100, sku: 'TEE', title: 'Dupe' }, 409, /"TEE" is already used/],
    ['an SKU another product\'s variant uses', { price: 100, sku: 'TEE-S-BLK', title: 'Dupe' }, 409, /TEE-S-BLK.*already used/],
    [
      'a variant SKU another product uses',
      { ...tee, sku: 'TEE2', title: 'Tee 2', variants: [{ ...tee.variants[0], sku: 'TEE' }] },
      409,
      /"TEE" is already used/,
    ],
    [
      'a variant missing a value for an option',
      { ...tee, sku: 'TEE3', variants: [{ selections: [{ option: 'Size', value: 'S' }], sku: 'TEE3-S', stock: 1 }] },
      400,
      /Choose a value for "Colour"/,
    ],
    [
      'a variant with a value the option does not have',
      { ...tee, sku: 'TEE4', variants: [{ selections: [{ option: 'Size', value: 'XXL' }, { option: 'Colour', value: 'Black' }], sku: 'TEE4-X', stock: 1 }] },
      400,
      /"XXL" is not a value of "Size"/,
    ],
    [
      'two variants with the same combination',
      { ...tee, sku: 'TEE5', variants: [{ ...tee.variants[0], sku: 'TEE5-A' }, { ...tee.variants[0], sku: 'TEE5-B' }] },
      400,
      /same combination/,
    ],
    [
      'variants without options',
      { price: 100, sku: 'TEE6', title: 'T', variants: [{ selections: [{ option: 'Size', value: 'S' }], sku: 'TEE6-S', stock: 1 }] },
      400,
      /Define the options/,
    ],
  ]

  it.each(cases)('%s', async (_, body, status, message) => {
    const before = await count()
    const response = await post(body)
    expect(response.status).toBe(status)
    expect(messagesIn(await response.json()).join('\n')).toMatch(message)
    expect(await count()).toBe(before)
  })

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown currency', { currency: 'JPY' }, /currency must be one of EUR, USD, GBP/],
    ['a fractional price', { price: 19.99 }, /whole number/],
    ['negative stock', { stock: -3 }, /at least 0/],
    ['a fractional variant stock', { ...tee, sku: 'DV', variants: [{ ...tee.variants[0], sku: 'DV-1', stock: 1.5 }] }, /whole number/],
  ])('%s, in a draft too', async (_, fields, message) => {
    const before = await count()
    const response = await cms.api('/products?draft=true', {
      body: JSON.stringify({ sku: 'DRAFTY', title: 'Drafty', ...fields, _status: 'draft' }),
      method: 'POST',
      token,
    })
    expect(response.status).toBe(400)
    expect(messagesIn(await response.json()).join('\n')).toMatch(message)
    expect(await count()).toBe(before)
  })

  it('a malformed JSON body', async () => {
    const before = await count()
    const response = await cms.api('/products', { body: '{"title": ', method: 'POST', token })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(await count()).toBe(before)
  })
})

describe('public lists', () => {
  it('come in pages of at most 100, however many are asked for; staff lists are not capped', async () => {
    // Five at a time (the test pool's size): 105 one after another can take over a minute on a loaded machine.
    for (let batch = 0; batch < 105; batch += 5) {
      await Promise.all(
        Array.from({ length: 5 }, (_, offset) =>
          cms.payload.create({
            collection: 'products',
            data: { _status: 'published', currency: 'EUR', price: 100, sku: `MANY-${batch + offset}`, stock: 1, title: `Many ${batch + offset}` },
          }),
        ),
      )
    }
    const total = (await cms.payload.count({ collection: 'products', where: { _status: { equals: 'published' } } })).totalDocs
    expect(total).toBeGreaterThan(105)
    for (const query of ['limit=0', 'limit=1000', 'pagination=false']) {
      const page = (await (await cms.api(`/products?${query}&depth=0`)).json()) as { docs: unknown[]; totalDocs: number }
      expect(page.docs, query).toHaveLength(100)
      expect(page.totalDocs, query).toBe(total)
    }
    const staffPage = (await (await cms.api('/products?limit=0&depth=0', { token })).json()) as { docs: unknown[] }
    expect(staffPage.docs.length).toBeGreaterThan(105)
  }, 180_000)
})
