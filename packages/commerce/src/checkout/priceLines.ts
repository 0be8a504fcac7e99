import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderInput } from './orderInput'
import type { ZoneMethod } from '../pricing/shippingZones'

import { type SQL, tableOf } from '../database'
import { CheckoutError } from './errors'
import { localizedColumnSql } from '../localization/catalogueLocales'
import { type DestinationTax, rateFor, STANDARD_TAX_CLASS, type TaxRate } from '../pricing/taxRate'

/** Why a line cannot be priced, as the order statement found it. */
type Problem = 'choose-variant' | 'no-price' | 'no-variants' | 'unavailable' | 'unknown-variant'

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

/** The order's figures as the statement computed them (numeric columns come back as text). */
export type PricingRow = {
  currency: null | string
  discount_total: null | number | string
  offered: boolean | null
  shipping: null | number | string
  /** The shipping price a free-shipping promotion waived (0 without one). */
  shipping_discount: null | number | string
  subtotal: null | number | string
  tax_total: null | number | string
  taxable: null | number | string
  total: null | number | string
  valid: boolean | null
}

/**
 * What, besides the catalogue, decides an order's price: the currency asked for (none: the one every
 * line's base price is in), the currencies the shop sells in, the shipping method of the destination's
 * zone, the destination's tax rate and the store's tax settings, and optionally a discount per line
 * (in line order, minor units; a line's discount is capped at its total) that tax is computed after,
 * and whether a promotion waives the shipping price (tax on shipping then follows: none).
 */
export type PricingRules = {
  /** An automatic promotion is on (read with the rules): without it and without a code, promotions are skipped. */
  automaticPromotions?: boolean
  currency: null | string
  discounts?: number[]
  /** A free-shipping promotion applies: the method's price is waived (it must still have a rate that fits). */
  freeShipping?: boolean
  /** The shopper's locale: line titles are snapshot in it (the default locale's where it has none). */
  locale: string
  method: ZoneMethod
  offered: string[]
  pricesIncludeTax: boolean
  /** The destination's rates per tax class; a line pays its product's class's, else the standard one. */
  tax: DestinationTax
  taxShipping: boolean
}

/** Refuses a request that names one product (or variant) on two lines, before anything is read. */
export const refuseRepeatedLines = (input: Pick<OrderInput, 'items'>): void => {
  const seen = new Set<string>()
  input.items.forEach((line, index) => {
    const key = `${line.product}/${line.variant ?? ''}`
    if (seen.has(key)) throw new CheckoutError(`Line ${index + 1} repeats an earlier line; combine them into one quantity.`, 400)
    seen.add(key)
  })
}

/** One rate an order is charged, as the statement's `taxed` computed it (numeric columns come back as text). */
export type TaxedRow = { rate_class: string; tax: number | string; taxable: number | string }

/** An order's tax line: one per rate charged, standard first (the order's `taxLines`). */
export type TaxLine = { country: string; name: string; rate: number; region: null | string; taxAmount: number; taxableAmount: number }

/** The rates `rules` charge, standard first, then by class name: the order tax lines are listed in. */
export const chargedRates = (rules: PricingRules): TaxRate[] =>
  Object.values(rules.tax.byClass).sort((a, b) => Number(b.taxClass === STANDARD_TAX_CLASS) - Number(a.taxClass === STANDARD_TAX_CLASS) || a.taxClass.localeCompare(b.taxClass))

/** The tax lines of `taxed`, named by their rates. */
export const taxLinesOf = (rules: PricingRules, taxed: readonly TaxedRow[]): TaxLine[] =>
  chargedRates(rules).flatMap((rate) => {
    const row = taxed.find((candidate) => candidate.rate_class === rate.taxClass)
    return row ? [{ country: rate.country, name: rate.name, rate: rate.rate, region: rate.region, taxAmount: Number(row.tax), taxableAmount: Number(row.taxable) }] : []
  })

/** A `values` list with typed columns, or an empty relation of the same shape. */
const valuesOf = (rows: SQL[], empty: SQL): SQL => (rows.length > 0 ? sql`values ${sql.join(rows, sql`, `)}` : empty)

/**
 * The tax in `amount` (minor units) at `rate` percent, rounded half up to a whole minor unit: on top of
 * it when prices exclude tax, contained in it when they include it. Postgres' `round(numeric)` rounds
 * halves away from zero, which for the non-negative amounts here is half up.
 */
const taxOf = (amount: SQL, taxRate: null | TaxRate, pricesIncludeTax: boolean): SQL => {
  if (!taxRate) return sql`0::numeric`
  const rate = sql`${String(taxRate.rate)}::numeric`
  return pricesIncludeTax ? sql`round((${amount}) * ${rate} / (100 + ${rate}))` : sql`round((${amount}) * ${rate} / 100)`
}

/** The tax classes with a rate of their own at the destination (the others pay the standard rate). */
const ownRateClasses = (rules: PricingRules): string[] => Object.keys(rules.tax.byClass).filter((taxClass) => taxClass !== STANDARD_TAX_CLASS)

