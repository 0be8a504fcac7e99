import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'

import { poolSql, tableOfCollection } from '../database'
import { salesPeriods, type SalesPeriodName, SALES_STATUSES } from './salesPeriods'
import { catalogueLocales, localizedColumnSql } from '../localization/catalogueLocales'

/** Orders and revenue (minor units) in one currency over one period. */
export type CurrencySales = { currency: string; orders: number; revenue: number }

export type PeriodSales = { from: string; to: string; totals: CurrencySales[] }

export type LowStockItem = { product: number; sku: string; stock: number; threshold: number; title: string; variant: null | string }

export type RecentOrder = { createdAt: string; currency: string; email: string; id: number; orderNumber: null | string; status: string; total: number }

export type FailingDelivery = { attemptCount: number; createdAt: string; eventType: string; id: number; nextAttemptAt: null | string; status: string; target: string }

/** What the staff dashboard shows, every figure counted by Postgres. */
export type DashboardFigures = {
  /** Webhook deliveries retrying or given up: counts, and the most recent few. */
  failingWebhooks: { failed: number; latest: FailingDelivery[]; retrying: number }
  generatedAt: string
  /** Products and variants at or below their threshold, emptiest first (at most `LOW_STOCK_LIMIT`), and how many there are. */
  lowStock: { items: LowStockItem[]; total: number }
  /** Orders waiting for staff: `pending` (awaiting payment), `paid` (to fulfil), `fulfilled` (to ship), flagged by checkout. */
  needsAction: { awaitingPayment: number; needsAttention: number; toFulfil: number; toShip: number }
  recentOrders: RecentOrder[]
  sales: Record<SalesPeriodName, PeriodSales>
}

/** The part of the plugin's config the dashboard reads (plain data: the admin component receives it as a prop). */
export type DashboardConfig = Pick<SanitizedCommercePluginConfig, 'dashboard' | 'roles' | 'slugs'>

export const LOW_STOCK_LIMIT = 20
const RECENT_ORDERS = 10
const FAILING_SHOWN = 5

const id = sql.identifier
const list = (values: readonly string[]) => sql.join(values.map((value) => sql`${value}`), sql`, `)
const iso = (value: Date | string | null): null | string => (value === null ? null : new Date(value).toISOString())

const readSales = async (payload: Payload, orders: string, now: Date): Promise<Record<SalesPeriodName, PeriodSales>> => {
  const periods = salesPeriods(now)
  const names = Object.keys(periods) as SalesPeriodName[]
  const earliest = new Date(Math.min(...names.map((name) => periods[name].from.getTime())))
  // One scan of the window, one pair of aggregates per period (`filter`), grouped by currency.
  const columns = names.map((name) => {
    const { from, to } = periods[name]
    const inPeriod = sql`created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz`
    return sql`count(*) filter (where ${inPeriod}) as ${id(`${name}_orders`)}, coalesce(sum(total) filter (where ${inPeriod}), 0) as ${id(`${name}_revenue`)}`
  })
  const { rows } = await poolSql(payload).execute<Record<string, number | string>>(sql`
    select currency, ${sql.join(columns, sql`, `)}
    from ${id(orders)}
    where created_at >= ${earliest.toISOString()}::timestamptz and created_at < ${now.toISOString()}::timestamptz
      and status in (${list(SALES_STATUSES)})
    group by currency order by currency`)
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        from: periods[name].from.toISOString(),
        to: periods[name].to.toISOString(),
        totals: rows
          .map((row) => ({ currency: String(row.currency), orders: Number(row[`${name}_orders`]), revenue: Number(row[`${name}_revenue`]) }))
          .filter((total) => total.orders > 0),
      },
    ]),
  ) as Record<SalesPeriodName, PeriodSales>
}

const readNeedsAction = async (payload: Payload, orders: string): Promise<DashboardFigures['needsAction']> => {
  const { rows } = await poolSql(payload).execute<Record<string, number | string>>(sql`
    select count(*) filter (where status = 'pending') as awaiting_payment,
           count(*) filter (where status = 'paid') as to_fulfil,
           count(*) filter (where status = 'fulfilled') as to_ship,
           count(*) filter (where needs_attention) as needs_attention
    from ${id(orders)} where status in ('pending', 'paid', 'fulfilled') or needs_attention`)
  const row = rows[0] ?? {}
  return {
    awaitingPayment: Number(row.awaiting_payment ?? 0),
    needsAttention: Number(row.needs_attention ?? 0),
    toFulfil: Number(row.to_fulfil ?? 0),
    toShip: Number(row.to_ship ?? 0),
  }
}

