import { createHash } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderInput } from './orderInput'

import { transactionSql } from '../database'
import { OutOfStockError, type StockLine, takeStock } from '../inventory/stock'
import { receiversOf } from '../webhooks/emit'
import { emitStockChanges } from '../webhooks/events/inventoryEvents'
import { PaymentInputError, type PaymentRegistry } from '../payments'
import { CheckoutError } from './errors'
import { createGuestToken } from './guestToken'
import { insertOrder } from './insertOrder'
import { shippingAmount } from './shippingAmount'
import { type PricedItem, priceLines } from './priceLines'
import { type ChargingOrder, settlePayment } from './settlePayment'

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
const takeOrderStock = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, items: PricedItem[], order: number): Promise<void> => {
  const lines: StockLine[] = items.map((item) => ({ product: item.product, quantity: item.quantity, variant: item.variantId }))
  const actor = typeof req.user?.id === 'number' ? req.user.id : null
  // Asked before the stock rows are locked, not while they are.
  await receiversOf(req, config, 'inventory.changed')
  try {
    const changes = await takeStock(req, config.slugs, lines, { actor, actorType: actor === null ? 'guest' : 'user', order, reason: 'checkout' })
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

/** How long a retry waits for the first request with its key to finish taking the payment. */
const REPLAY_WAIT_MS = 10_000
const REPLAY_POLL_MS = 100

/**
 * A retry that arrives while the first request is still taking the payment (a double click) waits for
 * that outcome and answers with it, so both see the same order; past `REPLAY_WAIT_MS`, a 409 to retry.
 */
const settledOrder = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, order: ChargingOrder): Promise<ChargingOrder> => {
  let current = order as ChargingOrder & { payment?: { status?: null | string } }
  for (let waited = 0; current.payment?.status === 'charging'; waited += REPLAY_POLL_MS) {
    if (waited >= REPLAY_WAIT_MS) throw new CheckoutError('This order’s payment is still being taken. Try again in a moment.', 409)
    await new Promise((resolve) => setTimeout(resolve, REPLAY_POLL_MS))
    current = (await req.payload.findByID({ collection: config.slugs.orders, depth: 0, id: order.id, overrideAccess: true })) as unknown as typeof current
  }
  return current
}

type Reserved = { order: ChargingOrder; replayed: boolean }

/**
 * The first step, in one short transaction: with an idempotency key, the same key and request return
 * the first order; otherwise the lines are priced from the published catalogue, the order is written
 * (`pending`, payment `charging`) and its stock taken (all lines or none), and it all commits before any
 * money moves. The order is written before the stock is taken, so the stock rows stay locked only for
 * the few statements up to the commit.
 */
const reserveOrder = async ({ config, idempotencyKey, input, payments, req }: Args, email: string, requestHash: string): Promise<Reserved> => {
  const { payload, user } = req
  const shipping = config.shippingMethods.find((method) => method.id === input.shippingMethod)
  if (!shipping) throw new Error('reserveOrder: the shipping method was checked by placeOrder')
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
      const earlier = docs[0] as (ChargingOrder & { payment?: { status?: string }; requestHash?: null | string }) | undefined
      if (earlier) {
        if (earlier.requestHash !== requestHash) {
          throw new CheckoutError('This Idempotency-Key was already used for a different order request. Use a new key for a new order.', 422)
        }
        if (shouldCommit) await commitTransaction(req)
        const { requestHash: _hash, ...order } = earlier
        return { order, replayed: true }
      }
    }

    const priced = await priceLines({ config, input, req })
    const order = await insertOrder({
      config,
      currency: priced.currency,
      customer: typeof user?.id === 'number' ? user.id : null,
      email,
      idempotencyKey,
      input,
      items: priced.items,
      method: payments.get(input.payment.method).name,
      req,
      requestHash,
      shipping: { amount: shippingAmount(shipping, priced.currency), id: shipping.id },
    })
    await takeOrderStock(req, config, priced.items, order.id)
    if (shouldCommit) await commitTransaction(req)
    return { order, replayed: false }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

/**
 * Places an order in three steps, in this order: (1) the order is written and its stock taken, and
 * that commits (`reserveOrder`); (2) the payment is taken, outside any transaction, with a key derived
 * from the order; (3) the order is confirmed (`settlePayment`). Every failure between them is undone
 * (see `settlePayment.ts` and docs/payments.md). Input the payment method would refuse is refused
 * before anything is written.
 */
export const placeOrder = async (args: Args): Promise<PlaceOrderResult> => {
  const { config, input, payments, req } = args
  const { payload, user } = req
  const email = emailOf(user) ?? input.email
  if (!email) throw new CheckoutError('An email address is required to check out as a guest.', 400)
  if (!config.shippingMethods.some((method) => method.id === input.shippingMethod)) {
    const known = config.shippingMethods.map((method) => method.id).join(', ')
    const message = `Unknown shipping method "${input.shippingMethod}". Choose one of: ${known}.`
    throw new CheckoutError(message, 400, { issues: [{ message, path: 'shippingMethod' }] })
  }
  if (!payments.names().includes(input.payment.method)) {
    const message = `Unknown payment method "${input.payment.method}". Choose one of: ${payments.names().join(', ')}.`
    throw new CheckoutError(message, 400, { issues: [{ message, path: 'payment.method' }] })
  }
  const adapter = payments.get(input.payment.method)
  try {
    adapter.checkDetails?.(input.payment.details)
  } catch (error) {
    if (error instanceof PaymentInputError) throw new CheckoutError(`Payment details: ${error.message}`, 400, { issues: error.issues })
    throw error
  }
  const requestHash = createHash('sha256')
    .update(JSON.stringify({ input, user: user?.id ?? null }))
    .digest('hex')

  const reserved = await reserveOrder(args, email, requestHash)
  const guestToken = user ? undefined : createGuestToken(payload.secret, reserved.order.id)
  if (reserved.replayed) return { guestToken, order: await settledOrder(req, config, reserved.order), replayed: true }
  const order = await settlePayment({ adapter, config, details: input.payment.details, order: reserved.order, req })
  return { guestToken, order, replayed: false }
}
