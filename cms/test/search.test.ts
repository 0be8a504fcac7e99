import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@payloadcms/db-postgres'

import type { SearchResponse } from '@showroom/payload-commerce/catalogue'
import { paragraphs } from '../src/seed/richText'
import { createActors } from './actors'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let editor: string
const categories: Record<string, number> = {}

type Variant = { price?: number; selections: Array<{ option: string; value: string }>; sku: string; stock: number }
type ProductInput = { categories?: number[]; description?: string; price: number; sku: string; stock?: number; title: string; variants?: Variant[] }

const createProduct = async (input: ProductInput, status: 'draft' | 'published' = 'published'): Promise<number> => {
  const options = new Map<string, Set<string>>()
  for (const { option, value } of (input.variants ?? []).flatMap((variant) => variant.selections)) options.set(option, (options.get(option) ?? new Set()).add(value))
  const doc = await cms.payload.create({
    collection: 'products',
    data: {
      _status: status,
      categories: input.categories ?? [],
      currency: 'EUR',
      description: input.description ? paragraphs([input.description]) : undefined,
      options: [...options].map(([name, values]) => ({ name, values: [...values] })),
      price: input.price,
      sku: input.sku,
      stock: input.stock ?? 5,
      title: input.title,
      variants: input.variants ?? [],
    },
    draft: status === 'draft',
  })
  return doc.id
}

const search = async (query: string, token?: string): Promise<SearchResponse> => {
  const response = await cms.api(`/products/search?${query}`, { token })
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as SearchResponse
}
const titles = async (query: string, token?: string): Promise<string[]> =>
  (await search(`${query}&depth=0&limit=100`, token)).docs.map((doc) => (doc as { title: string }).title)

/** A small generated catalogue for the facet counts: every combination of size, colour, stock and price. */
const SIZES = ['S', 'M', 'L']
const COLOURS = ['Red', 'Blue']
const generated = (index: number, category: number): ProductInput => {
  const sizes = SIZES.filter((_, s) => (index + s) % 3 !== 0)
  const colour = COLOURS[index % 2] ?? 'Red'
  return {
    categories: [category],
    price: 1000 + ((index * 1700) % 24000),
    sku: `GEN-${index}`,
    title: `Generated Sweater ${index}`,
    variants: sizes.map((size, s) => ({
      selections: [
        { option: 'Size', value: size },
        { option: 'Colour', value: colour },
      ],
      sku: `GEN-${index}-${size}`,
      stock: (index + s) % 4 === 0 ? 3 : 0,
    })),
  }
}

beforeAll(async () => {
  cms = await startTestCms('search')
  editor = (await createActors(cms)).editor.token
  for (const [title, parent] of [
    ['Clothing', undefined],
    ['Shirts', 'Clothing'],
    ['Knitwear', 'Clothing'],
    ['Home', undefined],
  ] as const) {
    categories[title] = (await cms.payload.create({ collection: 'categories', data: { parent: parent ? categories[parent] : undefined, title } })).id
  }
  const shirts = categories.Shirts ?? 0
  await createProduct({ categories: [shirts], description: 'Breathable flax weave.', price: 4900, sku: 'LIN-1', title: 'Linen Shirt' })
  await createProduct({ categories: [shirts], description: 'Warm and soft.', price: 6900, sku: 'WOOL-1', title: 'Wool Shirt' })
  await createProduct({ description: 'Wear it with a linen shirt for summer.', price: 5900, sku: 'JEAN-1', title: 'Denim Jeans' })
  await createProduct({ description: 'Heavyweight cotton.', price: 1900, sku: 'TEE-1', title: 'Cotton Tee' })
  await createProduct({ description: 'A grey throw.', price: 3900, sku: 'THROW-BLANKET', title: 'Grey Throw', categories: [categories.Home ?? 0] })
  await createProduct({ price: 9900, sku: 'SECRET-1', title: 'Secret Shirt' }, 'draft')
  for (let index = 0; index < 24; index += 1) await createProduct(generated(index, categories.Knitwear ?? 0))
  await cms.db.execute(sql`analyze`)
})
afterAll(async () => cms?.close())

