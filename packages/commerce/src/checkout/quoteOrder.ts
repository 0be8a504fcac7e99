import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'
import type { QuoteInput } from './orderInput'

import { poolSql } from '../database'
import { emailOf } from '../promotions/emailOf'
import { discountFor, withWaivedShipping } from '../promotions/orderDiscount'
import type { Refusal } from '../promotions/promotion'
import { stockNeedCte } from '../inventory/stock'
import { pricingRulesFor } from '../pricing/pricingRules'
import { type PricedLine, pricedLinesCtes, pricingError, type PricingRow, refuseRepeatedLines, type TaxedRow, type TaxLine, taxLinesOf } from './priceLines'

type QuotedLine = PricedLine & { line_discount: number | string; line_total: number | string; tax: number | string; unit_price: null | number | string }

/** What an order of these lines would cost now, figure by figure, as `POST /orders` would price it. */
export type Quote = {
  currency: string
  discountTotal: number
  /** Set when `discountCode` cannot be used: why (`reason` as checkout's 400 names it); the figures are the cart's without it. */
  discountRefusal?: Refusal
  items: Array<{ discountAmount: number; lineTotal: number; product: number; quantity: number; taxAmount: number; unitPrice: number; variant: null | string }>
  pricesIncludeTax: boolean
  /** The promotions applied: what each takes off the items, and the shipping a free-shipping one waives. */
  promotions: Array<{ amount: number; code: null | string; shippingDiscount: number; title: string }>
  shippingDiscount: number
  shippingMethod: string
  shippingTotal: number
  subtotal: number
  taxLines: TaxLine[]
  taxTotal: number
  total: number
}

/**
 * Prices `input` with the very steps checkout uses (`pricingRulesFor`, the promotions with
 * `discountCode` through `discountFor`, `pricedLinesCtes`), writing nothing: what the cart and
 * checkout pages show is what the order will cost, unless the catalogue, the promotions or the shop's
 * rates change before it is placed. Stock is not checked. A per-customer limit counts by `email` (the
 * signed-in customer's when there is one).
 */
export const quoteOrder = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, input: QuoteInput): Promise<Quote> => {
  refuseRepeatedLines(input)
  const { country, region } = input.shippingAddress
  const undiscounted = await pricingRulesFor(req, config, { country, currency: input.currency, locale: input.locale, region, shippingMethod: input.shippingMethod })
  const email = emailOf(req.user) ?? input.email
  const { discount, refusal, rules } = await discountFor({ code: input.discountCode, config, email, items: input.items, req, rules: undiscounted }, false)
  const lines = input.items.map((item) => ({ product: item.product, quantity: item.quantity, variant: item.variant }))
  const { rows } = await poolSql(req.payload).execute<{ lines: QuotedLine[]; pricing: PricingRow; taxed: null | TaxedRow[] }>(sql`
    with ${stockNeedCte(lines)}, ${pricedLinesCtes(req, config, rules)}
    select (select json_agg(priced order by ord) from priced) as lines, (select row_to_json(pricing) from pricing) as pricing,
      (select json_agg(taxed) from taxed) as taxed`)
  const row = rows[0]
  if (!row) throw new Error('quoteOrder: the pricing statement returned nothing')
  const { pricing } = row
  if (!pricing.valid || pricing.currency === null) throw pricingError(row.lines, pricing, rules)
  const taxTotal = Number(pricing.tax_total)
  return {
    currency: pricing.currency,
    discountTotal: Number(pricing.discount_total),
    ...(refusal && { discountRefusal: refusal }),
    items: row.lines.map((line) => ({
      discountAmount: Number(line.line_discount),
      lineTotal: Number(line.line_total),
      product: Number(line.product),
      quantity: Number(line.quantity),
      taxAmount: Number(line.tax),
      unitPrice: Number(line.unit_price),
      variant: line.variant,
    })),
    pricesIncludeTax: rules.pricesIncludeTax,
    promotions: (discount ? withWaivedShipping(discount, Number(pricing.shipping_discount)) : []).map(({ amount, code, shippingDiscount, title }) => ({ amount, code, shippingDiscount, title })),
    shippingDiscount: Number(pricing.shipping_discount),
    shippingMethod: rules.method.code,
    shippingTotal: Number(pricing.shipping),
    subtotal: Number(pricing.subtotal),
    taxLines: taxLinesOf(rules, row.taxed ?? []),
    taxTotal,
    total: Number(pricing.total),
  }
}
