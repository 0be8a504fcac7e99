import { allocate } from './allocate'
import { type Promotion, type Refusal, type Usage, normalizedCode } from './promotion'

/** One priced order line: what the rules need to know of it. */
export type DiscountLine = {
  /** The product's own categories (a promotion's categories already include their subcategories). */
  categories: readonly number[]
  /** The line's number in the order, from 1. */
  ord: number
  product: number
  quantity: number
  unitPrice: number
}

export type AppliedPromotion = {
  /** Taken off the items, in minor units. */
  amount: number
  code: null | string
  id: number
  /** The shipping price waived by a free-shipping promotion (0 otherwise). */
  shippingDiscount: number
  title: string
}

export type Evaluation = {
  applied: AppliedPromotion[]
  /** Taken off the items in all: the sum of the lines' discounts. */
  discountTotal: number
  freeShipping: boolean
  /** Every line with its discount (0 when none), in order. */
  lines: Array<{ discount: number; ord: number }>
  /** Set when the code asked for cannot be used; `applied` then holds the automatic promotions alone. */
  refusal?: Refusal
  subtotal: number
}

export type EvaluationInput = {
  /** The code the shopper entered, if any (matched without regard to case). */
  code?: string
  /** The order's currency (every line is priced in it). */
  currency: string
  lines: readonly DiscountLine[]
  now: Date
  /** The active automatic promotions, and the promotion with the code when there is one. */
  promotions: readonly Promotion[]
  /** The chosen shipping method's price in the currency, waived by free shipping. */
  shipping: number
  /** Uses so far per promotion id (orders not cancelled); none means 0. */
  usage: ReadonlyMap<number, Usage>
}

const formatters = new Map<string, Intl.NumberFormat>()
/** An amount in minor units as shoppers read it, e.g. `€50.00`. */
export const formatMinor = (amount: number, currency: string): string => {
  let format = formatters.get(currency)
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { currency, style: 'currency' })
    formatters.set(currency, format)
  }
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2))
}

const amountIn = (rows: Promotion['amounts'], currency: string): number | undefined => rows.find((row) => row.currency === currency)?.amount

const isEligible = (promotion: Promotion, line: DiscountLine): boolean =>
  promotion.appliesTo === 'order' || promotion.products.includes(line.product) || line.categories.some((category) => promotion.categories.includes(category))

/**
 * Why `promotion` cannot be used on this order, or undefined when it can. The checks run in the order
 * of `REFUSAL_REASONS`, so a shopper hears the first thing to fix.
 */
export const refusalOf = (promotion: Promotion, input: EvaluationInput, subtotal: number): Refusal | undefined => {
  const { currency, now } = input
  if (!promotion.active) return { message: 'This code is not valid.', reason: 'unknown' }
  if (promotion.startsAt && new Date(promotion.startsAt) > now) return { message: 'This code is not valid yet.', reason: 'not-started' }
  if (promotion.endsAt && new Date(promotion.endsAt) <= now) return { message: 'This code has expired.', reason: 'expired' }
  const minimum = amountIn(promotion.minimumSubtotals, currency)
  const noAmount = promotion.kind === 'fixed' && amountIn(promotion.amounts, currency) === undefined
  if (noAmount || (promotion.minimumSubtotals.length > 0 && minimum === undefined)) {
    return { message: `This code cannot be used for orders in ${currency}.`, reason: 'wrong-currency' }
  }
  if (minimum !== undefined && subtotal < minimum) {
    return { message: `This code needs a subtotal of at least ${formatMinor(minimum, currency)}.`, reason: 'minimum-not-met' }
  }
  if (!input.lines.some((line) => isEligible(promotion, line))) return { message: 'This code is not for the items in your cart.', reason: 'not-for-these-items' }
  const usage = input.usage.get(promotion.id) ?? { byCustomer: 0, total: 0 }
  if (promotion.usageLimit !== null && usage.total >= promotion.usageLimit) return { message: 'This code has been used up.', reason: 'used-up' }
  if (promotion.perCustomerLimit !== null && usage.byCustomer >= promotion.perCustomerLimit) {
    return { message: 'You have already used this code.', reason: 'already-used' }
  }
  return undefined
}

