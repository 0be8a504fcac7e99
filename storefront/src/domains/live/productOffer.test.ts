import { describe, expect, it } from 'vitest'

import type { ChoiceData } from '../catalogue/variantChoice'
import { withLiveMessage } from './productOffer'

const shirt: ChoiceData = {
  currency: 'EUR',
  options: [{ name: 'Size', values: ['S', 'M'] }],
  product: { compareAtPrice: null, price: 1500, sku: 'OX', stock: 0 },
  variants: [
    { id: 's', image: null, price: 1500, selections: { Size: 'S' }, sku: 'OX-S', stock: 0 },
    { id: 'm', image: null, price: 1800, selections: { Size: 'M' }, sku: 'OX-M', stock: 3 },
  ],
}

describe('live product offers', () => {
  it('take new stock per SKU and ignore SKUs the page does not know', () => {
    const next = withLiveMessage(shirt, {
      items: [
        { sku: 'OX-S', stock: 9, variant: 's' },
        { sku: 'OTHER', stock: 1, variant: null },
      ],
      type: 'stock',
    })
    expect(next.variants.map((variant) => variant.stock)).toEqual([9, 3])
    expect(next.product.stock).toBe(0)
  })

  it('take the effective price of each SKU and the product’s compare-at price', () => {
    const next = withLiveMessage(shirt, {
      currency: 'EUR',
      items: [{ compareAtPrice: 2500, price: 2000, sku: 'OX-M', variant: 'm' }],
      type: 'price',
    })
    expect(next.variants.map((variant) => variant.price)).toEqual([1500, 2000])
    expect(next.product).toMatchObject({ compareAtPrice: 2500, price: 1500 })
    const single = withLiveMessage({ ...shirt, variants: [] }, { currency: 'EUR', items: [{ compareAtPrice: null, price: 1200, sku: 'OX', variant: null }], type: 'price' })
    expect(single.product).toMatchObject({ compareAtPrice: null, price: 1200 })
  })
})
