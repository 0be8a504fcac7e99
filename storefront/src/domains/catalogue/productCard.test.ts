import { describe, expect, it } from 'vitest'

import { otherCardPrices, toProductCardView } from './productCard'

const options = { locale: 'en-GB', mediaOrigin: 'http://cms.test' }

describe('toProductCardView', () => {
  it('formats prices and resolves the image for the card', () => {
    const card = toProductCardView(
      {
        compareAtPrice: 4500,
        currency: 'GBP',
        id: 3,
        images: [{ alt: 'Wool scarf', height: 750, id: 9, url: '/api/v1/media/file/scarf.webp', width: 600 }],
        price: 3000,
        slug: 'scarf',
        stock: 2,
        title: 'Wool scarf',
      },
      options,
    )
    expect(card).toEqual({
      compareAtPrice: '£45.00',
      currency: 'GBP',
      href: '/p/scarf',
      id: 3,
      image: { alt: 'Wool scarf', height: 750, src: 'http://cms.test/api/v1/media/file/scarf.webp', width: 600 },
      otherPrices: {},
      price: '£30.00',
      soldOut: false,
      title: 'Wool scarf',
    })
  })

  it('marks a product without stock as sold out and without a sale price', () => {
    const card = toProductCardView({ currency: 'EUR', id: 4, price: 1000, slug: 'mug', stock: 0, title: 'Mug' }, options)
    expect(card).toMatchObject({ compareAtPrice: undefined, image: undefined, price: '€10.00', soldOut: true })
  })
})

describe('otherCardPrices', () => {
  it('lists the product’s price in each of its other currencies, never the base one', () => {
    expect(otherCardPrices({ currency: 'EUR', price: 1200, prices: [{ amount: 1400, currency: 'USD' }, { amount: 1100, currency: 'GBP' }] })).toEqual({
      GBP: { amount: 1100, from: false },
      USD: { amount: 1400, from: false },
    })
    expect(otherCardPrices({ currency: 'EUR', price: 1200, prices: [] })).toEqual({})
  })

  it('gives the lowest variant price in a currency, “from” when the variants differ, the product’s price for a variant without its own', () => {
    const variants = [
      { prices: [{ amount: 3500, currency: 'USD' }], stock: 1 },
      { price: 3200, prices: [], stock: 0 },
      { prices: [{ amount: 2900, currency: 'GBP' }], stock: 2 },
    ]
    expect(otherCardPrices({ currency: 'EUR', price: 3000, prices: [{ amount: 3300, currency: 'USD' }], variants })).toEqual({
      // Only the third variant is sold in pounds: the product has no pound price for the others.
      GBP: { amount: 2900, from: false },
      USD: { amount: 3300, from: true },
    })
  })
})
