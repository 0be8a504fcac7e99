import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createActors } from './actors'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let token: string
const ids: Record<string, number> = {}

type Counts = { counts: Array<{ direct: number; id: number; slug: string; total: number }> }

beforeAll(async () => {
  cms = await startTestCms('categories')
  token = (await createActors(cms)).editor.token
  // clothing → men → shirts, plus a sibling branch clothing → women
  for (const [title, parent] of [
    ['Clothing', undefined],
    ['Men', 'Clothing'],
    ['Shirts', 'Men'],
    ['Women', 'Clothing'],
  ] as const) {
    const doc = await cms.payload.create({ collection: 'categories', data: { parent: parent ? ids[parent] : undefined, title } })
    ids[title] = doc.id
  }
  const product = async (sku: string, categories: number[], status: 'draft' | 'published') =>
    cms.payload.create({
      collection: 'products',
      data: { _status: status, categories, currency: 'EUR', price: 1000, sku, stock: 1, title: sku },
      draft: status === 'draft',
    })
  const { Clothing, Men, Shirts, Women } = ids as Record<'Clothing' | 'Men' | 'Shirts' | 'Women', number>
  await product('SHIRT-1', [Shirts], 'published')
  await product('SHIRT-2', [Shirts, Men], 'published') // in two categories of one branch: counted once above them
  await product('DRESS-1', [Women], 'published')
  await product('COAT-1', [Clothing], 'published')
  await product('SHIRT-DRAFT', [Shirts], 'draft')
})
afterAll(async () => cms?.close())

describe('the category tree', () => {
  it('gives each category breadcrumbs from the root, with storefront URLs', async () => {
    const response = await cms.api(`/categories/${ids.Shirts}`)
    const shirts = (await response.json()) as { breadcrumbs: Array<{ label: string; url: string }> }
    expect(shirts.breadcrumbs.map(({ label, url }) => ({ label, url }))).toEqual([
      { label: 'Clothing', url: '/c/clothing' },
      { label: 'Men', url: '/c/clothing/men' },
      { label: 'Shirts', url: '/c/clothing/men/shirts' },
    ])
  })

  it('refuses to put a category below its own descendant', async () => {
    const response = await cms.api(`/categories/${ids.Clothing}`, {
      body: JSON.stringify({ parent: ids.Shirts }),
      method: 'PATCH',
      token,
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toMatch(/cannot be placed inside itself/)
    const clothing = await cms.payload.findByID({ collection: 'categories', depth: 0, id: ids.Clothing as number })
    expect(clothing.parent ?? null).toBeNull()
  })
})

describe('GET /categories/product-counts', () => {
  it('counts published products per category, directly and with descendants, for anyone', async () => {
    const response = await cms.api('/categories/product-counts')
    expect(response.status).toBe(200)
    const { counts } = (await response.json()) as Counts
    const bySlug = Object.fromEntries(counts.map(({ direct, slug, total }) => [slug, { direct, total }]))
    expect(bySlug).toEqual({
      clothing: { direct: 1, total: 4 },
      men: { direct: 1, total: 2 },
      shirts: { direct: 2, total: 2 },
      women: { direct: 1, total: 1 },
    })
  })
})
