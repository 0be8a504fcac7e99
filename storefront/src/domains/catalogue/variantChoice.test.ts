import { describe, expect, it } from 'vitest'

import type { ProductDetail } from './productDetail'
import { choiceDataOf, matchChoice, offerForChoice, selectionsOfVariant, stockLabel, valueNote, valueStatus } from './variantChoice'

const variant = (id: string, size: string, colour: string, stock: number, price: null | number = null) => ({
  id,
  price,
  selections: [
    { option: 'Size', value: size },
    { option: 'Colour', value: colour },
  ],
  sku: `TEE-${size}-${colour}`,
  stock,
})

/** Size × Colour, where S comes only in Red, M Red is sold out and M Blue costs more. */
const tee: ProductDetail = {
  categories: [],
  compareAtPrice: 3000,
  currency: 'EUR',
  description: null,
  descriptionText: null,
  id: 1,
  images: [],
  options: [
    { name: 'Size', values: ['S', 'M'] },
    { name: 'Colour', values: ['Red', 'Blue'] },
  ],
  price: 2000,
  seo: { description: null, title: null },
  sku: 'TEE',
  slug: 'tee',
  stock: 0,
  title: 'Tee',
  updatedAt: '2026-01-01T00:00:00.000Z',
  variants: [variant('sr', 'S', 'Red', 7), variant('mr', 'M', 'Red', 0), variant('mb', 'M', 'Blue', 2, 3500)],
}
const data = choiceDataOf(tee, 'http://cms.test')

describe('matchChoice', () => {
  it('finds the one variant with every option chosen', () => {
    expect(matchChoice(data, { Colour: 'Blue', Size: 'M' })).toMatchObject({ kind: 'variant', variant: { id: 'mb', price: 3500, sku: 'TEE-M-Blue' } })
    // A variant without its own price costs the product's.
    expect(matchChoice(data, { Colour: 'Red', Size: 'S' })).toMatchObject({ kind: 'variant', variant: { id: 'sr', price: 2000 } })
  })

  it('names the options still missing, and says when no variant has the combination', () => {
    expect(matchChoice(data, {})).toEqual({ kind: 'incomplete', missing: ['Size', 'Colour'] })
    expect(matchChoice(data, { Size: 'M' })).toEqual({ kind: 'incomplete', missing: ['Colour'] })
    expect(matchChoice(data, { Colour: 'Blue', Size: 'S' })).toEqual({ kind: 'impossible' })
    expect(matchChoice(data, { Size: 'XL' })).toEqual({ kind: 'impossible' })
    // Names that are not options of the product (stray URL input) are ignored.
    expect(matchChoice(data, { Fit: 'Slim', Size: 'M' })).toEqual({ kind: 'incomplete', missing: ['Colour'] })
  })

  it('has nothing to match for a product without variants', () => {
    expect(matchChoice(choiceDataOf({ ...tee, options: [], variants: [] }, 'http://cms.test'), {})).toEqual({ kind: 'single' })
  })
})

describe('valueStatus', () => {
  it('marks values sold out or unavailable given the other choices', () => {
    expect(valueStatus(data, { Size: 'S' }, 'Colour', 'Red')).toBe('available')
    expect(valueStatus(data, { Size: 'S' }, 'Colour', 'Blue')).toBe('unavailable')
    expect(valueStatus(data, { Size: 'M' }, 'Colour', 'Red')).toBe('sold-out')
    // With nothing else chosen, a value is available while any variant with it is in stock.
    expect(valueStatus(data, {}, 'Colour', 'Red')).toBe('available')
    expect(valueStatus(data, { Colour: 'Red' }, 'Size', 'M')).toBe('sold-out')
    // The value's own option is replaced, not combined: M is available in Blue whatever size is chosen now.
    expect(valueStatus(data, { Colour: 'Blue', Size: 'S' }, 'Size', 'M')).toBe('available')
    expect([valueNote('available'), valueNote('sold-out'), valueNote('unavailable')]).toEqual(['', ' — sold out', ' — unavailable'])
  })
})

