import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

type OrderAmounts = {
  items?: Array<{ lineTotal?: unknown; quantity?: unknown; unitPrice?: unknown }> | null
  shippingTotal?: unknown
  subtotal?: unknown
  total?: unknown
}

const amount = (value: unknown): number => (typeof value === 'number' ? value : Number.NaN)

/**
 * An order's figures must add up: each line is unit price × quantity, the subtotal is the sum of the
 * lines, the total is subtotal plus shipping. Whoever writes an order (checkout, an admin's correction)
 * cannot leave a receipt that contradicts itself.
 */
export const validateTotals: CollectionBeforeValidateHook = ({ collection, data, req }) => {
  const order = (data ?? {}) as OrderAmounts
  const errors: Array<{ message: string; path: string }> = []
  const items = order.items ?? []
  items.forEach((item, index) => {
    const expected = amount(item.unitPrice) * amount(item.quantity)
    if (Number.isFinite(expected) && amount(item.lineTotal) !== expected) {
      errors.push({ message: `The line total must be unit price × quantity (${expected}).`, path: `items.${index}.lineTotal` })
    }
  })
  const subtotal = items.reduce((sum, item) => sum + amount(item.lineTotal), 0)
  if (Number.isFinite(subtotal) && amount(order.subtotal) !== subtotal) {
    errors.push({ message: `The subtotal must be the sum of the lines (${subtotal}).`, path: 'subtotal' })
  }
  const total = amount(order.subtotal) + amount(order.shippingTotal ?? 0)
  if (Number.isFinite(total) && amount(order.total) !== total) {
    errors.push({ message: `The total must be subtotal plus shipping (${total}).`, path: 'total' })
  }
  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors }, req.t)
  return data
}
