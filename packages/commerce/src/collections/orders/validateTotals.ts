import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

type OrderAmounts = {
  discountTotal?: unknown
  items?: Array<{ discountAmount?: unknown; lineTotal?: unknown; quantity?: unknown; taxAmount?: unknown; unitPrice?: unknown }> | null
  pricesIncludeTax?: unknown
  shippingTotal?: unknown
  subtotal?: unknown
  taxLines?: Array<{ taxAmount?: unknown }> | null
  taxTotal?: unknown
  total?: unknown
}

const amount = (value: unknown): number => (typeof value === 'number' ? value : Number.NaN)
/** An optional amount (written by a version before it existed): 0. */
const optional = (value: unknown): number => (value === undefined || value === null ? 0 : amount(value))

/**
 * An order's figures must add up: each line is unit price × quantity with a discount no larger than
 * it, the subtotal is the sum of the lines, the discount total the sum of their discounts, the tax total
 * the sum of the tax lines, and the total is subtotal − discounts + shipping, plus tax when prices
 * exclude it. Whoever writes an order (checkout, an admin's correction) cannot leave a receipt that
 * contradicts itself.
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
    if (optional(item.discountAmount) > amount(item.lineTotal)) {
      errors.push({ message: 'A line’s discount cannot exceed its total.', path: `items.${index}.discountAmount` })
    }
  })
  const subtotal = items.reduce((sum, item) => sum + amount(item.lineTotal), 0)
  if (Number.isFinite(subtotal) && amount(order.subtotal) !== subtotal) {
    errors.push({ message: `The subtotal must be the sum of the lines (${subtotal}).`, path: 'subtotal' })
  }
  const discountTotal = items.reduce((sum, item) => sum + optional(item.discountAmount), 0)
  if (Number.isFinite(discountTotal) && optional(order.discountTotal) !== discountTotal) {
    errors.push({ message: `The discount total must be the sum of the lines' discounts (${discountTotal}).`, path: 'discountTotal' })
  }
  const taxTotal = (order.taxLines ?? []).reduce((sum, line) => sum + amount(line.taxAmount), 0)
  if (Number.isFinite(taxTotal) && optional(order.taxTotal) !== taxTotal) {
    errors.push({ message: `The tax total must be the sum of the tax lines (${taxTotal}).`, path: 'taxTotal' })
  }
  const addedTax = order.pricesIncludeTax === true ? 0 : optional(order.taxTotal)
  const total = amount(order.subtotal) - optional(order.discountTotal) + optional(order.shippingTotal) + addedTax
  if (Number.isFinite(total) && amount(order.total) !== total) {
    const less = optional(order.discountTotal) > 0 ? ', less discounts' : ''
    const tax = optional(order.taxTotal) === 0 ? '' : order.pricesIncludeTax === true ? ' (tax included)' : ', plus tax'
    errors.push({ message: `The total must be subtotal plus shipping${less}${tax} (${total}).`, path: 'total' })
  }
  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors }, req.t)
  return data
}
