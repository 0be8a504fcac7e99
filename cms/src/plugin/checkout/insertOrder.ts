import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderInput } from './orderInput'
import type { PricedItem } from './priceLines'
import type { ChargingOrder } from './settlePayment'

import { createOrderNumber } from '../collections/orders/orderNumber'
import { tableOf, transactionSql } from '../database'
import { emitWebhookEvent } from '../webhooks/emit'
import { orderResource } from '../webhooks/events/resources'

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

/**
 * Writes a new checkout order — the order row, its lines and its first history entry — in one statement
 * in the request's transaction, and queues `order.created`, returning the order as Payload reads it.
 * Checkout is the shop's hottest write, and a Payload `create` costs several times the CPU of the whole
 * rest of it; this keeps what the collection's hooks guarantee for a new order: a fresh order number
 * (`assignOrderNumber`), `pending` with one history entry (`enforceStatusWorkflow`), figures that add up
 * (`validateTotals`: they are computed here from the priced lines), the webhook (`orderWebhookEvents`);
 * the input was checked by `orderInputSchema` with the collection's own limits. A host's own hooks on the
 * orders collection (an override) do not run for this insert; they do for every later change.
 */
export const insertOrder = async (args: Args): Promise<ChargingOrder> => {
  const { config, currency, customer, email, idempotencyKey, input, items, method, req, requestHash, shipping } = args
  const table = tableOf(req, config.slugs.orders)
  const orders = sql.identifier(table)
  const address = input.shippingAddress
  const subtotal = items.reduce((sum, item) => sum + item.lineTotal, 0)
  const total = subtotal + shipping.amount
  const orderNumber = createOrderNumber()
  const lines = items.map((item, index) => ({ ...item, id: rowId(), order: index + 1 }))
  const history = { at: new Date().toISOString(), id: rowId() }
  const by = typeof req.user?.id === 'number' ? req.user.id : null
  const lineValues = lines.map(
    (line) =>
      sql`(${line.order}::integer, ${line.id}::varchar, ${line.product}::integer, ${line.variantId ?? null}::varchar, ${line.variantSku ?? null}::varchar,
        ${line.title}::varchar, ${line.sku}::varchar, ${line.variantLabel ?? null}::varchar, ${line.unitPrice}::numeric, ${line.quantity}::numeric, ${line.lineTotal}::numeric)`,
  )
  const db = await transactionSql(req)
  const { rows } = await db.execute<{ createdAt: string; id: number; updatedAt: string }>(sql`
    with o as (
      insert into ${orders} (order_number, status, customer_id, email, subtotal, shipping_total, total, currency,
        shipping_address_name, shipping_address_line1, shipping_address_line2, shipping_address_postal_code, shipping_address_city,
        shipping_address_region, shipping_address_country, shipping_address_phone, shipping_method, payment_method, payment_status,
        needs_attention, idempotency_key, request_hash)
      values (${orderNumber}, 'pending', ${customer}, ${email}, ${subtotal}, ${shipping.amount}, ${total}, ${currency},
        ${address.name}, ${address.line1}, ${address.line2 ?? null}, ${address.postalCode}, ${address.city},
        ${address.region ?? null}, ${address.country}, ${address.phone ?? null}, ${shipping.id}, ${method}, 'charging',
        false, ${idempotencyKey ?? null}, ${requestHash})
      returning id, created_at, updated_at
    ), lines as (
      insert into ${sql.identifier(`${table}_items`)} (_order, _parent_id, id, product_id, variant_id, variant_sku, title, sku, variant_label, unit_price, quantity, line_total)
      select l.ord, o.id, l.id, l.product, l.variant, l.variant_sku, l.title, l.sku, l.label, l.unit_price, l.quantity, l.line_total
      from o, (values ${sql.join(lineValues, sql`, `)}) l (ord, id, product, variant, variant_sku, title, sku, label, unit_price, quantity, line_total)
    ), placed as (
      insert into ${sql.identifier(`${table}_status_history`)} (_order, _parent_id, id, "from", "to", at, by_id, note)
      select 1, o.id, ${history.id}, null, 'pending', ${history.at}::timestamptz, ${by}::integer, null from o
    )
    select id, created_at as "createdAt", updated_at as "updatedAt" from o`)
  const row = rows[0]
  if (!row) throw new Error(`insertOrder: the order ${orderNumber} was not written`)
  const id = Number(row.id)
  await emitWebhookEvent(req, config, 'order.created', { currency, customer, id, number: orderNumber, resource: orderResource(id), status: 'pending', total })
  return {
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
    statusHistory: [{ at: history.at, by, from: null, id: history.id, note: null, to: 'pending' }],
    subtotal,
    total,
    updatedAt: new Date(row.updatedAt).toISOString(),
  }
}
