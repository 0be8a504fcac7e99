import type { OrderStatus } from '../collections/orders/statuses'
import type { ReturnStatus } from './refundFields'

import { REFUNDABLE_PAYMENT_STATUSES } from '../collections/orders/statuses'
import { CheckoutError } from '../checkout/errors'
import { lineRefund } from './lineRefund'

export type RefundLine = { item: string; quantity: number; restock: boolean; sku: string }
export type RefundEntry = {
  amount: number
  at: string
  by?: null | number
  id?: null | string
  lines?: null | RefundLine[]
  reason?: null | string
  reference?: null | string
  requestHash?: null | string
  returnRequest?: null | string
  wholeOrder?: boolean | null
}
export type ReturnLine = { item: string; quantity: number; sku: string }
export type ReturnRequestEntry = {
  decidedAt?: null | string
  decidedBy?: null | number
  decisionNote?: null | string
  id?: null | string
  lines?: null | ReturnLine[]
  reason: string
  refund?: null | string
  requestedAt: string
  requestedBy?: null | number
  status: ReturnStatus
}
export type OrderLine = {
  /** Taken off the line by promotions (minor units); none on orders from before them. */
  discountAmount?: null | number
  id?: null | string
  lineTotal?: null | number
  product?: null | number | { id: number }
  quantity: number
  sku: string
  /** The line's tax after its discount: added to the total when prices exclude tax, contained otherwise. */
  taxAmount?: null | number
  title?: string
  unitPrice: number
  variantId?: null | string
}
/** What the refund rules read of an order (depth 0). */
export type RefundableOrder = {
  currency: string
  id: number
  items?: null | OrderLine[]
  orderNumber?: null | string
  payment?: { method?: null | string; reference?: null | string; status?: null | string } | null
  pricesIncludeTax?: boolean | null
  refundedTotal?: null | number
  refunds?: null | RefundEntry[]
  returnRequests?: null | ReturnRequestEntry[]
  status: OrderStatus
  total: number
}

/** A line a refund or return names: the order line's id and how many of it. */
export type LineRequest = { item: string; quantity: number; restock?: boolean }

/** A planned refund: the amount and the lines (with what the stock needs to know). */
export type RefundPlan = { amount: number; lines: Array<RefundLine & { product: null | number; variant: null | string }> }

/** Order statuses in which goods were paid for and not yet given back whole. */
const REFUNDABLE_ORDER_STATUSES: readonly OrderStatus[] = ['paid', 'fulfilled', 'shipped', 'delivered']

const productIdOf = (value: OrderLine['product']): null | number =>
  value === null || value === undefined ? null : typeof value === 'number' ? value : value.id

const sumBy = (entries: Array<{ lines?: null | Array<{ item: string; quantity: number }> }>): Map<string, number> => {
  const sums = new Map<string, number>()
  for (const line of entries.flatMap((entry) => entry.lines ?? [])) sums.set(line.item, (sums.get(line.item) ?? 0) + line.quantity)
  return sums
}

/** How many of each order line earlier refunds covered, by line id. */
export const refundedQuantities = (order: RefundableOrder): Map<string, number> => sumBy(order.refunds ?? [])

/** How much is left to give back. */
export const refundableAmount = (order: RefundableOrder): number => order.total - (order.refundedTotal ?? 0)

/** The payment status after `refundedTotal` of the total went back. */
export const paymentStatusAfter = (order: RefundableOrder, refundedTotal: number): 'partially_refunded' | 'refunded' =>
  refundedTotal >= order.total ? 'refunded' : 'partially_refunded'

/** Each order line with how many of it no refund has covered yet (the whole-order refund settles these). */
export const unrefundedLines = (order: RefundableOrder): RefundPlan['lines'] => {
  const refunded = refundedQuantities(order)
  return (order.items ?? []).flatMap((line) => {
    const left = line.quantity - (line.id ? (refunded.get(line.id) ?? 0) : 0)
    return left > 0 && line.id
      ? [{ item: line.id, product: productIdOf(line.product), quantity: left, restock: true, sku: line.sku, variant: line.variantId ?? null }]
      : []
  })
}

