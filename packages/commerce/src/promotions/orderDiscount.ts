import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import type { PricingRules } from '../checkout/priceLines'
import type { SanitizedCommercePluginConfig } from '../types'
import type { Refusal } from './promotion'
import type { RequestedLine } from './readPromotions'

import { CheckoutError } from '../checkout/errors'
import { type DiscountQuote, quoteDiscount } from './quoteDiscount'
import { anyAutomaticPromotion, readPromotions } from './readPromotions'

/** The discount checkout writes with an order: what the rules computed, and who it counts against. */
export type OrderDiscount = {
  /** Lower-cased: per-customer limits count by it. */
  email: string
  quote: DiscountQuote
  /** The order's `promotions` rows, one per applied promotion (row ids drawn as Payload draws them). */
  rows: Array<{ amount: number; code: null | string; id: string; promotion: number; shippingDiscount: number; title: string }>
}

type Args = {
  code?: string
  config: SanitizedCommercePluginConfig
  email?: string
  items: readonly RequestedLine[]
  req: PayloadRequest
  /** The order's rules without promotions (`pricingRulesFor`). */
  rules: PricingRules
}

/** The rules priced with promotions, the discount to record, and why a code was refused (quotes only). */
export type Discounted = { discount?: OrderDiscount; refusal?: Refusal; rules: PricingRules }

/**
 * The one step from promotions into pricing, for checkout and for quotes: the promotions' rules
 * (`evaluatePromotions`) on the lines priced as the order statement prices them, turned into the
 * pricing rules' input: one discount per line (tax is then computed on each line after it), the
 * order's currency decided, and free shipping (the zone's price waived). Without a code and with no
 * automatic promotion on (read with the rules, `readPricingData`), nothing more is read. A code that cannot be used is a 400
 * saying why (`data.reason`, issue path `discountCode`) when `refuse` is set (checkout); a quote gets
 * the cart without it and the `refusal`. Limits are checked again, under a lock, as the order is
 * written (`redeemPromotions`).
 */
export const discountFor = async ({ code, config, email, items, req, rules }: Args, refuse: boolean): Promise<Discounted> => {
  if (code === undefined && !(rules.automaticPromotions ?? (await anyAutomaticPromotion(req, config)))) return { rules }
  const promotions = await readPromotions(req, config, code)
  if (promotions.length === 0 && code === undefined) return { rules }
  const quote = await quoteDiscount({ code, config, email, items, promotions, req, rules })
  const { evaluation } = quote
  const { refusal } = evaluation
  if (refusal && refuse) throw new CheckoutError(refusal.message, 400, { issues: [{ message: refusal.message, path: 'discountCode' }], reason: refusal.reason })
  const discounted: PricingRules = {
    ...rules,
    currency: quote.currency,
    discounts: evaluation.lines.map((line) => line.discount),
    freeShipping: evaluation.freeShipping,
  }
  if (evaluation.applied.length === 0) return { refusal, rules: discounted }
  const rows = evaluation.applied.map(({ id, ...item }) => ({ ...item, id: randomBytes(12).toString('hex'), promotion: id }))
  return { discount: { email: (email ?? '').toLowerCase(), quote, rows }, refusal, rules: discounted }
}

/**
 * The rows with the shipping the order's statement actually waived (`shipping_discount`, after the
 * discounts moved the subtotal past or below a rate's threshold) on the free-shipping promotion that
 * waived it, the first one applied; others waive nothing.
 */
export const withWaivedShipping = (discount: OrderDiscount, waived: number): OrderDiscount['rows'] => {
  const free = new Set(discount.quote.promotions.filter((promotion) => promotion.kind === 'freeShipping').map((promotion) => promotion.id))
  const first = discount.rows.findIndex((row) => free.has(row.promotion))
  return discount.rows.map((row, index) => ({ ...row, shippingDiscount: index === first ? waived : 0 }))
}
