import { describe, expect, it } from 'vitest'

import type { RefundableOrder } from './orderRefunds'

import { CheckoutError } from '../checkout/errors'
import { describeLines, paymentStatusAfter, planRefund, planReturn, unrefundedLines } from './orderRefunds'

/** 2 mugs at 10.00 and 3 cups at 5.00, plus 4.90 shipping, paid. */
const order = (over: Partial<RefundableOrder> = {}): RefundableOrder => ({
  currency: 'EUR',
  id: 7,
  items: [
    { id: 'm', product: 1, quantity: 2, sku: 'MUG', unitPrice: 1000 },
    { id: 'c', product: 2, quantity: 3, sku: 'CUP', unitPrice: 500, variantId: 'v1' },
  ],
  payment: { method: 'manual', reference: 'r', status: 'paid' },
  refundedTotal: 0,
  refunds: [],
  returnRequests: [],
  status: 'delivered',
  total: 3990,
  ...over,
})

const refusal = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    if (error instanceof CheckoutError) return [error.status, error.message]
    throw error
  }
  throw new Error('not refused')
}

describe('planRefund', () => {
  it('prices chosen lines at their unit price unless an amount is given', () => {
    const plan = planRefund(order(), { lines: [{ item: 'm', quantity: 1, restock: true }, { item: 'c', quantity: 2 }] })
    expect(plan.amount).toBe(2000)
    expect(plan.lines).toEqual([
      { item: 'm', product: 1, quantity: 1, restock: true, sku: 'MUG', variant: null },
      { item: 'c', product: 2, quantity: 2, restock: false, sku: 'CUP', variant: 'v1' },
    ])
    expect(planRefund(order(), { amount: 1500, lines: [{ item: 'm', quantity: 2 }] }).amount).toBe(1500)
  })

  it('never refunds a line beyond what was bought less what earlier refunds covered', () => {
    const earlier = order({ refundedTotal: 1000, refunds: [{ amount: 1000, at: '', lines: [{ item: 'm', quantity: 1, restock: false, sku: 'MUG' }] }] })
    expect(refusal(() => planRefund(earlier, { lines: [{ item: 'm', quantity: 2 }] }))).toEqual([400, 'Only 1 of MUG can still be refunded or returned, not 2.'])
    expect(planRefund(earlier, { lines: [{ item: 'm', quantity: 1 }] }).amount).toBe(1000)
  })

  it('never gives back more than is left of the total', () => {
    expect(refusal(() => planRefund(order({ refundedTotal: 3000 }), { amount: 991 }))).toEqual([400, 'At most 990 (EUR minor units) is left to refund on this order, not 991.'])
    expect(planRefund(order({ refundedTotal: 3000 }), { amount: 990 }).amount).toBe(990)
  })

  it('refuses an order with no money taken, or one already given back', () => {
    expect(refusal(() => planRefund(order({ payment: { status: 'pending' } }), { amount: 1 }))[0]).toBe(409)
    expect(refusal(() => planRefund(order({ payment: { status: 'refunded' } }), { amount: 1 }))[0]).toBe(409)
    expect(refusal(() => planRefund(order({ status: 'cancelled' }), { amount: 1 }))[0]).toBe(409)
    expect(planRefund(order({ payment: { status: 'partially_refunded' }, refundedTotal: 10 }), { amount: 1 }).amount).toBe(1)
  })

  it('refuses unknown and repeated lines', () => {
    expect(refusal(() => planRefund(order(), { lines: [{ item: 'x', quantity: 1 }] }))).toEqual([400, 'This order has no line x.'])
    expect(refusal(() => planRefund(order(), { lines: [{ item: 'm', quantity: 1 }, { item: 'm', quantity: 1 }] }))[0]).toBe(400)
  })
})

describe('planReturn', () => {
  it('takes delivered lines, less what was refunded or is asked back already', () => {
    const asked = order({ returnRequests: [{ lines: [{ item: 'c', quantity: 2, sku: 'CUP' }], reason: 'x', requestedAt: '', status: 'requested' }] })
    expect(planReturn(asked, [{ item: 'c', quantity: 1 }])).toEqual([{ item: 'c', quantity: 1, sku: 'CUP' }])
    expect(refusal(() => planReturn(asked, [{ item: 'c', quantity: 2 }]))).toEqual([400, 'Only 1 of CUP can still be refunded or returned, not 2.'])
    // A rejected request gives its lines back to ask again.
    const rejected = order({ returnRequests: [{ lines: [{ item: 'c', quantity: 3, sku: 'CUP' }], reason: 'x', requestedAt: '', status: 'rejected' }] })
    expect(planReturn(rejected, [{ item: 'c', quantity: 3 }])).toHaveLength(1)
    expect(refusal(() => planReturn(order({ status: 'shipped' }), [{ item: 'c', quantity: 1 }]))).toEqual([409, 'Only a delivered order can be returned; this one is shipped.'])
  })
})

describe('the whole-order refund and the payment status', () => {
  it('settles the units no refund covered', () => {
    const earlier = order({ refunds: [{ amount: 1000, at: '', lines: [{ item: 'm', quantity: 2, restock: false, sku: 'MUG' }] }] })
    expect(unrefundedLines(earlier).map(({ quantity, sku }) => [sku, quantity])).toEqual([['CUP', 3]])
  })

  it('is partially refunded until all of the total went back', () => {
    expect(paymentStatusAfter(order(), 3989)).toBe('partially_refunded')
    expect(paymentStatusAfter(order(), 3990)).toBe('refunded')
    expect(describeLines([{ quantity: 1, restock: true, sku: 'MUG' }, { quantity: 2, sku: 'CUP' }])).toBe('1 × MUG (back in stock), 2 × CUP')
  })
})