describe('GET /products/search: the text', () => {
  it('ranks a title match above a match in the description', async () => {
    const found = await titles('q=shirt')
    expect(found.slice(0, 2).sort()).toEqual(['Linen Shirt', 'Wool Shirt'])
    expect(found).toContain('Denim Jeans')
    expect(found.indexOf('Denim Jeans')).toBe(found.length - 1)
  })

  it('ranks a term first searched in another order (its matches are then held without ranks)', async () => {
    const byPrice = await titles('q=flax&sort=price')
    expect(byPrice).toEqual(['Linen Shirt'])
    expect(await titles('q=warm%20or%20flax&sort=-price')).toEqual(['Wool Shirt', 'Linen Shirt'])
    expect(await titles('q=wear%20or%20linen&sort=title')).toEqual(['Denim Jeans', 'Linen Shirt'])
    // Denim Jeans is the newer product: without ranks it would come first.
    expect(await titles('q=wear%20or%20linen')).toEqual(['Linen Shirt', 'Denim Jeans'])
  })

  it('finds by SKU, a variant’s too', async () => {
    expect(await titles('q=THROW-BLANKET')).toEqual(['Grey Throw'])
    expect(await titles('q=GEN-8-L')).toEqual(['Generated Sweater 8'])
  })

  it('matches the last word as a prefix while the shopper types', async () => {
    expect((await titles('q=swea')).length).toBe(24)
    expect(await titles('q=linen%20sh')).toEqual(['Linen Shirt', 'Denim Jeans'])
  })

  it('forgives a typo and says what it searched for instead', async () => {
    const result = await search('q=shrit&depth=0')
    expect(result.query).toEqual({ corrected: 'shirt', q: 'shrit' })
    expect(result.docs.map((doc) => (doc as { title: string }).title)).toContain('Linen Shirt')
    expect(await titles('q=sweatr')).toHaveLength(24)
  })

  it('understands quotes, -exclusion and or', async () => {
    expect(await titles('q=%22linen%20shirt%22')).toEqual(['Linen Shirt', 'Denim Jeans'])
    expect(await titles('q=shirt%20-wool')).not.toContain('Wool Shirt')
    expect((await titles('q=shirt%20-wool')).length).toBe(2)
    expect((await titles('q=tee%20or%20throw')).sort()).toEqual(['Cotton Tee', 'Grey Throw'])
  })

  it('never finds a draft, for anyone, nor a product once unpublished', async () => {
    expect(await titles('q=secret')).toEqual([])
    expect(await titles('q=secret', editor)).toEqual([])
    const id = await createProduct({ price: 2500, sku: 'GONE-1', title: 'Vanishing Scarf' })
    expect(await titles('q=vanishing')).toEqual(['Vanishing Scarf'])
    const response = await cms.api(`/products/${id}`, { body: JSON.stringify({ _status: 'draft' }), method: 'PATCH', token: editor })
    expect(response.status).toBe(200)
    expect(await titles('q=vanishing')).toEqual([])
  })

  it('finds a saved change as soon as the save has answered, and a deleted product no more', async () => {
    const id = await createProduct({ price: 2500, sku: 'RENAME-1', title: 'Plain Beanie' })
    const response = await cms.api(`/products/${id}`, { body: JSON.stringify({ title: 'Striped Beanie' }), method: 'PATCH', token: editor })
    expect(response.status).toBe(200)
    expect(await titles('q=striped')).toEqual(['Striped Beanie'])
    expect(await titles('q=plain')).toEqual([])
    const draft = await cms.api(`/products/${id}?draft=true`, { body: JSON.stringify({ title: 'Dotted Beanie' }), method: 'PATCH', token: editor })
    expect(draft.status).toBe(200)
    expect(await titles('q=dotted')).toEqual([])
    expect((await cms.api(`/products/${id}`, { method: 'DELETE', token: editor })).status).toBe(200)
    expect(await titles('q=striped')).toEqual([])
  })

  it('returns the same documents as GET /products', async () => {
    const found = await search('q=linen%20shirt&depth=1&limit=1')
    const doc = found.docs[0] as { id: number }
    const listed = (await (await cms.api(`/products?where[id][equals]=${doc.id}&depth=1`)).json()) as { docs: unknown[] }
    expect(found.docs).toEqual(listed.docs)
    expect(found).toMatchObject({ hasNextPage: true, limit: 1, nextPage: 2, page: 1, pagingCounter: 1, totalDocs: 2, totalPages: 2 })
    // A select as on GET /products, unknown fields included.
    const selected = await search('q=linen%20shirt&depth=0&limit=1&select[title]=true&select[variants][stock]=true&select[nope]=true')
    expect(Object.keys(selected.docs[0] as object).sort()).toEqual(['id', 'title', 'variants'])
  })
})

