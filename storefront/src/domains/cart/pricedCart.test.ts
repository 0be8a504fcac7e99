import { describe, expect, it } from 'vitest'

import type { ProductDetail } from '../catalogue/productDetail'
import { priceLines } from './pricedCart'
import { dictionaryOf } from '../i18n/dictionary'

const en = dictionaryOf('en').cartMessages

const product = (overrides: Partial<ProductDetail>): ProductDetail => ({
  categories: [],
  compareAtPrice: null,
  currency: 'EUR',
  description: null,
  descriptionText: null,
  id: 1,
  images: [],
  options: [],
  price: 1000,
  seo: { description: null, title: null },
  sku: 'SKU',
  slug: 'thing',
  stock: 10,
  title: 'Thing',
  updatedAt: '2026-01-01T00:00:00Z',
  variants: [],
  ...overrides,
})

describe('priceLines', () => {
  it('prices from the CMS with variant overrides, subtotals per currency', () => {
    const shirt = product({ id: 2, title: 'Shirt', variants: [{ id: 'm', price: 1500, selections: [{ option: 'Size', value: 'M' }], sku: 'S-M', stock: 3 }] })
    const priced = priceLines({ lines: [{ product: 1, quantity: 2 }, { product: 2, quantity: 1, variant: 'm' }] }, [product({}), shirt], 'http://cms', en)
    expect(priced.lines.map((line) => [line.unitPrice, line.lineTotal, line.variantLabel])).toEqual([
      [1000, 2000, undefined],
      [1500, 1500, 'Size: M'],
    ])
    expect(priced.subtotals).toEqual([{ amount: 3500, currency: 'EUR' }])
    expect(priced.notices).toEqual([])
  })

  it('drops vanished products and variants, caps at stock, and says so', () => {
    const priced = priceLines(
      { lines: [{ product: 1, quantity: 12 }, { product: 9, quantity: 1 }, { product: 1, quantity: 1, variant: 'gone' }, { product: 3, quantity: 1 }] },
      [product({}), product({ id: 3, stock: 0, title: 'Gone' })],
      'http://cms',
      en,
    )
    expect(priced.cart).toEqual({ lines: [{ product: 1, quantity: 10 }] })
    expect(priced.notices).toEqual([
      'Only 10 of “Thing” left: your quantity was lowered to 10.',
      'An item in your cart is no longer available, so it was removed.',
      'That option of “Thing” is no longer available, so it was removed from your cart.',
      '“Gone” has sold out, so it was removed from your cart.',
    ])
  })
})
