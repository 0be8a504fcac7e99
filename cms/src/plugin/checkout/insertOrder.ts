import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderInput } from './orderInput'
import type { PricedItem } from './priceLines'
import type { ChargingOrder } from './settlePayment'

import { invalidateCatalogueAfterCommit } from '../catalogue/listing/listingHooks'
import { createOrderNumber } from '../collections/orders/orderNumber'
import { poolOf, poolSql, tableOf } from '../database'
import { runPrepared } from '../preparedSql'
import { ledgerOfTakeSql, type Shortage, stockTables, stockTakeCtes } from '../inventory/stock'
import { deliverSoon, eventDeliveriesSql } from '../webhooks/emit'

type Args = {
  config: SanitizedCommercePluginConfig
  currency: string
  customer: null | number
  email: string
  idempotencyKey?: string
  input: OrderInput
  items: PricedItem[]
  method: string
  req: PayloadRequest
  requestHash: string
  shipping: { amount: number; id: string }
}

/** An array row's id, as Payload draws them (24 hex characters). */
const rowId = () => randomBytes(12).toString('hex')

/** The order written, or the lines that could not be had (then nothing was written). */
export type InsertedOrder = { order: ChargingOrder; shortages?: undefined } | { order?: undefined; shortages: Shortage[] }

/**
 * Writes a new checkout order and takes its stock in ONE autocommitted statement: the stock of every
 * line (all or none, `stockTakeCtes`), the ledger entries, the order row with its lines and first
 * history entry, and the `order.created` and `inventory.changed` webhook deliveries. The stock rows are
 * locked only while the server runs that statement and commits it: a checkout never holds them across
 * a round trip to this process, whose event loop is busy with every other request (that wait made the
 * hot product's lock, not the work, the limit on orders per second). Returns the shortages instead
 * when a line cannot be had; then nothing was written.
 *
 * Checkout is the shop's hottest write, and a Payload `create` costs several times the CPU of the whole
 * rest of it; this keeps what the collection's hooks guarantee for a new order: a fresh order number
 * (`assignOrderNumber`), `pending` with one history entry (`enforceStatusWorkflow`), figures that add up
 * (`validateTotals`: they are computed here from the priced lines), the webhook (`orderWebhookEvents`);
 * the input was checked by `orderInputSchema` with the collection's own limits. A host's own hooks on the
 * orders collection (an override) do not run for this insert; they do for every later change. A second
 * request with the same Idempotency-Key fails on the key's unique index and writes nothing.
 */