/** Percentages first, then fixed amounts, then free shipping; by id within each. */
const KIND_ORDER = { fixed: 1, freeShipping: 2, percentage: 0 } as const
const byApplicationOrder = (a: Promotion, b: Promotion): number => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id - b.id

/** Applies `set` in application order, each on what the ones before it left of each line. */
const applySet = (set: readonly Promotion[], input: EvaluationInput): Omit<Evaluation, 'refusal' | 'subtotal'> => {
  const left = input.lines.map((line) => line.unitPrice * line.quantity)
  const applied: AppliedPromotion[] = []
  let freeShipping = false
  for (const promotion of [...set].sort(byApplicationOrder)) {
    const weights = input.lines.map((line, index) => (isEligible(promotion, line) ? (left[index] ?? 0) : 0))
    const base = weights.reduce((sum, weight) => sum + weight, 0)
    let amount = 0
    if (promotion.kind === 'percentage') amount = Math.floor((base * (promotion.percentage ?? 0)) / 100)
    if (promotion.kind === 'fixed') amount = Math.min(amountIn(promotion.amounts, input.currency) ?? 0, base)
    allocate(amount, weights).forEach((part, index) => {
      left[index] = (left[index] ?? 0) - part
    })
    const shippingDiscount = promotion.kind === 'freeShipping' && !freeShipping ? input.shipping : 0
    if (promotion.kind === 'freeShipping') freeShipping = true
    if (amount > 0 || promotion.kind === 'freeShipping') applied.push({ amount, code: promotion.code, id: promotion.id, shippingDiscount, title: promotion.title })
  }
  const lines = input.lines.map((line, index) => ({ discount: line.unitPrice * line.quantity - (left[index] ?? 0), ord: line.ord }))
  return { applied, discountTotal: lines.reduce((sum, line) => sum + line.discount, 0), freeShipping, lines }
}

const savingOf = (result: Omit<Evaluation, 'refusal' | 'subtotal'>): number => result.discountTotal + result.applied.reduce((sum, item) => sum + item.shippingDiscount, 0)

/** Without a code: the best of each non-combinable automatic promotion alone and all combinable ones together. */
const bestAutomatic = (usable: readonly Promotion[], input: EvaluationInput): Omit<Evaluation, 'refusal' | 'subtotal'> => {
  const choices = [...usable.filter((promotion) => !promotion.combinable).map((promotion) => [promotion]), usable.filter((promotion) => promotion.combinable)]
  let best = applySet([], input)
  for (const choice of choices) {
    const result = applySet(choice, input)
    if (savingOf(result) > savingOf(best)) best = result
  }
  return best
}

/**
 * The discount an order gets, computed the same way for the cart's preview and for checkout.
 *
 * Stacking: an order uses at most one code. Without a code it gets the automatic promotions that save
 * the most: one non-combinable promotion alone, or all combinable ones together. With a code it gets
 * the code, plus every combinable automatic promotion when the code is combinable too.
 *
 * Amounts: a percentage is taken off the eligible lines' amount (what earlier promotions left of it),
 * rounded down to a whole minor unit; a fixed amount is at most that amount. Either is split over the
 * eligible lines in proportion to their amounts by `allocate`, so the lines' discounts add up exactly.
 */
export const evaluatePromotions = (input: EvaluationInput): Evaluation => {
  const subtotal = input.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0)
  const automatic = input.promotions.filter((promotion) => promotion.code === null && refusalOf(promotion, input, subtotal) === undefined)
  if (input.code === undefined) return { ...bestAutomatic(automatic, input), subtotal }
  const code = normalizedCode(input.code)
  const promotion = input.promotions.find((candidate) => candidate.code === code)
  const refusal = promotion ? refusalOf(promotion, input, subtotal) : { message: 'This code is not valid.', reason: 'unknown' as const }
  if (!promotion || refusal) return { ...bestAutomatic(automatic, input), refusal, subtotal }
  const set = promotion.combinable ? [promotion, ...automatic.filter((candidate) => candidate.combinable)] : [promotion]
  return { ...applySet(set, input), subtotal }
}
