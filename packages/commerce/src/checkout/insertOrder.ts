import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderInput } from './orderInput'
import { type ChargingOrder, chargeKeyOf } from './settlePayment'

import { invalidateCatalogueAfterCommit } from '../catalogue/listing/listingHooks'
import { createOrderNumber } from '../collections/orders/orderNumber'
import { poolOf, poolSql, tableOf } from '../database'
import { runPrepared } from '../preparedSql'
import { auditActorOf, requestIdOf } from '../audit/auditActor'
import { auditRowsSql } from '../audit/record'
import { ledgerAuditSql, ledgerOfTakeSql, type Shortage, type StockAudit, stockNeedCte, stockTables, stockTakeCtes } from '../inventory/stock'
import { deliverSoon, eventDeliveriesSql } from '../webhooks/emit'
import { chargedRates, type PricedLine, pricedLinesCtes, pricingError, type PricingRow, type PricingRules } from './priceLines'
import { type OrderDiscount, withWaivedShipping } from '../promotions/orderDiscount'
import { redeemPromotions } from '../promotions/redeemPromotions'
import { catalogueLocales, localizedColumnSql } from '../localization/catalogueLocales'

type Args = {
  config: SanitizedCommercePluginConfig
  customer: null | number
  /** What promotions take off (`discountFor`); recorded with the order by `redeemPromotions`. */
  discount?: OrderDiscount
  email: string
  idempotencyKey?: string
  input: OrderInput
  method: string
  /** The reference of a payment that is `pending` from the start (see `PaymentAdapter.pendingReference`), for the order's charge key. */
  pendingReference?: (chargeKey: string) => string
  req: PayloadRequest
  requestHash: string
  /** The currency, shipping method, tax and discounts that price it (see `PricingRules`). */
  rules: PricingRules
}

/** An array row's id, as Payload draws them (24 hex characters). */
const rowId = () => randomBytes(12).toString('hex')

/** The order written, or the lines that could not be had (then nothing was written), as priced. */
export type InsertedOrder = { lines?: undefined; order: ChargingOrder; shortages?: undefined } | { lines: PricedLine[]; order?: undefined; shortages: Shortage[] }

/** A written order line as the statement returns it (numeric columns come back as text). */
type WrittenLine = {
  _order: number
  discount_amount: number | string
  id: string
  line_total: number | string
  product_id: number
  quantity: number | string
  sku: string
  tax_amount: number | string
  title: string
  unit_price: number | string
  variant_id: null | string
  variant_label: null | string
  variant_sku: null | string
}

type Row = {
  createdAt: null | string
  currency: null | string
  discountTotal: null | number | string
  dueAt: null | string
  id: null | number
  items: null | WrittenLine[]
  levels: Array<{ available: number | string; product: number; quantity: number | string; variant: null | string }>
  ok: boolean
  priced: PricedLine[]
  pricing: PricingRow | null
  shippingTotal: null | number | string
  subtotal: null | number | string
  targets: string[]
  taxLines: null | WrittenTaxLine[]
  taxTotal: null | number | string
  total: null | number | string
  updatedAt: null | string
  valid: boolean
}

/** A written tax line as the statement returns it. */
type WrittenTaxLine = { country: string; id: string; name: string; rate: number | string; region: null | string; tax_amount: number | string; taxable_amount: number | string }

