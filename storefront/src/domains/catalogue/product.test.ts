import { describe, expect, it } from 'vitest'

import { compareAtPriceOf, isSoldOut, productPageSchema, productSummarySchema } from './product'

const product = {
  compareAtPrice: null,
  currency: 'EUR',
  id: 1,
  images: [],
  price: 1999,
  slug: 'linen-shirt',
  stock: 3,
  title: 'Linen shirt',
  variants: [],
}

describe('isSoldOut', () => {
  it('reads the product stock when there are no variants', () => {
    expect(isSoldOut({ stock: 3 })).toBe(false)
    expect(isSoldOut({ stock: 0, variants: null })).toBe(true)
    expect(isSoldOut({ stock: 0, variants: [] })).toBe(true)
  })

  it('reads the variant stock when there are variants', () => {
    expect(isSoldOut({ stock: 0, variants: [{ stock: 0 }, { stock: 2 }] })).toBe(false)
    expect(isSoldOut({ stock: 0, variants: [{ stock: 0 }, { stock: 0 }] })).toBe(true)
    // The product's own stock does not count for a product sold by variant.
    expect(isSoldOut({ stock: 5, variants: [{ stock: 0 }] })).toBe(true)
  })
})

describe('compareAtPriceOf', () => {
  it('shows a former price only when it is higher than the price', () => {
    expect(compareAtPriceOf({ compareAtPrice: 2999, price: 1999 })).toBe(2999)
    expect(compareAtPriceOf({ compareAtPrice: 1999, price: 1999 })).toBeUndefined()
    expect(compareAtPriceOf({ compareAtPrice: null, price: 1999 })).toBeUndefined()
    expect(compareAtPriceOf({ price: 1999 })).toBeUndefined()
  })
})

describe('productSummarySchema', () => {
  it('accepts a product as the CMS lists it, populated media included', () => {
    const media = { alt: 'A shirt', height: 1500, id: 7, sizes: { card: { height: 750, url: '/c.webp', width: 600 } }, url: '/o.webp', width: 1200 }
    const parsed = productSummarySchema.parse({ ...product, images: [media, 8], createdAt: '2026-01-01T00:00:00.000Z' })
    expect(parsed.images).toEqual([media, 8])
    expect(parsed).not.toHaveProperty('createdAt')
  })

  it('refuses fractional money and malformed currencies', () => {
    expect(productSummarySchema.safeParse({ ...product, price: 19.99 }).success).toBe(false)
    expect(productSummarySchema.safeParse({ ...product, currency: 'euro' }).success).toBe(false)
    expect(productSummarySchema.safeParse({ ...product, title: undefined }).success).toBe(false)
  })

  it('parses a page of the paginated list', () => {
    const page = productPageSchema.parse({ docs: [product], hasNextPage: false, limit: 24, page: 1, totalDocs: 1 })
    expect(page).toEqual({ docs: [product], totalDocs: 1 })
  })
})
