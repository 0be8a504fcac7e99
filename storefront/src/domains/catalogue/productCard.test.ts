import { describe, expect, it } from 'vitest'

import { toProductCardView } from './productCard'

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
      href: '/p/scarf',
      id: 3,
      image: { alt: 'Wool scarf', height: 750, src: 'http://cms.test/api/v1/media/file/scarf.webp', width: 600 },
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
