import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig, ShippingMethod } from '../types'
import type { OrderInput } from './orderInput'

import { type SQL, tableOf } from '../database'
import { CheckoutError } from './errors'
import { shippingAmount } from './shippingAmount'

/** Why a line cannot be priced, as the order statement found it. */
type Problem = 'choose-variant' | 'no-variants' | 'unavailable' | 'unknown-variant'

/** One requested line as the order statement priced it from the published catalogue. */
export type PricedLine = {
  currency: null | string
  ord: number
  problem: null | Problem
  product: number
  quantity: number | string
  sku: null | string
  title: null | string
  variant: null | string
}

/** Refuses a request that names one product (or variant) on two lines, before anything is read. */
export const refuseRepeatedLines = (input: OrderInput): void => {
  const seen = new Set<string>()
  input.items.forEach((line, index) => {
    const key = `${line.product}/${line.variant ?? ''}`
    if (seen.has(key)) throw new CheckoutError(`Line ${index + 1} repeats an earlier line; combine them into one quantity.`, 400)
    seen.add(key)
  })
}

/**
 * The common table expressions that price the lines of `need` (`ord, product, variant, quantity`, see
 * `stockNeedCte`) from the published catalogue, inside the order's own statement (no round trip of its
 * own): `priced` per line, the unit price being the variant's override or the product's price, with the
 * line's `problem` when it cannot be had at any price (an unknown or unpublished product, a missing or
 * unknown variant, a variant of a product without any); `pricing` the order's currency, subtotal,
 * shipping (the method's price in that currency) and total, and whether all of it is `valid` (every line
 * priced, one currency). They read the statement's snapshot, before any row is locked.
 */
export const pricedLinesCtes = (req: PayloadRequest, config: SanitizedCommercePluginConfig, shipping: ShippingMethod): SQL => {
  const table = tableOf(req, config.slugs.products)
  const [products, variants, selections] = [table, `${table}_variants`, `${table}_variants_selections`].map((name) => sql.identifier(name))
  const prices = Object.entries(shipping.prices).map(([currency, amount]) => sql`(${currency}::text, ${amount}::numeric)`)
  const shippingPrices = prices.length > 0 ? sql`values ${sql.join(prices, sql`, `)}` : sql`select null::text, null::numeric where false`
  return sql`
    priced as (
      select n.ord, n.product, n.variant, n.quantity, p.title, p.currency::text as currency,
        coalesce(v.sku, p.sku) as sku, v.sku as variant_sku,
        case when v.id is not null then coalesce((select string_agg(s.option || ': ' || s.value, ' / ' order by s._order)
          from ${selections} s where s._parent_id = v.id), '') end as variant_label,
        coalesce(v.price, p.price, 0) as unit_price, coalesce(v.price, p.price, 0) * n.quantity as line_total,
        case when p.id is null or p._status is distinct from 'published' then 'unavailable'
          when exists (select 1 from ${variants} x where x._parent_id = p.id)
            then case when n.variant is null then 'choose-variant' when v.id is null then 'unknown-variant' end
          when n.variant is not null then 'no-variants' end as problem
      from need n left join ${products} p on p.id = n.product
        left join ${variants} v on v.id = n.variant and v._parent_id = n.product),
    pricing as (
      select c.valid and s.amount is not null as valid, c.currency, c.subtotal, s.amount as shipping, c.subtotal + s.amount as total
      from (select bool_and(problem is null) and count(distinct currency) = 1 as valid, min(currency) as currency, sum(line_total) as subtotal from priced) c
        left join (${shippingPrices}) s (currency, amount) on s.currency = c.currency)`
}

/**
 * The error for an order the statement could not price (it wrote nothing): the first line that cannot
 * be had, named with its number, then mixed currencies; a currency the shipping method has no price in
 * is the shop's configuration, not the shopper's mistake (see `shippingAmount`).
 */
export const pricingError = (lines: PricedLine[], shipping: ShippingMethod): Error => {
  for (const line of [...lines].sort((a, b) => a.ord - b.ord)) {
    const where = `Line ${line.ord}`
    if (line.problem === 'unavailable') return new CheckoutError(`${where}: product ${line.product} does not exist or is not for sale.`, 400)
    if (line.problem === 'choose-variant') return new CheckoutError(`${where}: choose a variant of "${line.title}".`, 400)
    if (line.problem === 'unknown-variant') return new CheckoutError(`${where}: "${line.title}" has no variant ${line.variant}.`, 400)
    if (line.problem === 'no-variants') return new CheckoutError(`${where}: "${line.title}" has no variants.`, 400)
  }
  const currencies = new Set(lines.map((line) => line.currency))
  if (currencies.size !== 1) return new CheckoutError('All items in one order must be priced in the same currency.', 400)
  try {
    shippingAmount(shipping, String(lines[0]?.currency))
  } catch (error) {
    return error as Error
  }
  return new Error(`pricingError: the order statement refused lines it had priced: ${JSON.stringify(lines)}`)
}