describe('offerForChoice', () => {
  it('offers a chosen variant in stock at its own price, with the product’s compare-at price only when higher', () => {
    expect(offerForChoice(data, { Colour: 'Red', Size: 'S' })).toMatchObject({
      canBuy: true,
      compareAtPrice: 3000,
      note: undefined,
      price: 2000,
      sku: 'TEE-S-Red',
      stockText: 'In stock',
    })
    expect(offerForChoice(data, { Colour: 'Blue', Size: 'M' })).toMatchObject({ canBuy: true, compareAtPrice: undefined, price: 3500, stockText: 'Only 2 left' })
  })

  it('refuses sold-out and impossible combinations and unfinished choices, saying why', () => {
    expect(offerForChoice(data, { Colour: 'Red', Size: 'M' })).toMatchObject({ canBuy: false, note: 'Sold out', stockText: 'Sold out' })
    expect(offerForChoice(data, { Colour: 'Blue', Size: 'S' })).toMatchObject({
      canBuy: false,
      note: 'That combination isn’t available. Choose another option.',
      stockText: 'Unavailable',
      variant: undefined,
    })
    expect(offerForChoice(data, {})).toMatchObject({ canBuy: false, note: 'Choose an option above first.', price: 2000, sku: 'TEE', stock: 9 })
    expect(offerForChoice(data, { Size: 'M' })).toMatchObject({ canBuy: false, note: 'Now choose Colour.', stock: 2 })
    const allGone = choiceDataOf({ ...tee, variants: tee.variants.map((item) => ({ ...item, stock: 0 })) }, 'http://cms.test')
    expect(offerForChoice(allGone, {})).toMatchObject({ canBuy: false, note: 'Sold out' })
  })

  it('offers a product without variants by its own stock', () => {
    const mug = choiceDataOf({ ...tee, options: [], stock: 3, variants: [] }, 'http://cms.test')
    expect(offerForChoice(mug, {})).toMatchObject({ canBuy: true, note: undefined, sku: 'TEE', stockText: 'Only 3 left' })
    expect(offerForChoice({ ...mug, product: { ...mug.product, stock: 0 } }, {})).toMatchObject({ canBuy: false, note: 'Sold out' })
  })
})

describe('choiceDataOf', () => {
  it('gives a variant its own image, named after it when the image has no alt text, or none', () => {
    const photo = { alt: '', height: 1500, id: 9, sizes: { card: { height: 750, url: '/m/blue-card.webp', width: 600 } }, url: '/m/blue.webp', width: 1200 }
    const [, , blue] = choiceDataOf({ ...tee, variants: tee.variants.map((item) => (item.id === 'mb' ? { ...item, image: photo } : item)) }, 'http://cms.test').variants
    expect(blue?.image).toEqual({
      alt: 'Tee, Size: M, Colour: Blue',
      height: 750,
      sizes: '(min-width: 60rem) 50vw, 100vw',
      src: 'http://cms.test/m/blue-card.webp',
      srcset: 'http://cms.test/m/blue-card.webp 600w, http://cms.test/m/blue.webp 1200w',
      width: 600,
    })
    expect(data.variants.map((item) => item.image)).toEqual([null, null, null])
  })
})

describe('selectionsOfVariant', () => {
  it('starts from the variant in the URL, or from nothing', () => {
    expect(selectionsOfVariant(data, 'mb')).toEqual({ Colour: 'Blue', Size: 'M' })
    expect(selectionsOfVariant(data, 'gone')).toEqual({})
    expect(selectionsOfVariant(data, null)).toEqual({})
    expect([stockLabel(0), stockLabel(5), stockLabel(6)]).toEqual(['Sold out', 'Only 5 left', 'In stock'])
  })
})
