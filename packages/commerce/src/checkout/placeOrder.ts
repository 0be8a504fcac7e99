import { createHash } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderInput } from './orderInput'

import { postgresCodeOf } from '../database'
import type { Shortage } from '../inventory/stock'
import { type PaymentAction, type PaymentAdapter, PaymentInputError, type PaymentRegistry } from '../payments'
import { CheckoutError } from './errors'
import { createGuestToken } from './guestToken'
import { emailOf } from '../promotions/emailOf'
import { discountFor } from '../promotions/orderDiscount'
import { type InsertedOrder, insertOrder } from './insertOrder'
import { type PricedLine, type PricingRules, refuseRepeatedLines } from './priceLines'
import { pricingRulesFor } from '../pricing/pricingRules'
import { type ChargingOrder, settlePayment } from './settlePayment'

export type PlacedOrder = { id: number } & Record<string, unknown>

export type PlaceOrderResult = {
  /** Only for guests: the key to view their order (see `guestToken.ts`). */
  guestToken?: string
  order: PlacedOrder
  /**
   * [stripe] What the shopper's browser must still do to finish the payment (3-D Secure with Stripe.js);
   * only on the request that placed the order, not on a replay.
   */
  paymentAction?: PaymentAction
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


/** The 409 for lines checkout could not take, naming each with what is available. */
const shortageError = (lines: PricedLine[], shortages: Shortage[]): CheckoutError => {
  const short = lines.flatMap((item) => {
    const shortage = shortages.find((s) => s.product === Number(item.product) && (s.variant ?? null) === (item.variant ?? null))
    return shortage ? [{ available: shortage.available, line: item.ord - 1, requested: Number(item.quantity), sku: item.sku, title: item.title }] : []
  })
  const summary = short.map((s) => `${s.title} (${s.sku}): ${s.available} available, ${s.requested} requested`).join('; ')
  return new CheckoutError(`Not enough stock: ${summary}.`, 409, { shortages: short })
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
 * For a replay: the step the shopper's browser must still take to pay (3-D Secure), asked of the
 * provider again, since it is never stored. A retry after a lost answer can then still pay; a provider
 * that does not answer leaves it out (the order page and the hold's expiry take over).
 */
const pendingAction = async (req: PayloadRequest, adapter: PaymentAdapter, order: ChargingOrder): Promise<PaymentAction | undefined> => {
  const { payment, status } = order as ChargingOrder & { payment?: { reference?: null | string; status?: null | string }; status?: string }
  // A method that takes no money at checkout (a bank transfer) has no step to take.
  if (status !== 'pending' || payment?.status !== 'pending' || !payment.reference || adapter.pendingReference) return undefined
  try {
    const result = await adapter.confirm({ reference: payment.reference })
    return result.status === 'pending' ? result.action : undefined
  } catch (error) {
    req.payload.logger.warn({ err: error, msg: 'Could not ask the payment provider for the pending step of a replayed order', order: order.id })
    return undefined
  }
}

type KeyedOrder = ChargingOrder & { payment?: { status?: string }; requestHash?: null | string }

/** The order an earlier request with this Idempotency-Key placed, if any. */
const orderWithKey = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, idempotencyKey: string): Promise<KeyedOrder | undefined> => {
  const { docs } = await req.payload.find({
    collection: config.slugs.orders,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    // No page count: one query, not two.
    pagination: false,
    showHiddenFields: true,
    where: { idempotencyKey: { equals: idempotencyKey } },
  })
  return docs[0] as KeyedOrder | undefined
}

/** The earlier order answers a retry with the same key and request; a different request is refused. */
const replayOf = (earlier: KeyedOrder, requestHash: string): Reserved => {
  if (earlier.requestHash !== requestHash) {
    throw new CheckoutError('This Idempotency-Key was already used for a different order request. Use a new key for a new order.', 422)
  }
  const { requestHash: _hash, ...order } = earlier
  return { order, replayed: true }
}

/**
 * The first step: with an idempotency key, the same key and request return the first order; otherwise
 * the order (`pending`, payment `charging`) is written with its lines priced from the published
 * catalogue and its stock taken, all lines or none, in one statement that commits before any money
 * moves (`insertOrder`). Two requests racing with one key: the second fails on the key's unique index,
 * having written nothing, and answers with the first's order.
 */
const reserveOrder = async ({ config, idempotencyKey, input, payments, req }: Args, email: string, requestHash: string, rules: PricingRules): Promise<Reserved> => {
  const { user } = req
  const adapter = payments.get(input.payment.method)
  const pendingReference = adapter.pendingReference?.bind(adapter)
  if (idempotencyKey) {
    const earlier = await orderWithKey(req, config, idempotencyKey)
    if (earlier) return replayOf(earlier, requestHash)
  }
  refuseRepeatedLines(input)
  const { discount, rules: discounted } = await discountFor({ code: input.discountCode, config, email, items: input.items, req, rules }, true)
  let inserted: InsertedOrder
  try {
    inserted = await insertOrder({
      config,
      customer: typeof user?.id === 'number' ? user.id : null,
      discount,
      email,
      idempotencyKey,
      input,
      method: adapter.name,
      pendingReference: pendingReference && ((chargeKey: string) => pendingReference({ idempotencyKey: chargeKey })),
      req,
      requestHash,
      rules: discounted,
    })
  } catch (error) {
    const earlier = idempotencyKey && postgresCodeOf(error) === '23505' ? await orderWithKey(req, config, idempotencyKey) : undefined
    if (earlier) return replayOf(earlier, requestHash)
    throw error
  }
  if (inserted.shortages) throw shortageError(inserted.lines, inserted.shortages)
  return { order: inserted.order, replayed: false }
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
  const { country, region } = input.shippingAddress
  const rules = await pricingRulesFor(req, config, { country, currency: input.currency, locale: input.locale, region, shippingMethod: input.shippingMethod })
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

  const reserved = await reserveOrder(args, email, requestHash, rules)
  const guestToken = user ? undefined : createGuestToken(payload.secret, reserved.order.id)
  if (reserved.replayed) {
    const order = await settledOrder(req, config, reserved.order)
    const paymentAction = await pendingAction(req, adapter, order)
    return { guestToken, order, ...(paymentAction && { paymentAction }), replayed: true }
  }
  // A payment that takes no money at checkout was recorded with the order: nothing to charge or confirm.
  if ((reserved.order.payment as { status?: string }).status === 'pending') return { guestToken, order: reserved.order, replayed: false }
  const { action, order } = await settlePayment({ adapter, config, details: input.payment.details, order: reserved.order, req })
  return { guestToken, order, ...(action && { paymentAction: action }), replayed: false }
}
