import { describe, expect, it } from 'vitest'

import { decimalPrice, descriptionSummary, galleryImagesOf, offerOf, type ProductDetail, productJsonLd, serializeJsonLd } from './productDetail'

const product: ProductDetail = {
  categories: [],
  compareAtPrice: 4000,
  currency: 'EUR',
  description: null,
  descriptionText: null,
  id: 1,
  images: [],
  options: [{ name: 'Size', values: ['S', 'M'] }],
  price: 3000,
  seo: { description: null, title: null },
  sku: 'SHIRT',
  slug: 'shirt',
  stock: 0,
  title: 'Shirt',
  updatedAt: '2026-01-01T00:00:00.000Z',
  variants: [
    { id: 'a', price: null, selections: [{ option: 'Size', value: 'S' }], sku: 'SHIRT-S', stock: 0 },
    { id: 'b', price: 3500, selections: [{ option: 'Size', value: 'M' }], sku: 'SHIRT-M', stock: 2 },
  ],
}

describe('offerOf', () => {
  it('uses the variant’s price override and stock', () => {
    expect(offerOf(product, product.variants[1])).toEqual({ available: true, compareAtPrice: 4000, price: 3500, sku: 'SHIRT-M', stock: 2 })
    expect(offerOf(product, product.variants[0])).toMatchObject({ available: false, price: 3000 })
  })

  it('sums variant stock when none is chosen', () => {
    expect(offerOf(product, undefined)).toMatchObject({ available: true, stock: 2 })
  })
})

describe('decimalPrice', () => {
  it('writes major units with the currency’s decimals', () => {
    expect(decimalPrice(4900, 'EUR')).toBe('49.00')
    expect(decimalPrice(1999, 'JPY')).toBe('1999')
  })
})

describe('the description’s plain text', () => {
  it('gives the first block as the summary and all of it, on one line, to JSON-LD unless SEO says otherwise', () => {
    expect(descriptionSummary({ descriptionText: 'Soft cotton.\nMachine wash' })).toBe('Soft cotton.')
    expect(descriptionSummary({ descriptionText: null })).toBeUndefined()
    const withText = { ...product, descriptionText: 'Soft cotton.\nMachine wash' }
    const ld = (item: ProductDetail) => productJsonLd(item, { images: [], url: 'https://shop.example/p/x', variant: undefined }).description
    expect(ld(withText)).toBe('Soft cotton. Machine wash')
    expect(ld({ ...withText, seo: { description: 'Chosen words', title: null } })).toBe('Chosen words')
    expect(ld(product)).toBeUndefined()
  })
})

describe('galleryImagesOf', () => {
  it('lists every size in srcset, narrowest first, with the card size as src', () => {
    const images = galleryImagesOf(
      {
        images: [
          {
            alt: '',
            height: 1500,
            id: 1,
            sizes: { card: { height: 750, url: '/c.webp', width: 600 }, full: { height: 1500, url: '/f.webp', width: 1200 } },
            url: '/o.webp',
            width: 1200,
          },
        ],
        title: 'Shirt',
      },
      'http://cms.test',
    )
    expect(images).toEqual([
      expect.objectContaining({ alt: 'Shirt', height: 750, src: 'http://cms.test/c.webp', srcset: 'http://cms.test/c.webp 600w, http://cms.test/f.webp 1200w', width: 600 }),
    ])
  })
})

describe('serializeJsonLd', () => {
  it('cannot close its script element', () => {
    expect(serializeJsonLd({ name: '</script><script>' })).not.toContain('</script>')
  })
})
