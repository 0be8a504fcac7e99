import { describe, expect, it } from 'vitest'

import { facetGroups, type SearchFacets } from './facets'
import { parseListingParams } from './listing'

const facets: SearchFacets = {
  categories: [
    { count: 3, id: 2, parent: 1, slug: 'shirts', title: 'Shirts' },
    { count: 5, id: 1, parent: null, slug: 'clothing', title: 'Clothing' },
    { count: 2, id: 3, parent: 1, slug: 'knitwear', title: 'Knitwear' },
  ],
  inStock: { false: 1, true: 4 },
  options: [{ name: 'Size', values: [{ count: 0, value: 'S' }, { count: 4, value: 'M' }] }],
  price: { bands: [{ count: 0, max: 2500, min: 0 }, { count: 5, max: null, min: 2500 }], currency: 'EUR' },
}

describe('facetGroups', () => {
  it('shows the category tree in order, price bands and option values with their counts, none that finds nothing', () => {
    const groups = facetGroups(facets, parseListingParams(new URLSearchParams('category=shirts&option=Size:M')), { locale: 'en' })
    expect(groups.map((group) => [group.label, group.values.map((value) => `${'  '.repeat(value.depth)}${value.label} ${value.count}${value.checked ? ' ✓' : ''}`)])).toEqual([
      ['Category', ['Clothing 5', '  Knitwear 2', '  Shirts 3 ✓']],
      ['Price', ['€25.00 and up 5']],
      ['Size', ['M 4 ✓']],
    ])
    expect(groups[1]?.values[0]).toMatchObject({ name: 'price', value: '25-' })
  })

  it('keeps a ticked value that finds nothing, so it can be unticked', () => {
    const groups = facetGroups(facets, parseListingParams(new URLSearchParams('option=Size:S&option=Colour:Red')), { categories: false, locale: 'en' })
    expect(groups.map((group) => [group.label, group.values.map((value) => `${value.label} ${value.count}${value.checked ? ' ✓' : ''}`)])).toEqual([
      ['Price', ['€25.00 and up 5']],
      ['Size', ['S 0 ✓', 'M 4']],
      ['Colour', ['Red 0 ✓']],
    ])
  })

  it('speaks the page’s language: German labels and de-DE prices on the German shop', () => {
    const groups = facetGroups(facets, parseListingParams(new URLSearchParams('category=shirts')), { locale: 'de' })
    expect(groups.slice(0, 2).map((group) => [group.label, group.values.map((value) => value.label)])).toEqual([
      ['Kategorie', ['Clothing', 'Knitwear', 'Shirts']],
      ['Preis', ['ab 25,00\u00a0€']],
    ])
  })
})