type Doc = { categories: number[]; id: number; price: number; stock: number; variants: Variant[] }
type Filters = { categories?: number[]; inStock?: boolean; options?: Record<string, string[]>; prices?: Array<[number, number | undefined]> }

/** The facet counts worked out product by product from the REST documents: the reference for the SQL. */
const bruteForce = (docs: Doc[], parents: Map<number, null | number>, filters: Filters) => {
  const ancestors = (id: number): number[] => {
    const parent = parents.get(id)
    return parent == null ? [id] : [id, ...ancestors(parent)]
  }
  const facts = docs.map((doc) => {
    const prices = doc.variants.length > 0 ? doc.variants.map((variant) => variant.price ?? doc.price) : [doc.price]
    const values = new Set(doc.variants.flatMap((variant) => variant.selections.map(({ option, value }) => `${option}=${value}`)))
    return {
      categories: new Set(doc.categories.flatMap(ancestors)),
      inStock: doc.variants.length > 0 ? doc.variants.some((variant) => variant.stock > 0) : doc.stock > 0,
      price: Math.min(...prices),
      values,
    }
  })
  type Fact = (typeof facts)[number]
  const tests: Record<string, (fact: Fact) => boolean> = {
    category: (fact) => !filters.categories || filters.categories.some((id) => fact.categories.has(id)),
    price: (fact) => !filters.prices || filters.prices.some(([min, max]) => fact.price >= min && (max === undefined || fact.price < max)),
    stock: (fact) => filters.inStock === undefined || fact.inStock === filters.inStock,
    ...Object.fromEntries(Object.entries(filters.options ?? {}).map(([name, values]) => [`option:${name}`, (fact: Fact) => values.some((value) => fact.values.has(`${name}=${value}`))])),
  }
  const passing = (except: string) => facts.filter((fact) => Object.entries(tests).every(([key, test]) => key === except || test(fact)))
  const categoryCounts = new Map<number, number>()
  for (const fact of passing('category')) for (const id of fact.categories) categoryCounts.set(id, (categoryCounts.get(id) ?? 0) + 1)
  const optionCounts = new Map<string, number>()
  for (const name of ['Colour', 'Size']) {
    for (const fact of passing(`option:${name}`)) for (const value of fact.values) if (value.startsWith(`${name}=`)) optionCounts.set(value, (optionCounts.get(value) ?? 0) + 1)
  }
  const bands = [0, 2500, 5000, 10000, 20000]
  return {
    categories: Object.fromEntries([...categoryCounts].sort(([a], [b]) => a - b)),
    inStock: { false: passing('stock').filter((fact) => !fact.inStock).length, true: passing('stock').filter((fact) => fact.inStock).length },
    options: Object.fromEntries([...optionCounts].sort(([a], [b]) => a.localeCompare(b))),
    price: bands.map((min, index) => passing('price').filter((fact) => fact.price >= min && (bands[index + 1] === undefined || fact.price < (bands[index + 1] ?? 0))).length),
    total: passing('').length,
  }
}

const asComparable = (result: SearchResponse) => ({
  categories: Object.fromEntries(result.facets.categories.map(({ count, id }) => [id, count]).sort(([a], [b]) => Number(a) - Number(b))),
  inStock: result.facets.inStock,
  options: Object.fromEntries(result.facets.options.flatMap(({ name, values }) => values.map(({ count, value }) => [`${name}=${value}`, count])).sort(([a], [b]) => String(a).localeCompare(String(b)))),
  price: result.facets.price.bands.map((band) => band.count),
  total: result.totalDocs,
})

