import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'
import type { DiscountLine } from './evaluatePromotions'

import { type PricedLine, pricedLinesCtes, pricingError, type PricingRow, type PricingRules } from '../checkout/priceLines'
import { stockNeedCte } from '../inventory/stock'

import { type Sql, transactionSql, tableOf } from '../database'
import { type Promotion, type Usage, normalizedCode } from './promotion'

/** A requested line: a product (and variant) and how many. */
export type RequestedLine = { product: number; quantity: number; variant?: string }

/** A line priced from the published catalogue for the rules, in the order's currency. */
export type PricedDiscountLine = DiscountLine & { currency: null | string }

const ids = (value: unknown): number[] =>
  (Array.isArray(value) ? value : []).map((item: unknown) => (typeof item === 'object' && item !== null && 'id' in item ? item.id : item)).filter((id): id is number => typeof id === 'number')

const amounts = (value: unknown): Promotion['amounts'] =>
  (Array.isArray(value) ? (value as Array<{ amount?: unknown; currency?: unknown }>) : []).flatMap((row) =>
    typeof row.amount === 'number' && typeof row.currency === 'string' ? [{ amount: row.amount, currency: row.currency }] : [],
  )

/**
 * The requested lines priced exactly as the order statement prices them: the same common table
 * expressions (`pricedLinesCtes`, without discounts) in the order's currency (as asked, else the one the
 * lines' base prices share), with each product's categories, in one query. Lines that cannot be had,
 * a currency that cannot be decided or is not sold in are the shopper's 400s, with checkout's words;
 * `shipping` is the destination zone's price before promotions (null when no rate fits; checkout says so).
 */
export const readDiscountLines = async (
  req: PayloadRequest,
  config: SanitizedCommercePluginConfig,
  lines: readonly RequestedLine[],
  rules: PricingRules,
): Promise<{ currency: string; lines: PricedDiscountLine[]; shipping: null | number }> => {
  const products = tableOf(req, config.slugs.products)
  const undiscounted = { ...rules, discounts: undefined, freeShipping: false }
  const db = await transactionSql(req)
  const { rows } = await db.execute<{ lines: Array<PricedLine & { categories: null | number[]; unit_price: null | number | string }>; pricing: PricingRow }>(sql`
    with ${stockNeedCte([...lines])}, ${pricedLinesCtes(req, config, undiscounted)}
    select (select json_agg(json_build_object('ord', b.ord, 'product', b.product, 'variant', b.variant, 'quantity', b.quantity, 'title', b.title,
        'sku', b.sku, 'currency', b.currency, 'problem', b.problem, 'unit_price', b.unit_price,
        'categories', (select array_agg(r.categories_id) from ${sql.identifier(`${products}_rels`)} r where r.parent_id = b.product and r.path = 'categories' and r.categories_id is not null))
        order by b.ord) from base b) as lines,
      (select row_to_json(pricing) from pricing) as pricing`)
  const row = rows[0]
  if (!row) throw new Error('readDiscountLines: the pricing statement returned nothing')
  const { pricing } = row
  const linesOk = row.lines.every((line) => line.problem === null)
  if (!linesOk || pricing.currency === null || pricing.offered !== true) throw pricingError(row.lines, pricing, rules)
  return {
    currency: pricing.currency,
    lines: row.lines.map((line) => ({
      categories: line.categories ?? [],
      currency: line.currency,
      ord: Number(line.ord),
      product: Number(line.product),
      quantity: Number(line.quantity),
      unitPrice: Number(line.unit_price ?? 0),
    })),
    shipping: pricing.shipping === null ? null : Number(pricing.shipping),
  }
}

/** Each of `categories` with every category below it (the nested categories' `parent` links). */
const withSubcategories = async (db: Sql, table: string, categories: number[]): Promise<number[]> => {
  if (categories.length === 0) return []
  const { rows } = await db.execute<{ id: number }>(sql`
    with recursive tree (id) as (
      select id from ${sql.identifier(table)} where id in (${sql.join(categories.map((id) => sql`${id}`), sql`, `)})
      union select c.id from ${sql.identifier(table)} c join tree t on c.parent_id = t.id)
    select id from tree`)
  return rows.map((row) => Number(row.id))
}