/**
 * Writes a new checkout order and takes its stock in ONE autocommitted statement: it prices the lines
 * from the published catalogue (`pricedLinesCtes`), takes the stock of every line (all or none,
 * `stockTakeCtes`), writes the ledger entries, the order row with its lines and first history entry, and
 * the `order.created` and `inventory.changed` webhook deliveries. The stock rows are locked only while the
 * server runs that statement and commits it: a checkout never holds them across a round trip to this
 * process, whose event loop is busy with every other request (that wait made the hot product's lock,
 * not the work, the limit on orders per second). A line that cannot be priced throws its 400 (see
 * `pricingError`); a line that cannot be had returns the shortages; either way nothing was written.
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
  const { config, customer, discount, email, idempotencyKey, input, method, pendingReference, req, requestHash, rules } = args
  const table = tableOf(req, config.slugs.orders)
  const orders = sql.identifier(table)
  const address = input.shippingAddress
  const orderNumber = createOrderNumber()
  // A payment known to be `pending` (a bank transfer) is recorded now, with the due time of an unpaid
  // order (`unpaidOrders/`); any other is `charging` until `settlePayment` has taken it.
  const reference = pendingReference?.(chargeKeyOf({ orderNumber })) ?? null
  const dueAt = reference === null ? sql`null::timestamptz` : sql`now() + make_interval(mins => ${config.unpaidOrders.holdMinutes})`
  const lineIds = input.items.map((_, index) => sql`(${index + 1}::integer, ${rowId()}::varchar)`)
  // The rates this order can be charged, in the order its tax lines list them.
  const rates = chargedRates(rules).map(
    (rate, index) => sql`(${index + 1}::integer, ${rate.taxClass}::text, ${rowId()}::varchar, ${rate.name}::varchar, ${rate.country}::varchar, ${rate.region}::varchar, ${String(rate.rate)}::numeric)`,
  )
  const taxRateRows = rates.length > 0 ? sql`values ${sql.join(rates, sql`, `)}` : sql`select null::integer, null::text, null::varchar, null::varchar, null::varchar, null::varchar, null::numeric where false`
  // The signed-in customer places it (its history entry and stock moves name her); null for a guest.
  const actor = customer
  const history = { at: new Date().toISOString(), id: rowId() }
  const t = stockTables(req, config.slugs)
  // The audit names checkout, on behalf of the signed-in customer (null for a guest).
  const buyer = auditActorOf(req)
  const audit: StockAudit = {
    actor: { email: customer === null ? null : (buyer.email ?? null), id: customer, kind: 'system', name: 'checkout' },
    requestId: requestIdOf(req),
  }
  const stockLines = input.items.map((item) => ({ product: item.product, quantity: item.quantity, variant: item.variant }))
  const products = sql.identifier(t.products)
  // Stock is the same in every language; the event names the product by its default locale's slug.
  const defaultSlug = localizedColumnSql(req.payload, t.products, 'slug', sql`p.id`, catalogueLocales(req.payload).defaultLocale, 'p')
  const orderCreated = eventDeliveriesSql(req, config, 'order.created', sql`
    select 'order:' || o.id as resource, jsonb_build_object('currency', o.currency::text, 'customer', ${customer}::integer, 'id', o.id,
      'number', ${orderNumber}::text, 'resource', 'order:' || o.id, 'status', 'pending', 'total', o.total::integer) as data
    from o`)
  const inventoryChanged = eventDeliveriesSql(req, config, 'inventory.changed', sql`
    select 'product:' || m.id || ':stock' as resource, jsonb_build_object('items', jsonb_agg(jsonb_build_object(
        'previousStock', m.stock + m.quantity, 'sku', m.sku, 'stock', m.stock, 'variant', m.variant) order by m.variant nulls first),
      'product', jsonb_build_object('id', m.id, 'slug', coalesce(${defaultSlug}, '')), 'resource', 'product:' || m.id || ':stock') as data
    from moved m join ${products} p on p.id = m.id where exists (select 1 from o) group by m.id, p.id`)
  const statement = sql`
    with ${stockNeedCte(stockLines)},
    ${pricedLinesCtes(req, config, rules)},
    ${stockTakeCtes(t, sql`select valid from pricing`)},
    o as (
      insert into ${orders} (order_number, status, customer_id, email, subtotal, discount_total, shipping_total, tax_total, total, currency, prices_include_tax,
        shipping_address_name, shipping_address_line1, shipping_address_line2, shipping_address_postal_code, shipping_address_city,
        shipping_address_region, shipping_address_country, shipping_address_phone, shipping_method, payment_method, payment_status,
        payment_reference, payment_due_at, needs_attention, idempotency_key, request_hash, locale)
      select ${orderNumber}, 'pending', ${customer}, ${email}, pr.subtotal, pr.discount_total, pr.shipping, pr.tax_total, pr.total,
        pr.currency::${sql.identifier(`enum_${table}_currency`)}, ${rules.pricesIncludeTax},
        ${address.name}, ${address.line1}, ${address.line2 ?? null}, ${address.postalCode}, ${address.city},
        ${address.region ?? null}, ${address.country}, ${address.phone ?? null}, ${rules.method.code}, ${method}, ${reference === null ? 'charging' : 'pending'},
        ${reference}, ${dueAt}, false, ${idempotencyKey ?? null}, ${requestHash}, ${rules.locale}
      from pricing pr where (select ok from ok)
      returning id, created_at, updated_at, subtotal, discount_total, shipping_total, tax_total, total, currency, payment_due_at
    ), lines as (
      insert into ${sql.identifier(`${table}_items`)} (_order, _parent_id, id, product_id, variant_id, variant_sku, title, sku, variant_label, unit_price, quantity,
        line_total, discount_amount, tax_amount)
      select l.ord, o.id, r.id, l.product, l.variant, l.variant_sku, l.title, l.sku, l.variant_label, l.unit_price, l.quantity, l.line_total, l.line_discount, l.tax
      from o, priced l join (values ${sql.join(lineIds, sql`, `)}) r (ord, id) on r.ord = l.ord
      returning _order, id, product_id, variant_id, variant_sku, title, sku, variant_label, unit_price, quantity, line_total, discount_amount, tax_amount
    ), tax_lines as (
      insert into ${sql.identifier(`${table}_tax_lines`)} (_order, _parent_id, id, name, country, region, rate, taxable_amount, tax_amount)
      select r.ord, o.id, r.id, r.name, r.country, r.region, r.rate, t.taxable, t.tax
      from o, taxed t join (${taxRateRows}) r (ord, rate_class, id, name, country, region, rate) on r.rate_class = t.rate_class
      returning _order, id, name, country, region, rate, taxable_amount, tax_amount
    ), placed as (
      insert into ${sql.identifier(`${table}_status_history`)} (_order, _parent_id, id, "from", "to", at, by_id, note)
      select 1, o.id, ${history.id}, null, 'pending', ${history.at}::timestamptz, ${actor}::integer, null from o
    ), logged as (${ledgerOfTakeSql(t, sql`select id from o`, { actor, actorType: actor === null ? 'guest' : 'user', reason: 'checkout' })}),
    audited as (${ledgerAuditSql(t, audit)}),
    order_audited as (${auditRowsSql(t.audit, { ...audit, collection: config.slugs.orders, operation: 'create' }, sql`
      select o.id::text as document_id, ${orderNumber}::text as document_title, jsonb_build_array(
        jsonb_build_object('field', 'status', 'before', null, 'after', 'pending'),
        jsonb_build_object('field', 'payment.status', 'before', null, 'after', ${reference === null ? 'charging' : 'pending'}::text),
        jsonb_build_object('field', 'total', 'before', null, 'after', o.total)) as changes, null::text as note
      from o`)}),
    order_created as (${orderCreated}),
    inventory_changed as (${inventoryChanged})
    select (select ok from ok) as ok, (select valid from pricing) as valid, o.id, o.created_at as "createdAt", o.updated_at as "updatedAt",
      o.subtotal, o.discount_total as "discountTotal", o.shipping_total as "shippingTotal", o.tax_total as "taxTotal", o.total, o.currency,
      o.payment_due_at as "dueAt", (select json_agg(lines order by _order) from lines) as items, (select json_agg(tax_lines order by _order) from tax_lines) as "taxLines",
      (select row_to_json(pricing) from pricing) as pricing,
      (select json_agg(json_build_object('ord', ord, 'product', product, 'variant', variant, 'quantity', quantity, 'title', title, 'sku', sku,
        'currency', currency, 'problem', problem) order by ord) from priced) as priced,
      (select json_agg(json_build_object('product', product, 'variant', variant, 'quantity', quantity, 'available', available)) from levels) as levels,
      (select coalesce(array_agg(distinct target), '{}') from (select target from order_created union all select target from inventory_changed) t) as targets
    from (select 1) one left join o on true`
  const db = poolSql(req.payload)
  // An editor's save rewrites a product's variant rows (new rows, same ids), which a statement that
  // began before that save committed cannot see. So with variant lines the products are locked first,
  // in a statement of their own, and the order's statement (a fresh snapshot) runs behind that lock:
  // one round trip more while the rows are held, and only for such orders.
  // Otherwise it runs prepared: planning it cost more Postgres CPU than running it.
  // An order with promotions records them in the same transaction (`redeemPromotions`), which refuses
  // (rolling the order and its stock back) when a limit was reached meanwhile.
  const variantLines = stockLines.some((line) => line.variant)
  let promotions: OrderDiscount['rows'] | undefined
  const rows =
    variantLines || discount
      ? (
          await db.transaction(async (tx) => {
            if (variantLines) {
              await tx.execute(sql`select 1 from ${products} where id in (${sql.join([...new Set(stockLines.map((line) => line.product))].map((product) => sql`${product}`), sql`, `)}) order by id for update`)
            }
            const result = await tx.execute<Row>(statement)
            const written = result.rows[0]
            if (discount && written?.ok && written.id !== null) {
              promotions = withWaivedShipping(discount, Number(written.pricing?.shipping_discount ?? 0))
              await redeemPromotions({ config, discount: { ...discount, rows: promotions }, lines: written.items ?? [], orderId: Number(written.id), req, tx })
            }
            return result
          })
        ).rows
      : await runPrepared<Row>(poolOf(req.payload), statement)
  const row = rows[0]
  if (!row) throw new Error(`insertOrder: the statement for order ${orderNumber} returned nothing`)
  if (!row.valid) throw pricingError(row.priced, row.pricing ?? undefined, rules)
  if (!row.ok || row.id === null || row.createdAt === null || row.updatedAt === null || row.currency === null) {
    const shortages = row.levels
      .map((level) => ({ available: Math.max(0, Number(level.available)), product: Number(level.product), quantity: Number(level.quantity), variant: level.variant }))
      .filter((level) => level.available < level.quantity)
    return { lines: row.priced, shortages }
  }
  // The stock on catalogue pages moved: cached catalogue answers go, here and on every replica.
  await invalidateCatalogueAfterCommit(req)
  await deliverSoon(req, config, row.targets)
  const id = Number(row.id)
  const order: ChargingOrder = {
    attentionNote: null,
    createdAt: new Date(row.createdAt).toISOString(),
    currency: row.currency,
    customer,
    discountTotal: Number(row.discountTotal),
    email,
    id,
    idempotencyKey: idempotencyKey ?? null,
    items: (row.items ?? []).map((line) => ({
      discountAmount: Number(line.discount_amount),
      id: line.id,
      lineTotal: Number(line.line_total),
      product: Number(line.product_id),
      quantity: Number(line.quantity),
      sku: line.sku,
      taxAmount: Number(line.tax_amount),
      title: line.title,
      unitPrice: Number(line.unit_price),
      variantId: line.variant_id,
      variantLabel: line.variant_label,
      variantSku: line.variant_sku,
    })),
    needsAttention: false,
    orderNumber,
    payment:
      reference === null
        ? { method, paidAt: null, reference: null, status: 'charging' }
        : { dueAt: row.dueAt === null ? null : new Date(row.dueAt).toISOString(), method, paidAt: null, reference, status: 'pending' },
    shippingAddress: { city: address.city, country: address.country, line1: address.line1, line2: address.line2 ?? null, name: address.name, phone: address.phone ?? null, postalCode: address.postalCode, region: address.region ?? null },
    pricesIncludeTax: rules.pricesIncludeTax,
    shippingMethod: rules.method.code,
    promotions: promotions ?? [],
    shippingTotal: Number(row.shippingTotal),
    status: 'pending',
    statusHistory: [{ at: history.at, by: actor, from: null, id: history.id, note: null, to: 'pending' }],
    subtotal: Number(row.subtotal),
    taxLines: (row.taxLines ?? []).map((line) => ({
      country: line.country,
      id: line.id,
      name: line.name,
      rate: Number(line.rate),
      region: line.region,
      taxAmount: Number(line.tax_amount),
      taxableAmount: Number(line.taxable_amount),
    })),
    taxTotal: Number(row.taxTotal),
    total: Number(row.total),
    updatedAt: new Date(row.updatedAt).toISOString(),
  }
  return { order }
}
