import { describe, expect, it } from 'vitest'

import { diffFields, titleOf } from './diffFields'

const spec = { arrays: [{ fields: ['price'], key: 'sku', name: 'variants' }], fields: ['price', 'parent', 'payment.status'], secrets: ['secret'], title: 'title' }

describe('diffFields', () => {
  it('lists only the audited fields that changed, with both values', () => {
    const before = { description: 'old', payment: { status: 'pending' }, price: 1000 }
    const after = { description: 'new', payment: { status: 'paid' }, price: 1000 }
    expect(diffFields(spec, before, after)).toEqual([{ after: 'paid', before: 'pending', field: 'payment.status' }])
  })

  it('compares a related document by its id, whatever the depth it was read at', () => {
    expect(diffFields(spec, { parent: { id: 3, title: 'Lamps' } }, { parent: 3 })).toEqual([])
    expect(diffFields(spec, { parent: { id: 3 } }, { parent: 4 })).toEqual([{ after: 4, before: 3, field: 'parent' }])
  })

  it("keys array rows by their SKU: a variant's price, an added and a removed variant", () => {
    const before = { variants: [{ id: 'a', price: 100, sku: 'S' }, { id: 'b', price: 200, sku: 'M' }] }
    const after = { variants: [{ id: 'b', price: 250, sku: 'M' }, { id: 'c', price: 300, sku: 'L' }] }
    expect(diffFields(spec, before, after)).toEqual([
      { after: null, before: 100, field: 'variants[S].price' },
      { after: 250, before: 200, field: 'variants[M].price' },
      { after: 300, before: null, field: 'variants[L].price' },
    ])
  })

  it('records a changed secret as [redacted] on both sides, and a create or delete against nothing', () => {
    expect(diffFields(spec, null, { price: 5 }, ['secret'])).toEqual([
      { after: 5, before: null, field: 'price' },
      { after: '[redacted]', before: '[redacted]', field: 'secret' },
    ])
    expect(diffFields(spec, { price: 5 }, null)).toEqual([{ after: null, before: 5, field: 'price' }])
    expect(titleOf(spec, { title: 'Desk lamp' })).toBe('Desk lamp')
  })
})
