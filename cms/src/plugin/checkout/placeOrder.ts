import { createHash } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderInput } from './orderInput'

import { createOrderNumber } from '../collections/orders/orderNumber'
import { tableOf, transactionSql } from '../database'
import { OutOfStockError, type StockLine, takeStock } from '../inventory/stock'
import { emitStockChanges } from '../webhooks/events/inventoryEvents'
import type { PaymentRegistry } from '../payments'
import { CheckoutError } from './errors'
import { collectPayment } from './collectPayment'
import { createGuestToken } from './guestToken'
import { type PricedItem, priceLines } from './priceLines'

export type PlacedOrder = { id: number } & Record<string, unknown>

export type PlaceOrderResult = {
  /** Only for guests: the key to view their order (see `guestToken.ts`). */
  guestToken?: string
  order: PlacedOrder
  /** True when an earlier request with the same idempotency key placed this order. */
  replayed: boolean
}

type Args = {
  config: SanitizedCommercePluginConfig
  idempotencyKey?: string
  input: OrderInput
  /** The payment methods the shop accepts. */
  payments: PaymentRegistry
  req: PayloadRequest
}

const emailOf = (user: unknown): string | undefined =>
  user && typeof user === 'object' && 'email' in user && typeof user.email === 'string' ? user.email : undefined

/** Takes the stock for every priced line, or refuses the order (409) naming each short line. */
const takeOrderStock = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, items: PricedItem[]): Promise<void> => {
  const lines: StockLine[] = items.map((item) => ({ product: item.product, quantity: item.quantity, variant: item.variantId }))
  const actor = typeof req.user?.id === 'number' ? req.user.id : null
  try {
    const changes = await takeStock(req, config.slugs, lines, { actor, actorType: actor === null ? 'guest' : 'user', reason: 'checkout' })
    await emitStockChanges(req, config, changes)
  } catch (error) {
    if (!(error instanceof OutOfStockError)) throw error
    const short = error.shortages.map((s) => {
      const item = items[s.index]
      return { available: s.available, line: s.index, requested: s.quantity, sku: item?.sku, title: item?.title }
    })
    const summary = short.map((s) => `${s.title} (${s.sku}): ${s.available} available, ${s.requested} requested`).join('; ')
    throw new CheckoutError(`Not enough stock: ${summary}.`, 409, { shortages: short })
  }
}

/**
 * Places an order in one transaction: prices every line from the published catalogue, takes the
 * stock with conditional updates (all lines or none), takes the payment, and writes the order once,
 * in its final state. With an idempotency key, the same key and request return the first order
 * instead of placing another; the same key with a different request is refused.
 */
export const placeOrder = async ({ config, idempotencyKey, input, payments, req }: Args): Promise<PlaceOrderResult> => {
  const { payload, user } = req
  const email = emailOf(user) ?? input.email
  if (!email) throw new CheckoutError('An email address is required to check out as a guest.', 400)
  const shipping = config.shippingMethods.find((method) => method.id === input.shippingMethod)
  if (!shipping) {
    const known = config.shippingMethods.map((method) => method.id).join(', ')
    throw new CheckoutError(`Unknown shipping method "${input.shippingMethod}". Choose one of: ${known}.`, 400)
  }
  if (!payments.names().includes(input.payment.method)) {
    throw new CheckoutError(`Unknown payment method "${input.payment.method}". Choose one of: ${payments.names().join(', ')}.`, 400)
  }
  const adapter = payments.get(input.payment.method)
  const requestHash = createHash('sha256')
    .update(JSON.stringify({ input, user: user?.id ?? null }))
    .digest('hex')

  const shouldCommit = await initTransaction(req)
  try {
    if (idempotencyKey) {
      // Serialises requests carrying the same key: the second waits, then finds the first's order.
      const db = await transactionSql(req)
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`showroom:order:${idempotencyKey}`}))`)
      const { docs } = await payload.find({
        collection: config.slugs.orders,
        depth: 0,
        limit: 1,
        overrideAccess: true,
        // No page count: one query, not two.
        pagination: false,
        req,
        showHiddenFields: true,
        where: { idempotencyKey: { equals: idempotencyKey } },
      })
      const earlier = docs[0] as (PlacedOrder & { requestHash?: null | string }) | undefined
      if (earlier) {
        if (earlier.requestHash !== requestHash) {
          throw new CheckoutError('This Idempotency-Key was already used for a different order request. Use a new key for a new order.', 422)
        }
        if (shouldCommit) await commitTransaction(req)
        const { requestHash: _hash, ...order } = earlier
        return { guestToken: user ? undefined : createGuestToken(payload.secret, order.id), order, replayed: true }
      }
    }

    const priced = await priceLines({ config, input, req })
    const subtotal = priced.items.reduce((sum, item) => sum + item.lineTotal, 0)
    const total = subtotal + shipping.amount
    // Drawn now, not by the collection's hook: the payment provider needs the order's reference before
    // the order is written.
    const orderNumber = createOrderNumber()

    // From here to the commit, buyers of the same product queue on its row lock, so only what must
    // follow the stock comes after it. The stock comes before the payment, so nobody is charged for an
    // order refused for want of stock.
    await takeOrderStock(req, config, priced.items)
    // Paid inside the transaction: a declined card or bad card details roll the stock back, so the
    // shopper can fix them and try again with nothing written and no stock held.
    const payment = await collectPayment({
      adapter,
      amount: total,
      currency: priced.currency,
      details: input.payment.details,
      // One attempt, one key; bounded (adapters take at most 255 characters, a client's key alone may be 255).
      idempotencyKey: `checkout:${orderNumber}:${requestHash}`,
      orderNumber,
    })
    // One write, in the order's final state: a card paid at once creates it paid (see `enforceStatusWorkflow`).
    const paid = payment.status === 'paid'
    const order = (await payload.create({
      collection: config.slugs.orders,
      context: paid ? { paidAtCheckout: true } : {},
      data: {
        currency: priced.currency as 'EUR',
        customer: user?.id,
        email,
        idempotencyKey,
        items: priced.items,
        orderNumber,
        payment,
        requestHash,
        shippingAddress: input.shippingAddress,
        shippingMethod: shipping.id,
        shippingTotal: shipping.amount,
        status: paid ? 'paid' : 'pending',
        subtotal,
        total,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })) as unknown as PlacedOrder
    // The stock was taken before the order existed: link its ledger entries to it.
    const movements = sql.identifier(tableOf(req, config.slugs.stockMovements))
    await (await transactionSql(req)).execute(
      sql`update ${movements} set order_id = ${order.id} where order_id is null and reason = 'checkout' and id in (select id from ${movements} where xmin::text::bigint = pg_current_xact_id()::text::bigint % 4294967296)`,
    )
    if (shouldCommit) await commitTransaction(req)
    return { guestToken: user ? undefined : createGuestToken(payload.secret, order.id), order, replayed: false }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
