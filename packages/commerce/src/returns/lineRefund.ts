/** What the refund rules read of an order line's figures (minor units; orders from before discounts and tax lack them). */
export type PaidLine = { discountAmount?: null | number; lineTotal?: null | number; quantity: number; taxAmount?: null | number; unitPrice: number }
export type PricedOrder = { pricesIncludeTax?: boolean | null }

/** What the shopper paid for a whole line: its total after its discount, plus its tax when prices exclude tax. */
export const linePaid = (order: PricedOrder, line: PaidLine): number =>
  (line.lineTotal ?? line.unitPrice * line.quantity) - (line.discountAmount ?? 0) + (order.pricesIncludeTax === true ? 0 : (line.taxAmount ?? 0))

/**
 * What `quantity` more units of `line` give back when `before` of them were refunded already: the
 * line's paid amount in proportion, rounded down on the units refunded so far, so that the parts of a
 * line refunded piece by piece add up to exactly what was paid for it, never more (and the lines
 * together never to more than the order's total, which adds shipping).
 */
export const lineRefund = (order: PricedOrder, line: PaidLine, before: number, quantity: number): number => {
  const paid = linePaid(order, line)
  const upTo = (units: number) => Math.floor((paid * units) / line.quantity)
  return upTo(before + quantity) - upTo(before)
}
