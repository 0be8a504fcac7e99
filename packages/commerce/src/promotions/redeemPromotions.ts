import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'

import { CheckoutError } from '../checkout/errors'
import { type Sql, tableOf } from '../database'
import { refusalOf } from './evaluatePromotions'
import type { OrderDiscount } from './orderDiscount'
import { readUsage } from './readPromotions'

type Args = {
  config: SanitizedCommercePluginConfig
  discount: OrderDiscount
  /** The order's lines as its statement priced and wrote them. */
  lines: ReadonlyArray<{ _order: number; unit_price: number | string }>
  orderId: number
  req: PayloadRequest
  /** The open transaction the order was written in. */
  tx: Pick<Sql, 'execute'>
}

/**
 * Records the promotions an order used, in the transaction that wrote the order, and refuses (so the
 * transaction, order and stock included, rolls back) when that would break a limit or the prices
 * moved since the discount was computed.
 *
 * Each limited promotion's row is locked (`for update`, in id order) before its uses are counted: the
 * count is a new statement, so it sees every use committed by whoever held the lock before, and two
 * checkouts can never both take the last use. Cancelled orders' uses are not counted: cancelling an
 * order (by staff, or an unpaid one expiring) gives its use back. Unlimited promotions take no lock.
 */
export const redeemPromotions = async ({ config, discount, lines, orderId, req, tx }: Args): Promise<void> => {
  const { evaluation, lines: quoted, promotions } = discount.quote
  const moved = quoted.some((line) => Number(lines.find((written) => Number(written._order) === line.ord)?.unit_price) !== line.unitPrice)
  if (moved) throw new CheckoutError('A price in your cart changed while the order was placed. Please review your cart and try again.', 409)
  const limited = promotions.filter((promotion) => promotion.usageLimit !== null || promotion.perCustomerLimit !== null).sort((a, b) => a.id - b.id)
  const promotionsTable = sql.identifier(tableOf(req, config.slugs.promotions))
  for (const promotion of limited) await tx.execute(sql`select 1 from ${promotionsTable} where id = ${promotion.id} for update`)
  const usage = await readUsage(tx, req, config, limited.map((promotion) => promotion.id), discount.email)
  for (const promotion of limited) {
    const refusal = refusalOf(promotion, { currency: discount.quote.currency, lines: quoted, now: new Date(), promotions, shipping: 0, usage }, evaluation.subtotal)
    if (!refusal) continue
    // An automatic offer that ran out meanwhile: the shopper tries again, and gets the order without it.
    const message = promotion.code === null ? `The offer “${promotion.title}” has just ended. Please review your order and place it again.` : refusal.message
    throw new CheckoutError(message, 409, { issues: [{ message, path: promotion.code === null ? 'promotions' : 'discountCode' }], reason: refusal.reason })
  }
  const orders = tableOf(req, config.slugs.orders)
  const applied = discount.rows.map((item, index) => sql`(${index + 1}::integer, ${orderId}::integer, ${item.id}::varchar, ${item.promotion}::integer,
    ${item.code}::varchar, ${item.title}::varchar, ${item.amount}::numeric, ${item.shippingDiscount}::numeric)`)
  const redemptions = discount.rows.map((item) => sql`(${item.promotion}::integer, ${orderId}::integer, ${discount.email}::varchar, ${item.amount + item.shippingDiscount}::numeric, ${discount.quote.currency}::varchar)`)
  await tx.execute(sql`
    with applied as (
      insert into ${sql.identifier(`${orders}_promotions`)} (_order, _parent_id, id, promotion_id, code, title, amount, shipping_discount)
      values ${sql.join(applied, sql`, `)})
    insert into ${sql.identifier(tableOf(req, config.slugs.promotionRedemptions))} (promotion_id, order_id, email, amount, currency)
    values ${sql.join(redemptions, sql`, `)}`)
}