const readLowStock = async (payload: Payload, products: string, defaultThreshold: number): Promise<DashboardFigures['lowStock']> => {
  const variants = `${products}_variants`
  // Staff read the default locale's titles (the admin's first language).
  const title = localizedColumnSql(payload, products, 'title', sql`p.id`, catalogueLocales(payload).defaultLocale, 'p')
  // A product with variants is sold by its variants: their stock counts, not the product row's.
  const { rows } = await poolSql(payload).execute<{ product: number; sku: string; stock: number; threshold: number; title: string; total: number | string; variant: null | string }>(sql`
    with stock as (
      select p.id as product, ${title} as title, p.sku, null::varchar as variant, p.stock, coalesce(p.low_stock_threshold, ${defaultThreshold}) as threshold
      from ${id(products)} p
      where not exists (select 1 from ${id(variants)} v where v._parent_id = p.id)
      union all
      select p.id, ${title}, v.sku, v.id, v.stock, coalesce(p.low_stock_threshold, ${defaultThreshold})
      from ${id(variants)} v join ${id(products)} p on p.id = v._parent_id
    )
    select *, count(*) over () as total from stock where stock <= threshold
    order by stock, title, sku limit ${LOW_STOCK_LIMIT}`)
  return {
    items: rows.map(({ product, sku, stock, threshold, title, variant }) => ({
      product: Number(product),
      sku,
      stock: Number(stock),
      threshold: Number(threshold),
      title,
      variant,
    })),
    total: Number(rows[0]?.total ?? 0),
  }
}

const readRecentOrders = async (payload: Payload, orders: string): Promise<RecentOrder[]> => {
  const { rows } = await poolSql(payload).execute<{ created_at: string; currency: string; email: string; id: number; order_number: null | string; status: string; total: number }>(sql`
    select id, order_number, email, status, total, currency, created_at from ${id(orders)} order by created_at desc, id desc limit ${RECENT_ORDERS}`)
  return rows.map((row) => ({
    createdAt: iso(row.created_at) ?? '',
    currency: row.currency,
    email: row.email,
    id: Number(row.id),
    orderNumber: row.order_number,
    status: row.status,
    total: Number(row.total),
  }))
}

const readFailingWebhooks = async (payload: Payload, deliveries: string): Promise<DashboardFigures['failingWebhooks']> => {
  const { rows } = await poolSql(payload).execute<{ attempt_count: number; created_at: string; event_type: string; failed: number | string; id: number; next_attempt_at: null | string; retrying: number | string; status: string; target: string }>(sql`
    select id, event_type, target, status, attempt_count, next_attempt_at, created_at,
           count(*) filter (where status = 'failed') over () as failed,
           count(*) filter (where status = 'retrying') over () as retrying
    from ${id(deliveries)} where status in ('failed', 'retrying')
    order by created_at desc, id desc limit ${FAILING_SHOWN}`)
  return {
    failed: Number(rows[0]?.failed ?? 0),
    latest: rows.map((row) => ({
      attemptCount: Number(row.attempt_count),
      createdAt: iso(row.created_at) ?? '',
      eventType: row.event_type,
      id: Number(row.id),
      nextAttemptAt: iso(row.next_attempt_at),
      status: row.status,
      target: row.target,
    })),
    retrying: Number(rows[0]?.retrying ?? 0),
  }
}

/**
 * The dashboard's figures, each an aggregate or a short list computed by Postgres (never by loading
 * every order), read from the pool outside any transaction: what is committed at `now`.
 */
export const readDashboard = async (payload: Payload, config: DashboardConfig, now = new Date()): Promise<DashboardFigures> => {
  const table = (slug: string) => tableOfCollection(payload, slug)
  const orders = table(config.slugs.orders)
  const [sales, needsAction, lowStock, recentOrders, failingWebhooks] = await Promise.all([
    readSales(payload, orders, now),
    readNeedsAction(payload, orders),
    readLowStock(payload, table(config.slugs.products), config.dashboard.lowStockThreshold),
    readRecentOrders(payload, orders),
    readFailingWebhooks(payload, table(config.slugs.webhookDeliveries)),
  ])
  return { failingWebhooks, generatedAt: now.toISOString(), lowStock, needsAction, recentOrders, sales }
}
