import { describe, expect, it } from 'vitest'

import { appendQuery } from './whereQuery'

describe('appendQuery', () => {
  it('writes nested where clauses in bracket notation and skips undefined members', () => {
    const params = appendQuery(new URLSearchParams({ limit: '1' }), 'where', {
      and: [{ price: { greater_than_equal: 100 } }, { or: [{ stock: { greater_than: 0 } }, { 'variants.stock': { greater_than: 0 } }] }],
      slug: { equals: 'a b', not_equals: undefined },
    })
    expect([...params]).toEqual([
      ['limit', '1'],
      ['where[and][0][price][greater_than_equal]', '100'],
      ['where[and][1][or][0][stock][greater_than]', '0'],
      ['where[and][1][or][1][variants.stock][greater_than]', '0'],
      ['where[slug][equals]', 'a b'],
    ])
  })
})