/**
 * By a line's tax class (`b.tax_class`), `pick(rate, class)` for its rate: the class's own rate, else the
 * standard one (then under the class `standard`).
 */
const byTaxClass = (rules: PricingRules, pick: (rate: null | TaxRate, rateClass: string) => SQL): SQL => {
  const standard = pick(rateFor(rules.tax, STANDARD_TAX_CLASS), STANDARD_TAX_CLASS)
  const own = ownRateClasses(rules)
  if (own.length === 0) return standard
  return sql`case b.tax_class ${sql.join(own.map((taxClass) => sql`when ${taxClass}::text then ${pick(rateFor(rules.tax, taxClass), taxClass)}`), sql` `)} else ${standard} end`
}

/**
 * The common table expressions that price the lines of `need` (`ord, product, variant, quantity`, see
 * `stockNeedCte`) from the published catalogue, inside the order's own statement (no round trip of its
 * own), so the prices are those of the snapshot the stock is taken in:
 * - `cur`: the order's currency, as asked, else the one all lines' base prices are in (null if mixed);
 * - `priced`, per line: the unit price in that currency (the variant's price in it, else the product's;
 *   the base `price` counts for the base `currency`, the `prices` list for the others), its total, its
 *   discount, its tax after the discount, its weight, and the line's `problem` when it cannot be had
 *   (an unknown or unpublished product, a missing or unknown variant, no price in the currency);
 * - `pricing`: subtotal, discount total, shipping (the cheapest of the method's rates that fit the
 *   currency, the subtotal after discounts and the weight; 0 past a free-shipping threshold, and 0 with a
 *   free-shipping promotion, `shipping_discount` then naming what it waived), tax
 *   (the lines' plus shipping's, each rounded on its own), total, and whether all of it is `valid`;
 * - `taxed`, per tax rate charged (`rate_class`: the tax class whose rate it is): the amount taxed and
 *   the tax, a line at its product's class's rate (else the standard one), shipping at the standard one.
 */