/** Checks the named lines against the order: known, each once, and at most `left(line)` of each. */
const checkLines = (order: RefundableOrder, requested: LineRequest[], left: (line: OrderLine) => number) =>
  requested.map((wanted) => {
    const line = (order.items ?? []).find((item) => item.id === wanted.item)
    if (!line) throw new CheckoutError(`This order has no line ${wanted.item}.`, 400)
    if (requested.filter((other) => other.item === wanted.item).length > 1) throw new CheckoutError(`Line ${line.sku} is named twice; give its quantity once.`, 400)
    const available = left(line)
    if (wanted.quantity > available) {
      throw new CheckoutError(
        available === 0 ? `Nothing of ${line.sku} is left to refund or return.` : `Only ${available} of ${line.sku} can still be refunded or returned, not ${wanted.quantity}.`,
        400,
      )
    }
    return { line, wanted }
  })

/**
 * What a refund of `request` (chosen lines, an amount, or both) would give back, checked against the
 * order as it stands (read after locking it): money taken and not all given back yet, each line at most
 * what was bought less what earlier refunds covered, and the amount (by default the lines' price) at
 * most what is left; a line gives back what was paid for it (`lineRefund`). A refusal is a `CheckoutError` (400 bad request, 409 the order does not allow it).
 */
export const planRefund = (order: RefundableOrder, request: { amount?: number; lines?: LineRequest[] }): RefundPlan => {
  const paymentStatus = order.payment?.status ?? 'none'
  if (!REFUNDABLE_PAYMENT_STATUSES.includes(paymentStatus)) {
    throw new CheckoutError(`This order’s payment is ${paymentStatus}: there is no money taken to refund.`, 409)
  }
  if (!REFUNDABLE_ORDER_STATUSES.includes(order.status)) throw new CheckoutError(`This order is ${order.status}: it cannot be refunded any more.`, 409)
  const refunded = refundedQuantities(order)
  const checked = checkLines(order, request.lines ?? [], (line) => line.quantity - (line.id ? (refunded.get(line.id) ?? 0) : 0))
  const lines = checked.map(({ line, wanted }) => ({
    item: wanted.item,
    product: productIdOf(line.product),
    quantity: wanted.quantity,
    restock: wanted.restock ?? false,
    sku: line.sku,
    variant: line.variantId ?? null,
  }))
  const amount = request.amount ?? checked.reduce((sum, { line, wanted }) => sum + lineRefund(order, line, line.id ? (refunded.get(line.id) ?? 0) : 0, wanted.quantity), 0)
  const left = refundableAmount(order)
  if (amount < 1) throw new CheckoutError('A refund must give back at least 1 (minor unit).', 400)
  if (amount > left) throw new CheckoutError(`At most ${left} (${order.currency} minor units) is left to refund on this order, not ${amount}.`, 400)
  return { amount, lines }
}

/**
 * The lines of a customer's return request, checked: the order was delivered, and each line at most what
 * was bought less what was refunded or is already asked back in an open request.
 */
export const planReturn = (order: RefundableOrder, requested: Array<{ item: string; quantity: number }>): ReturnLine[] => {
  if (order.status !== 'delivered') throw new CheckoutError(`Only a delivered order can be returned; this one is ${order.status}.`, 409)
  const refunded = refundedQuantities(order)
  const asked = sumBy((order.returnRequests ?? []).filter((request) => request.status === 'requested'))
  const taken = (id: null | string | undefined) => (id ? (refunded.get(id) ?? 0) + (asked.get(id) ?? 0) : 0)
  return checkLines(order, requested, (line) => line.quantity - taken(line.id)).map(({ line, wanted }) => ({ item: wanted.item, quantity: wanted.quantity, sku: line.sku }))
}

/** A one-line account of a refund for the audit log and emails: "2 × MUG (back in stock), 1 × CUP". */
export const describeLines = (lines: Array<{ quantity: number; restock?: boolean | null; sku: string }>): string =>
  lines.map((line) => `${line.quantity} × ${line.sku}${line.restock ? ' (back in stock)' : ''}`).join(', ')
