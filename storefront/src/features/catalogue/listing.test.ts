import { describe, expect, it } from 'vitest'

import { listingFilters, listingHref, parseListingParams } from './listing'

const parse = (query: string) => parseListingParams(new URLSearchParams(query))

describe('parseListingParams', () => {
  it('reads every filter from the URL', () => {
    expect(parse('min=10&max=24.5&inStock=1&option=M&option=Red&option=M&sort=price-desc&page=2')).toEqual({
      inStock: true,
      max: 2450,
      min: 1000,
      option: ['M', 'Red'],
      page: 2,
      sort: 'price-desc',
    })
  })

  it('falls back safely on anything it cannot use', () => {
    expect(parse('min=-3&max=abc&inStock=yes&sort=random&page=0')).toEqual({
      inStock: false,
      max: undefined,
      min: undefined,
      option: [],
      page: 1,
      sort: 'newest',
    })
    expect(parse('page=99999').page).toBe(1)
  })
})

describe('listingHref', () => {
  it('leaves defaults out and keeps extra parameters first', () => {
    expect(listingHref('/c/a', parse(''))).toBe('/c/a')
    expect(listingHref('/search', { ...parse('min=10.5&inStock=1&option=M'), page: 3 }, { q: 'tee' })).toBe(
      '/search?q=tee&min=10.50&inStock=1&option=M&page=3',
    )
  })
})

describe('listingFilters', () => {
  it('turns the filters into where clauses', () => {
    expect(listingFilters(parse('min=10&max=20&inStock=1&option=M'))).toEqual([
      { price: { greater_than_equal: 1000 } },
      { price: { less_than_equal: 2000 } },
      { or: [{ stock: { greater_than: 0 } }, { 'variants.stock': { greater_than: 0 } }] },
      { 'options.values': { equals: 'M' } },
    ])
    expect(listingFilters(parse(''))).toEqual([])
  })
})
