import { describe, expect, it } from 'vitest'

import type { CardMedia } from './product'

import { cardImageOf, resolveMediaUrl } from './productImage'

const origin = 'http://cms.test:3000'

const media = (overrides: Partial<CardMedia> = {}): CardMedia => ({
  alt: 'Blue linen shirt on a hanger',
  height: 1500,
  id: 1,
  sizes: { card: { height: 750, url: '/api/v1/media/file/shirt-600x750.webp', width: 600 } },
  url: '/api/v1/media/file/shirt.webp',
  width: 1200,
  ...overrides,
})

describe('resolveMediaUrl', () => {
  it('joins root-relative URLs to the media origin, keeping its path', () => {
    expect(resolveMediaUrl('/api/v1/media/file/a.webp', origin)).toBe('http://cms.test:3000/api/v1/media/file/a.webp')
    expect(resolveMediaUrl('/api/v1/media/file/a.webp', 'https://shop.test/cms/')).toBe('https://shop.test/cms/api/v1/media/file/a.webp')
  })

  it('keeps absolute http(s) URLs and refuses other schemes', () => {
    expect(resolveMediaUrl('https://cdn.test/a.webp', origin)).toBe('https://cdn.test/a.webp')
    expect(resolveMediaUrl('//cdn.test/a.webp', origin)).toBe('http://cdn.test/a.webp')
    expect(resolveMediaUrl('javascript:alert(1)', origin)).toBeUndefined()
  })
})

describe('cardImageOf', () => {
  it('uses the card size of the first image', () => {
    expect(cardImageOf({ images: [media(), media({ id: 2 })], title: 'Shirt' }, origin)).toEqual({
      alt: 'Blue linen shirt on a hanger',
      height: 750,
      src: 'http://cms.test:3000/api/v1/media/file/shirt-600x750.webp',
      width: 600,
    })
  })

  it('falls back to the original when the card size is missing', () => {
    const image = cardImageOf({ images: [media({ sizes: { card: { height: null, url: null, width: null } } })], title: 'Shirt' }, origin)
    expect(image).toMatchObject({ height: 1500, src: 'http://cms.test:3000/api/v1/media/file/shirt.webp', width: 1200 })
  })

  it('skips images the CMS did not populate and falls back to the title for empty alt text', () => {
    expect(cardImageOf({ images: [42, media({ alt: ' ' })], title: 'Shirt' }, origin)).toMatchObject({ alt: 'Shirt' })
  })

  it('has no image when nothing usable is there', () => {
    expect(cardImageOf({ images: null, title: 'Shirt' }, origin)).toBeUndefined()
    expect(cardImageOf({ images: [42], title: 'Shirt' }, origin)).toBeUndefined()
    expect(cardImageOf({ images: [media({ sizes: {}, width: null })], title: 'Shirt' }, origin)).toBeUndefined()
  })
})