/**
 * Whether any automatic promotion is on now: one indexed-size read of a small table, so a checkout
 * without a code skips everything else when there is none (checkout is the shop's hottest write).
 */
export const anyAutomaticPromotion = async (req: PayloadRequest, config: SanitizedCommercePluginConfig): Promise<boolean> => {
  const db = await transactionSql(req)
  const { rows } = await db.execute<{ found: boolean }>(sql`
    select exists (select 1 from ${sql.identifier(tableOf(req, config.slugs.promotions))}
      where active and code is null and (starts_at is null or starts_at <= now()) and (ends_at is null or ends_at > now())) as found`)
  return rows[0]?.found === true
}

/** The active automatic promotions and, when `code` is given, the active promotion with that code. */
export const readPromotions = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, code: string | undefined): Promise<Promotion[]> => {
  const byCode = code === undefined ? [] : [{ code: { equals: normalizedCode(code) } }]
  const { docs } = await req.payload.find({
    collection: config.slugs.promotions,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: { and: [{ active: { equals: true } }, { or: [{ code: { exists: false } }, ...byCode] }] },
  })
  const db = await transactionSql(req)
  const categories = tableOf(req, config.slugs.categories)
  return Promise.all(
    (docs as unknown as Array<Record<string, unknown>>).map(async (doc) => ({
      active: doc.active === true,
      amounts: amounts(doc.amounts),
      appliesTo: doc.appliesTo === 'items' ? 'items' : 'order',
      categories: await withSubcategories(db, categories, ids(doc.categories)),
      code: typeof doc.code === 'string' && doc.code !== '' ? doc.code : null,
      combinable: doc.combinable === true,
      endsAt: typeof doc.endsAt === 'string' ? doc.endsAt : null,
      id: Number(doc.id),
      kind: doc.kind === 'fixed' || doc.kind === 'freeShipping' ? doc.kind : 'percentage',
      minimumSubtotals: amounts(doc.minimumSubtotals),
      percentage: typeof doc.percentage === 'number' ? doc.percentage : null,
      perCustomerLimit: typeof doc.perCustomerLimit === 'number' ? doc.perCustomerLimit : null,
      products: ids(doc.products),
      startsAt: typeof doc.startsAt === 'string' ? doc.startsAt : null,
      title: typeof doc.title === 'string' ? doc.title : '',
      usageLimit: typeof doc.usageLimit === 'number' ? doc.usageLimit : null,
    })),
  )
}

/**
 * How often each of `promotions` was used by orders that are not cancelled, in all and with `email`
 * (per-customer limits count by the order's email, lower-cased). Read on `db`: checkout reads it again
 * inside its transaction, after locking the promotion (see `redeemPromotions`).
 */
export const readUsage = async (db: Pick<Sql, 'execute'>, req: PayloadRequest, config: SanitizedCommercePluginConfig, promotions: readonly number[], email: string | undefined): Promise<Map<number, Usage>> => {
  if (promotions.length === 0) return new Map()
  const redemptions = sql.identifier(tableOf(req, config.slugs.promotionRedemptions))
  const orders = sql.identifier(tableOf(req, config.slugs.orders))
  const { rows } = await db.execute<{ by_customer: number | string; promotion: number; total: number | string }>(sql`
    select r.promotion_id as promotion, count(*) as total, count(*) filter (where r.email = ${email?.toLowerCase() ?? null}) as by_customer
    from ${redemptions} r join ${orders} o on o.id = r.order_id
    where r.promotion_id in (${sql.join(promotions.map((id) => sql`${id}`), sql`, `)}) and o.status <> 'cancelled'
    group by r.promotion_id`)
  return new Map(rows.map((row) => [Number(row.promotion), { byCustomer: Number(row.by_customer), total: Number(row.total) }]))
}
