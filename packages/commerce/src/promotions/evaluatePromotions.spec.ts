import { describe, expect, it } from 'vitest'

import { allocate } from './allocate'
import { type DiscountLine, evaluatePromotions, type EvaluationInput } from './evaluatePromotions'
import type { Promotion } from './promotion'

const promotion = (over: Partial<Promotion>): Promotion => ({
  active: true,
  amounts: [],
  appliesTo: 'order',
  categories: [],
  code: null,
  combinable: false,
  endsAt: null,
  id: 1,
  kind: 'percentage',
  minimumSubtotals: [],
  percentage: 10,
  perCustomerLimit: null,
  products: [],
  startsAt: null,
  title: 'Promo',
  usageLimit: null,
  ...over,
})
const lines: DiscountLine[] = [
  { categories: [7], ord: 1, product: 100, quantity: 1, unitPrice: 999 },
  { categories: [8], ord: 2, product: 200, quantity: 2, unitPrice: 333 },
]
const run = (over: Partial<EvaluationInput>) =>
  evaluatePromotions({ currency: 'EUR', lines, now: new Date('2026-06-01T00:00:00Z'), promotions: [], shipping: 490, usage: new Map(), ...over })

describe('allocate', () => {
  it('splits an amount in proportion and the parts add up exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocate(7, [999, 666])).toEqual([4, 3])
    expect(allocate(0, [5, 5])).toEqual([0, 0])
    expect(allocate(10, [0, 10])).toEqual([0, 10])
  })
  it('stays exact beyond 2^53 in intermediate products', () => {
    const parts = allocate(999_999_999, [999_999_999, 1, 999_999_998])
    expect(parts.reduce((a, b) => a + b, 0)).toBe(999_999_999)
  })
})

describe('evaluatePromotions', () => {
  it('takes a percentage off the whole order, rounded down, spread over the lines', () => {
    const result = run({ code: 'save10', promotions: [promotion({ code: 'SAVE10' })] })
    // 10 % of 1665 = 166.5 → 166; 999 and 666 get 99.9 and 66.6 → 99 + 66, the remaining unit to the larger remainder.
    expect(result.discountTotal).toBe(166)
    expect(result.lines).toEqual([{ discount: 100, ord: 1 }, { discount: 66, ord: 2 }])
    expect(result.applied).toEqual([{ amount: 166, code: 'SAVE10', id: 1, shippingDiscount: 0, title: 'Promo' }])
  })

  it('limits a fixed amount to the eligible items and uses the order’s currency', () => {
    const fixed = promotion({ amounts: [{ amount: 5000, currency: 'EUR' }], appliesTo: 'items', code: 'MUGS', kind: 'fixed', products: [200] })
    expect(run({ code: 'MUGS', promotions: [fixed] }).lines).toEqual([{ discount: 0, ord: 1 }, { discount: 666, ord: 2 }])
    expect(run({ code: 'MUGS', currency: 'GBP', promotions: [fixed] }).refusal?.reason).toBe('wrong-currency')
  })

  it('matches categories (the promotion’s list includes subcategories)', () => {
    const result = run({ code: 'CAT', promotions: [promotion({ appliesTo: 'items', categories: [7, 70], code: 'CAT', percentage: 50 })] })
    expect(result.lines).toEqual([{ discount: 499, ord: 1 }, { discount: 0, ord: 2 }])
  })

  it('waives shipping with free shipping', () => {
    const result = run({ code: 'SHIP', promotions: [promotion({ code: 'SHIP', kind: 'freeShipping' })] })
    expect(result).toMatchObject({ discountTotal: 0, freeShipping: true, applied: [{ shippingDiscount: 490 }] })
  })

  it.each([
    [{ code: 'NOPE' }, 'unknown'],
    [{ active: false }, 'unknown'],
    [{ startsAt: '2026-07-01T00:00:00Z' }, 'not-started'],
    [{ endsAt: '2026-06-01T00:00:00Z' }, 'expired'],
    [{ minimumSubtotals: [{ amount: 2000, currency: 'EUR' }] }, 'minimum-not-met'],
    [{ minimumSubtotals: [{ amount: 2000, currency: 'GBP' }] }, 'wrong-currency'],
    [{ appliesTo: 'items' as const, products: [300] }, 'not-for-these-items'],
    [{ usageLimit: 3 }, 'used-up'],
    [{ perCustomerLimit: 1 }, 'already-used'],
  ])('refuses a code and says why: %o → %s', (over, reason) => {
    const result = run({ code: 'X10', promotions: [promotion({ code: 'X10', ...over })], usage: new Map([[1, { byCustomer: 1, total: 3 }]]) })
    expect(result.refusal?.reason).toBe(reason)
    expect(result.discountTotal).toBe(0)
  })

  it('states the minimum in the shopper’s words', () => {
    const result = run({ code: 'BIG', promotions: [promotion({ code: 'BIG', minimumSubtotals: [{ amount: 5000, currency: 'EUR' }] })] })
    expect(result.refusal?.message).toBe('This code needs a subtotal of at least €50.00.')
  })

  describe('stacking', () => {
    const sale = promotion({ id: 2, percentage: 50, title: 'Sale' })
    const combinableSale = promotion({ combinable: true, id: 3, percentage: 5, title: 'Small sale' })
    const shipping = promotion({ combinable: true, id: 4, kind: 'freeShipping', title: 'Free shipping' })

    it('without a code: the best of one non-combinable alone or all combinable together', () => {
      // 50 % (832) beats 5 % and free shipping together (83 + 490).
      expect(run({ promotions: [sale, combinableSale, shipping] }).applied.map((item) => item.id)).toEqual([2])
      expect(run({ promotions: [promotion({ id: 2, percentage: 1 }), combinableSale, shipping] }).applied.map((item) => item.id)).toEqual([3, 4])
    })

    it('a non-combinable code applies alone; a combinable one with the combinable automatic promotions', () => {
      expect(run({ code: 'ONE', promotions: [sale, combinableSale, promotion({ code: 'ONE', id: 9 })] }).applied.map((item) => item.id)).toEqual([9])
      const both = run({ code: 'TWO', promotions: [sale, combinableSale, shipping, promotion({ code: 'TWO', combinable: true, id: 9, kind: 'fixed', amounts: [{ amount: 100, currency: 'EUR' }] })] })
      // The percentage first (5 % of 1665 = 83), then the fixed 100 on what is left.
      expect(both.applied.map((item) => [item.id, item.amount])).toEqual([[3, 83], [9, 100], [4, 0]])
      expect(both.discountTotal).toBe(183)
      expect(both.lines.reduce((sum, line) => sum + line.discount, 0)).toBe(183)
    })

    it('a refused code leaves the automatic promotions, and says why', () => {
      const result = run({ code: 'OLD', promotions: [sale, promotion({ code: 'OLD', endsAt: '2026-01-01T00:00:00Z', id: 9 })] })
      expect(result.refusal?.reason).toBe('expired')
      expect(result.applied.map((item) => item.id)).toEqual([2])
    })
  })

  it('never takes more than a line is worth', () => {
    const result = run({ code: 'ALL', promotions: [promotion({ code: 'ALL', percentage: 100 })] })
    expect(result.discountTotal).toBe(1665)
    expect(result.lines).toEqual([{ discount: 999, ord: 1 }, { discount: 666, ord: 2 }])
  })
})
