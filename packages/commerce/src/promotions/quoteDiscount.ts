import type { PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import type { PricingRules } from '../checkout/priceLines'
import { transactionSql } from '../database'
import { type Evaluation, evaluatePromotions } from './evaluatePromotions'
import type { Promotion } from './promotion'
import { type PricedDiscountLine, readDiscountLines, readPromotions, readUsage, type RequestedLine } from './readPromotions'

export type DiscountQuote = {
  currency: string
  evaluation: Evaluation
  lines: PricedDiscountLine[]
  /** The promotions the evaluation applied, as read. */
  promotions: Promotion[]
}

type QuoteArgs = {
  code?: string
  config: SanitizedCommercePluginConfig
  /** The shopper's email: per-customer limits count by it. */
  email?: string
  items: readonly RequestedLine[]
  /** The active automatic promotions and the code's, when the caller has read them already (`readPromotions`). */
  promotions?: Promotion[]
  req: PayloadRequest
  /** The order's pricing rules (currency, destination zone's method, tax), as checkout prices it. */
  rules: PricingRules
}

/**
 * What the active promotions (and `code`) take off these lines now, on the lines priced exactly as the
 * order statement prices them (`readDiscountLines`, in the order's currency): the quote, the cart and
 * checkout all come here, so the saving a shopper is shown is the one checkout computes. Lines that
 * cannot be bought, or without one currency, are the shopper's to fix (400).
 */
export const quoteDiscount = async ({ code, config, email, items, req, rules, ...read }: QuoteArgs): Promise<DiscountQuote> => {
  const { currency, lines, shipping } = await readDiscountLines(req, config, items, rules)
  const promotions = read.promotions ?? (await readPromotions(req, config, code))
  const usage = await readUsage(await transactionSql(req), req, config, promotions.map((promotion) => promotion.id), email)
  const evaluation = evaluatePromotions({ code, currency, lines, now: new Date(), promotions, shipping: shipping ?? 0, usage })
  const applied = new Set(evaluation.applied.map((item) => item.id))
  return { currency, evaluation, lines, promotions: promotions.filter((promotion) => applied.has(promotion.id)) }
}
