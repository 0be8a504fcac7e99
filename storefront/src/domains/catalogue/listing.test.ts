import { describe, expect, it } from 'vitest'

import { listingHref, parseListingParams, searchQuery } from './listing'

const parse = (query: string, defaultSort?: 'relevance') => parseListingParams(new URLSearchParams(query), defaultSort)

describe('parseListingParams', () => {
  it('reads every filter from the URL, each value once and sorted', () => {
    expect(parse('min=10&max=24.5&inStock=1&option=Size:M&option=Colour:Red&option=Size:M&price=50-100&price=0-25&category=men&sort=price-desc&page=2')).toEqual({
      category: ['men'],
      inStock: true,
      max: 2450,
      min: 1000,
      option: ['Colour:Red', 'Size:M'],
      page: 2,
      price: ['0-25', '50-100'],
      sort: 'price-desc',
    })
  })

  it('falls back safely on anything it cannot use', () => {
    expect(parse('min=-3&max=abc&inStock=yes&sort=random&page=0&option=M&option=:x&option=Size:M%00&price=cheap&category=Not%20A%20Slug')).toEqual({
      category: [],
      inStock: false,
      max: undefined,
      min: undefined,
      option: [],
      page: 1,
      price: [],
      sort: 'newest',
    })
    expect(parse('page=99999').page).toBe(1)
    expect(parse('', 'relevance').sort).toBe('relevance')
  })
})

describe('listingHref', () => {
  it('leaves defaults out, keeps extra parameters first and the rest in one order', () => {
    expect(listingHref('/c/a', parse(''))).toBe('/c/a')
    expect(listingHref('/search', { ...parse('option=Size:M&inStock=1&min=10.5&price=25-50&category=men'), page: 3 }, { q: 'tee' })).toBe(
      '/search?q=tee&category=men&price=25-50&min=10.50&inStock=1&option=Size%3AM&page=3',
    )
    expect(listingHref('/search', parse('sort=relevance', 'relevance'), { q: 'tee' }, 'relevance')).toBe('/search?q=tee')
  })
})

describe('searchQuery', () => {
  it('asks the CMS for the term, the categories and every filter in minor units', () => {
    const query = searchQuery(parse('min=10&max=20&inStock=1&option=Size:M&option=Size:L&price=200-&sort=price-asc&page=2'), { categoryIds: [4], limit: 24, q: 'tee' })
    expect([...query]).toEqual([
      ['q', 'tee'],
      ['category', '4'],
      ['price', '20000-'],
      ['price', '1000-2001'],
      ['inStock', 'true'],
      ['option[Size]', 'L'],
      ['option[Size]', 'M'],
      ['sort', 'price'],
      ['page', '2'],
      ['limit', '24'],
    ])
    // A range upside down is no filter at all, not an error from the CMS.
    expect(searchQuery(parse('min=30&max=20'), { categoryIds: [], limit: 24, q: '' }).getAll('price')).toEqual([])
    expect(searchQuery(parse('price=50-25&price=0-0&price=25-50'), { categoryIds: [], limit: 24, q: '' }).getAll('price')).toEqual(['2500-5000'])
  })
})