describe('GET /products/search: the facets', () => {
  it('count each value with the other facets’ filters applied, as a product-by-product count does', async () => {
    const { docs } = (await (await cms.api('/products?limit=100&depth=0')).json()) as { docs: Doc[] }
    const tree = await cms.payload.find({ collection: 'categories', depth: 0, limit: 100 })
    const parents = new Map(tree.docs.map((doc) => [doc.id, typeof doc.parent === 'number' ? doc.parent : (doc.parent?.id ?? null)]))
    const knitwear = categories.Knitwear ?? 0
    const clothing = categories.Clothing ?? 0
    const cases: Array<[string, Filters]> = [
      ['', {}],
      [`category=${clothing}`, { categories: [clothing] }],
      ['option[Size]=M&option[Size]=S&option[Colour]=Red', { options: { Colour: ['Red'], Size: ['M', 'S'] } }],
      [`category=${knitwear}&inStock=true&price=5000-10000&price=20000-&option[Size]=L`, { categories: [knitwear], inStock: true, options: { Size: ['L'] }, prices: [[5000, 10000], [20000, undefined]] }],
      ['inStock=false&price=-5000', { inStock: false, prices: [[0, 5000]] }],
    ]
    for (const [query, filters] of cases) {
      const expected = bruteForce(docs, parents, filters)
      expect(expected.total, query).toBeGreaterThan(0)
      expect(asComparable(await search(`${query}&depth=0`)), query).toEqual(expected)
    }
  })

  it('follow a category moved in the tree and a stock level a checkout changed', async () => {
    const home = categories.Home ?? 0
    const before = await search(`category=${home}&depth=0`)
    expect(before.totalDocs).toBe(1)
    await cms.payload.update({ collection: 'categories', data: { parent: home }, id: categories.Knitwear ?? 0 })
    expect((await search(`category=${home}&depth=0`)).totalDocs).toBe(25)
    // A checkout takes stock with a plain UPDATE of the live row, no product save.
    const inStock = (await search('q=linen%20shirt&inStock=true&depth=0')).totalDocs
    await cms.db.execute(sql`update products set stock = 0 where sku = 'LIN-1'`)
    expect((await search('q=linen%20shirt&inStock=true&depth=0')).totalDocs).toBe(inStock - 1)
    // Only a level crossing zero changes what the search shows: a restock from 0 brings it back, a sale from 3 to 2 keeps it.
    await cms.db.execute(sql`update products set stock = 3 where sku = 'LIN-1'`)
    expect((await search('q=linen%20shirt&inStock=true&depth=0')).totalDocs).toBe(inStock)
    await cms.db.execute(sql`update products set stock = 2 where sku = 'LIN-1'`)
    expect((await search('q=linen%20shirt&inStock=true&depth=0')).totalDocs).toBe(inStock)
  })
})

describe('GET /products/search: bad input', () => {
  it.each([
    ['page=0', 'page must be between 1 and 1000'],
    ['limit=500', 'limit must be between 1 and 100'],
    ['price=cheap', 'price must be a range'],
    ['price=500-100', 'lower bound below the upper'],
    ['sort=random', 'sort must be one of'],
    ['category=shirts', 'category must be a whole number'],
    ['inStock=maybe', 'inStock must be true or false'],
    ['q=a&q=b', 'q may be given once'],
    [`q=${'x'.repeat(201)}`, 'q must be at most 200 characters'],
    ['option[Size]=', 'option values must not be empty'],
    ['where[title][equals]=x', 'unknown parameter "where[title][equals]"'],
    ['currency=XXX', 'currency must be one of'],
    ['q=shirt%00', 'q must not contain control characters'],
    ['option[Size]=M%00', 'option values must not contain control characters'],
  ])('%s is a 400 that says what is wrong', async (query, message) => {
    const response = await cms.api(`/products/search?${query}`)
    expect(response.status).toBe(400)
    const { errors } = (await response.json()) as { errors: Array<{ message: string }> }
    expect(errors.map((error) => error.message).join('\n')).toContain(message)
  })
})