export const insertOrder = async (args: Args): Promise<InsertedOrder> => {
  const { config, currency, customer, email, idempotencyKey, input, items, method, req, requestHash, shipping } = args
  const table = tableOf(req, config.slugs.orders)
  const orders = sql.identifier(table)
  const address = input.shippingAddress
  const subtotal = items.reduce((sum, item) => sum + item.lineTotal, 0)
  const total = subtotal + shipping.amount
  const orderNumber = createOrderNumber()
  const lines = items.map((item, index) => ({ ...item, id: rowId(), order: index + 1 }))
  // The signed-in customer places it (its history entry and stock moves name her); null for a guest.
  const actor = customer
  const history = { at: new Date().toISOString(), id: rowId() }
  const lineValues = lines.map(
    (line) =>
      sql`(${line.order}::integer, ${line.id}::varchar, ${line.product}::integer, ${line.variantId ?? null}::varchar, ${line.variantSku ?? null}::varchar,
        ${line.title}::varchar, ${line.sku}::varchar, ${line.variantLabel ?? null}::varchar, ${line.unitPrice}::numeric, ${line.quantity}::numeric, ${line.lineTotal}::numeric)`,
  )
  const t = stockTables(req, config.slugs)
  const stockLines = items.map((item) => ({ product: item.product, quantity: item.quantity, variant: item.variantId }))
  const products = sql.identifier(t.products)
  const orderCreated = eventDeliveriesSql(req, config, 'order.created', sql`
    select 'order:' || o.id as resource, jsonb_build_object('currency', ${currency}::text, 'customer', ${customer}::integer, 'id', o.id,
      'number', ${orderNumber}::text, 'resource', 'order:' || o.id, 'status', 'pending', 'total', ${total}::integer) as data
    from o`)
  const inventoryChanged = eventDeliveriesSql(req, config, 'inventory.changed', sql`
    select 'product:' || m.id || ':stock' as resource, jsonb_build_object('items', jsonb_agg(jsonb_build_object(
        'previousStock', m.stock + m.quantity, 'sku', m.sku, 'stock', m.stock, 'variant', m.variant) order by m.variant nulls first),
      'product', jsonb_build_object('id', m.id, 'slug', coalesce(p.slug, '')), 'resource', 'product:' || m.id || ':stock') as data
    from moved m join ${products} p on p.id = m.id where exists (select 1 from o) group by m.id, p.slug`)
  const statement = sql`
    with ${stockTakeCtes(t, stockLines)},
    o as (
      insert into ${orders} (order_number, status, customer_id, email, subtotal, shipping_total, total, currency,
        shipping_address_name, shipping_address_line1, shipping_address_line2, shipping_address_postal_code, shipping_address_city,
        shipping_address_region, shipping_address_country, shipping_address_phone, shipping_method, payment_method, payment_status,
        needs_attention, idempotency_key, request_hash)
      select ${orderNumber}, 'pending', ${customer}, ${email}, ${subtotal}, ${shipping.amount}, ${total}, ${currency},
        ${address.name}, ${address.line1}, ${address.line2 ?? null}, ${address.postalCode}, ${address.city},
        ${address.region ?? null}, ${address.country}, ${address.phone ?? null}, ${shipping.id}, ${method}, 'charging',
        false, ${idempotencyKey ?? null}, ${requestHash}
      where (select ok from ok)
      returning id, created_at, updated_at
    ), lines as (
      insert into ${sql.identifier(`${table}_items`)} (_order, _parent_id, id, product_id, variant_id, variant_sku, title, sku, variant_label, unit_price, quantity, line_total)
      select l.ord, o.id, l.id, l.product, l.variant, l.variant_sku, l.title, l.sku, l.label, l.unit_price, l.quantity, l.line_total
      from o, (values ${sql.join(lineValues, sql`, `)}) l (ord, id, product, variant, variant_sku, title, sku, label, unit_price, quantity, line_total)
    ), placed as (
      insert into ${sql.identifier(`${table}_status_history`)} (_order, _parent_id, id, "from", "to", at, by_id, note)
      select 1, o.id, ${history.id}, null, 'pending', ${history.at}::timestamptz, ${actor}::integer, null from o
    ), logged as (${ledgerOfTakeSql(t, sql`select id from o`, { actor, actorType: actor === null ? 'guest' : 'user', reason: 'checkout' })}),
    order_created as (${orderCreated}),
    inventory_changed as (${inventoryChanged})
    select (select ok from ok) as ok, o.id, o.created_at as "createdAt", o.updated_at as "updatedAt",
      (select json_agg(json_build_object('product', product, 'variant', variant, 'quantity', quantity, 'available', available)) from levels) as levels,
      (select coalesce(array_agg(distinct target), '{}') from (select target from order_created union all select target from inventory_changed) t) as targets
    from (select 1) one left join o on true`
  type Row = { createdAt: null | string; id: null | number; levels: Array<{ available: number | string; product: number; quantity: number | string; variant: null | string }>; ok: boolean; targets: string[]; updatedAt: null | string }
  const db = poolSql(req.payload)
  // An editor's save rewrites a product's variant rows (new rows, same ids), which a statement that
  // began before that save committed cannot see. So with variant lines the products are locked first,
  // in a statement of their own, and the order's statement (a fresh snapshot) runs behind that lock:
  // one round trip more while the rows are held, and only for such orders.
  // Otherwise it runs prepared: planning it cost more Postgres CPU than running it.
  const rows = stockLines.some((line) => line.variant)
    ? (
        await db.transaction(async (tx) => {
          await tx.execute(sql`select 1 from ${products} where id in (${sql.join([...new Set(stockLines.map((line) => line.product))].map((product) => sql`${product}`), sql`, `)}) order by id for update`)
          return tx.execute<Row>(statement)
        })
      ).rows
    : await runPrepared<Row>(poolOf(req.payload), statement)
  const row = rows[0]
  if (!row) throw new Error(`insertOrder: the statement for order ${orderNumber} returned nothing`)
  if (!row.ok || row.id === null || row.createdAt === null || row.updatedAt === null) {
    const shortages = row.levels
      .map((level) => ({ available: Math.max(0, Number(level.available)), product: Number(level.product), quantity: Number(level.quantity), variant: level.variant }))
      .filter((level) => level.available < level.quantity)
    return { shortages }
  }
  // The stock on catalogue pages moved: cached catalogue answers go, here and on every replica.
  await invalidateCatalogueAfterCommit(req)
  await deliverSoon(req, config, row.targets)
  const id = Number(row.id)
  const order: ChargingOrder = {
    attentionNote: null,
    createdAt: new Date(row.createdAt).toISOString(),
    currency,
    customer,
    email,
    id,
    idempotencyKey: idempotencyKey ?? null,
    items: lines.map(({ order: _order, ...line }) => ({
      id: line.id,
      lineTotal: line.lineTotal,
      product: line.product,
      quantity: line.quantity,
      sku: line.sku,
      title: line.title,
      unitPrice: line.unitPrice,
      variantId: line.variantId ?? null,
      variantLabel: line.variantLabel ?? null,
      variantSku: line.variantSku ?? null,
    })),
    needsAttention: false,
    orderNumber,
    payment: { method, paidAt: null, reference: null, status: 'charging' },
    shippingAddress: { city: address.city, country: address.country, line1: address.line1, line2: address.line2 ?? null, name: address.name, phone: address.phone ?? null, postalCode: address.postalCode, region: address.region ?? null },
    shippingMethod: shipping.id,
    shippingTotal: shipping.amount,
    status: 'pending',
    statusHistory: [{ at: history.at, by: actor, from: null, id: history.id, note: null, to: 'pending' }],
    subtotal,
    total,
    updatedAt: new Date(row.updatedAt).toISOString(),
  }
  return { order }
}
