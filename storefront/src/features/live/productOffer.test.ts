import { describe, expect, it } from 'vitest'

import { compareLiveEventIds, sseEvent } from './liveMessage'
import { type LiveOffer, shownPrice, shownStock, stockLabel, withStock } from './productOffer'

const variants: LiveOffer = { sku: 'OX', stocks: { 'OX-M': 3, 'OX-S': 0 }, variant: null }

describe('live product offers', () => {
  it('show the chosen variant or all variants together, with the server’s words', () => {
    expect(shownStock(variants)).toBe(3)
    expect(shownStock({ ...variants, sku: 'OX-S', variant: 's' })).toBe(0)
    expect([stockLabel(0), stockLabel(5), stockLabel(6)]).toEqual(['Sold out', 'Only 5 left', 'In stock'])
    expect(shownStock(withStock(variants, { items: [{ sku: 'OX-S', stock: 9, variant: 's' }, { sku: 'OTHER', stock: 1, variant: null }], type: 'stock' }))).toBe(12)
  })

  it('take the price of their SKU, the compare-at price only when higher', () => {
    const message = {
      currency: 'EUR',
      items: [
        { compareAtPrice: 2000, price: 1500, sku: 'OX', variant: null },
        { compareAtPrice: 1000, price: 1800, sku: 'OX-M', variant: 'm' },
      ],
      type: 'price' as const,
    }
    expect(shownPrice(variants, message)).toEqual({ compareAtPrice: 2000, price: 1500 })
    expect(shownPrice({ ...variants, sku: 'OX-M', variant: 'm' }, message)).toEqual({ compareAtPrice: undefined, price: 1800 })
    expect(shownPrice({ ...variants, sku: 'OX-L', variant: 'l' }, message)).toBeUndefined()
  })
})

describe('live events', () => {
  it('order by stream id and format as Server-Sent Events', () => {
    expect(compareLiveEventIds('1700000000000-2', '1700000000000-10')).toBeLessThan(0)
    expect(compareLiveEventIds('1700000000001-0', '1700000000000-10')).toBeGreaterThan(0)
    expect(sseEvent({ data: { type: 'price' }, event: 'price', id: '1-0' })).toBe('id: 1-0\nevent: price\ndata: {"type":"price"}\n\n')
  })
})