describe('GET /products/search: facet data and documents held by the API between changes', () => {
  const lampsQuery = (lamps: number, extra = '') => `category=${lamps}&depth=0&limit=100${extra}`
  const bandCounts = (result: SearchResponse) => result.facets.price.bands.map((band) => band.count)

  it('show a save, a stock change, an unpublish and a delete in the very next search, for a browse and for a term searched before', async () => {
    const lamps = (await cms.payload.create({ collection: 'categories', data: { title: 'Lamps' } })).id
    const desk = await createProduct({ categories: [lamps], price: 1500, sku: 'LAMP-DESK', stock: 2, title: 'Desk Lampshade' })
    const floor = await createProduct({ categories: [lamps], price: 4500, sku: 'LAMP-FLOOR', stock: 3, title: 'Floor Lampshade' })
    // Both the facet data and the term's matches are held from here on.
    const before = await search(lampsQuery(lamps))
    expect(before.totalDocs).toBe(2)
    expect(bandCounts(before)).toEqual([1, 1, 0, 0, 0])
    expect(before.facets.inStock).toEqual({ false: 0, true: 2 })
    expect((await search('q=lampshade&depth=0')).totalDocs).toBe(2)
    // A term searched before finds a product published since, and loses one renamed away.
    const wall = await createProduct({ price: 2000, sku: 'LAMP-WALL', title: 'Wall Lampshade' })
    expect((await search('q=lampshade&depth=0')).totalDocs).toBe(3)
    expect((await cms.api(`/products/${wall}`, { body: JSON.stringify({ title: 'Wall Sconce' }), method: 'PATCH', token: editor })).status).toBe(200)
    expect((await titles('q=lampshade')).sort()).toEqual(['Desk Lampshade', 'Floor Lampshade'])

    // A save moves the desk lamp to the 200+ band.
    expect((await cms.api(`/products/${desk}`, { body: JSON.stringify({ price: 25000 }), method: 'PATCH', token: editor })).status).toBe(200)
    expect(bandCounts(await search(lampsQuery(lamps)))).toEqual([0, 1, 0, 0, 1])
    expect((await search(`q=lampshade&price=20000-&depth=0`)).docs.map((doc) => (doc as { id: number }).id)).toEqual([desk])

    // Stock moved by a plain UPDATE on another connection, as a checkout does: no save, no hook.
    await cms.db.execute(sql`update products set stock = 0 where id = ${floor}`)
    expect((await search(lampsQuery(lamps))).facets.inStock).toEqual({ false: 1, true: 1 })
    expect((await search('q=lampshade&inStock=true&depth=0')).docs.map((doc) => (doc as { id: number }).id)).toEqual([desk])

    // Unpublished: gone from the results and from every count.
    expect((await cms.api(`/products/${desk}`, { body: JSON.stringify({ _status: 'draft' }), method: 'PATCH', token: editor })).status).toBe(200)
    const unpublished = await search(lampsQuery(lamps))
    expect(unpublished.docs.map((doc) => (doc as { id: number }).id)).toEqual([floor])
    expect(bandCounts(unpublished)).toEqual([0, 1, 0, 0, 0])
    expect((await search('q=lampshade&depth=0')).totalDocs).toBe(1)

    // Deleted: the category has nothing left, so its facet entry goes too.
    expect((await cms.api(`/products/${floor}`, { method: 'DELETE', token: editor })).status).toBe(200)
    const deleted = await search('depth=0&limit=1')
    expect(deleted.facets.categories.map((category) => category.id)).not.toContain(lamps)
    expect((await search(lampsQuery(lamps))).totalDocs).toBe(0)
    expect((await search('q=lampshade&depth=0')).totalDocs).toBe(0)
  })

  it('show a renamed category in the facet, and leave a rolled-back stock change unseen', async () => {
    const knitwear = categories.Knitwear ?? 0
    await search('depth=0&limit=1')
    await cms.db.execute(sql`update categories_locales set title = 'Knits' where _locale = 'en' and _parent_id = ${knitwear}`)
    expect((await search('depth=0&limit=1')).facets.categories.find((category) => category.id === knitwear)?.title).toBe('Knits')
    const stock = (await search('depth=0&limit=1')).facets.inStock
    await expect(
      cms.db.transaction(async (tx) => {
        await tx.execute(sql`update products set stock = 0 where sku = 'TEE-1'`)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect((await search('depth=0&limit=1')).facets.inStock).toEqual(stock)
  })

  it('answer the storefront’s card fields with the documents GET /products gives for the same select', async () => {
    const cardSelect = ['title', 'slug', 'price', 'compareAtPrice', 'currency', 'stock', 'images'].map((field) => `select[${field}]=true`).join('&') + '&select[variants][stock]=true'
    for (const depth of [0, 1]) {
      const found = await search(`q=sweater&limit=5&depth=${depth}&${cardSelect}`)
      const ids = found.docs.map((doc) => (doc as { id: number }).id)
      expect(ids).toHaveLength(5)
      const listed = (await (await cms.api(`/products?where[id][in]=${ids.join(',')}&depth=${depth}&limit=5&${cardSelect}`)).json()) as { docs: Array<{ id: number }> }
      expect(found.docs).toEqual(ids.map((id) => listed.docs.find((doc) => doc.id === id)))
      expect(Object.keys(found.docs[0] as object).sort()).toEqual(['compareAtPrice', 'currency', 'id', 'images', 'price', 'slug', 'stock', 'title', 'variants'])
    }
  })
})