export const pricedLinesCtes = (req: PayloadRequest, config: SanitizedCommercePluginConfig, rules: PricingRules): SQL => {
  const table = tableOf(req, config.slugs.products)
  const [products, variants, selections, productPrices, variantPrices] = [
    table,
    `${table}_variants`,
    `${table}_variants_selections`,
    `${table}_prices`,
    `${table}_variants_prices`,
  ].map((name) => sql.identifier(name))
  const rates = valuesOf(
    rules.method.rates.map((r) => sql`(${r.currency}::text, ${r.amount}::numeric, ${r.fromSubtotal}::numeric, ${r.upToWeight}::numeric)`),
    sql`select null::text, null::numeric, null::numeric, null::numeric where false`,
  )
  const free = valuesOf(rules.method.freeFrom.map((f) => sql`(${f.currency}::text, ${f.amount}::numeric)`), sql`select null::text, null::numeric where false`)
  const discounts = valuesOf(
    (rules.discounts ?? []).map((amount, index) => sql`(${index + 1}::integer, ${amount}::numeric)`),
    sql`select null::integer, null::numeric where false`,
  )
  const offered = sql`array[${sql.join(rules.offered.map((code) => sql`${code}::text`), sql`, `)}]`
  // Shipping pays the destination's standard rate.
  const shippingTax = rules.taxShipping ? taxOf(sql`s.amount`, rateFor(rules.tax, STANDARD_TAX_CLASS), rules.pricesIncludeTax) : sql`0::numeric`
  const lineTax = byTaxClass(rules, (rate) => taxOf(sql`b.line_total - least(b.discount, b.line_total)`, rate, rules.pricesIncludeTax))
  const rateClass = byTaxClass(rules, (_rate, taxClass) => sql`${taxClass}::text`)
  const rated = Object.keys(rules.tax.byClass)
  const ratedClasses = rated.length > 0 ? sql`array[${sql.join(rated.map((taxClass) => sql`${taxClass}::text`), sql`, `)}]` : sql`array[]::text[]`
  return sql`
    cur as (
      select coalesce(${rules.currency}::text, (select case when count(distinct p.currency) = 1 then min(p.currency::text) end
        from need n join ${products} p on p.id = n.product)) as currency),
    base as (
      select n.ord, n.product, n.variant, n.quantity, ${localizedColumnSql(req.payload, table, 'title', sql`p.id`, rules.locale, 'p')} as title, cur.currency,
        coalesce(v.sku, p.sku) as sku, v.sku as variant_sku,
        case when v.id is not null then coalesce((select string_agg(s.option || ': ' || s.value, ' / ' order by s._order)
          from ${selections} s where s._parent_id = v.id), '') end as variant_label,
        up.amount as unit_price, coalesce(up.amount, 0) * n.quantity as line_total,
        coalesce(v.weight, p.weight, 0) * n.quantity as weight, coalesce(d.amount, 0) as discount,
        coalesce(p.tax_class::text, ${STANDARD_TAX_CLASS}::text) as tax_class,
        case when p.id is null or p._status is distinct from 'published' then 'unavailable'
          when exists (select 1 from ${variants} x where x._parent_id = p.id)
            then case when n.variant is null then 'choose-variant' when v.id is null then 'unknown-variant' when cur.currency is not null and up.amount is null then 'no-price' end
          when n.variant is not null then 'no-variants'
          when cur.currency is not null and up.amount is null then 'no-price' end as problem
      from need n cross join cur left join ${products} p on p.id = n.product
        left join ${variants} v on v.id = n.variant and v._parent_id = n.product
        left join (${discounts}) d (ord, amount) on d.ord = n.ord
        left join lateral (select coalesce(
          case when v.id is null then null
            when cur.currency = p.currency::text then v.price
            else (select vp.amount from ${variantPrices} vp where vp._parent_id = v.id and vp.currency::text = cur.currency limit 1) end,
          case when cur.currency = p.currency::text then p.price
            else (select pp.amount from ${productPrices} pp where pp._parent_id = p.id and pp.currency::text = cur.currency limit 1) end) as amount) up on true),
    priced as (
      select b.*, least(b.discount, b.line_total) as line_discount, ${lineTax} as tax, ${rateClass} as rate_class from base b),
    totals as (
      select bool_and(problem is null) as lines_ok, sum(line_total) as subtotal, sum(line_discount) as discount_total,
        sum(weight) as weight, sum(tax) as line_tax from priced),
    zone_ship as (
      select case when exists (select 1 from (${free}) f (currency, amount) where f.currency = c.currency and t.subtotal - t.discount_total >= f.amount) then 0::numeric
        else (select min(r.amount) from (${rates}) r (currency, amount, from_subtotal, up_to_weight)
          where r.currency = c.currency and (r.from_subtotal is null or t.subtotal - t.discount_total >= r.from_subtotal)
            and (r.up_to_weight is null or t.weight <= r.up_to_weight)) end as amount
      from totals t cross join cur c),
    ship as (
      select ${rules.freeShipping === true ? sql`case when z.amount is not null then 0::numeric end` : sql`z.amount`} as amount, z.amount as zone_amount from zone_ship z),
    pricing as (
      select t.lines_ok and c.currency = any(${offered}) and s.amount is not null as valid, c.currency = any(${offered}) as offered,
        c.currency, t.subtotal, t.discount_total, s.amount as shipping, coalesce(s.zone_amount - s.amount, 0) as shipping_discount, t.line_tax + ${shippingTax} as tax_total,
        t.subtotal - t.discount_total + ${rules.taxShipping ? sql`coalesce(s.amount, 0)` : sql`0`} as taxable,
        t.subtotal - t.discount_total + s.amount + ${rules.pricesIncludeTax ? sql`0` : sql`t.line_tax + ${shippingTax}`} as total
      from totals t cross join cur c cross join ship s),
    taxed as (
      select g.rate_class, sum(g.taxable) as taxable, sum(g.tax) as tax from (
        select rate_class, line_total - line_discount as taxable, tax from priced
        union all select ${STANDARD_TAX_CLASS}::text, coalesce(s.amount, 0), ${shippingTax} from ship s where ${rules.taxShipping}) g
      where g.rate_class = any(${ratedClasses})
      group by g.rate_class)`
}

/**
 * The error for an order the statement could not price (it wrote nothing): the first line that cannot
 * be had, named with its number; then a currency that cannot be decided or is not sold in; then a
 * shipping method with no rate that fits the order.
 */
export const pricingError = (lines: PricedLine[], pricing: PricingRow | undefined, rules: PricingRules): Error => {
  for (const line of [...lines].sort((a, b) => a.ord - b.ord)) {
    const where = `Line ${line.ord}`
    if (line.problem === 'unavailable') return new CheckoutError(`${where}: product ${line.product} does not exist or is not for sale.`, 400)
    if (line.problem === 'choose-variant') return new CheckoutError(`${where}: choose a variant of "${line.title}".`, 400)
    if (line.problem === 'unknown-variant') return new CheckoutError(`${where}: "${line.title}" has no variant ${line.variant}.`, 400)
    if (line.problem === 'no-variants') return new CheckoutError(`${where}: "${line.title}" has no variants.`, 400)
    if (line.problem === 'no-price') return new CheckoutError(`${where}: "${line.title}" is not sold in ${line.currency}.`, 400)
  }
  const currency = pricing?.currency ?? null
  if (currency === null) return new CheckoutError('All items in one order must be priced in the same currency; choose a currency for the order.', 400)
  if (pricing?.offered !== true) return new CheckoutError(`The shop does not sell in ${currency}. Choose one of: ${rules.offered.join(', ')}.`, 400)
  if (pricing.shipping === null) {
    const message = `The shipping method "${rules.method.label}" cannot ship this order in ${currency} (its weight or value is outside the method's rates). Choose another method.`
    return new CheckoutError(message, 400, { issues: [{ message, path: 'shippingMethod' }] })
  }
  return new Error(`pricingError: the order statement refused lines it had priced: ${JSON.stringify({ lines, pricing })}`)
}
