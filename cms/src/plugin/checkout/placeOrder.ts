import { createHash } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderInput } from './orderInput'

import { transactionSql } from '../database'
import { OutOfStockError, type StockLine, takeStock } from '../inventory/stock'
import type { PaymentRegistry } from '../payments'
import { CheckoutError } from './errors'
import { collectPayment } from './collectPayment'
import { createGuestToken } from './guestToken'
import { priceLines } from './priceLines'

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

/**
 * Places an order in one transaction: prices every line from the published catalogue, takes the
 * stock with conditional updates (all lines or none), and writes the order. With an idempotency
 * key, the same key and request return the first order instead of placing another; the same key
 * with a different request is refused.
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
    const created = await payload.create({
      collection: config.slugs.orders,
      data: {
        currency: priced.currency as 'EUR',
        customer: user?.id,
        email,
        idempotencyKey,
        items: priced.items,
        payment: { method: input.payment.method, status: 'pending' },
        requestHash,
        shippingAddress: input.shippingAddress,
        shippingMethod: shipping.id,
        shippingTotal: shipping.amount,
        status: 'pending',
        subtotal,
        total,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    // Stock is taken last, just before payment and commit: its row locks serialise buyers of the
    // same product, so they are held for as short a time as possible.
    const lines: StockLine[] = priced.items.map((item) => ({ product: item.product, quantity: item.quantity, variant: item.variantId }))
    try {
      await takeStock(req, config.slugs.products, lines)
    } catch (error) {
      if (!(error instanceof OutOfStockError)) throw error
      const short = error.shortages.map((s) => {
        const item = priced.items[s.index]
        return { available: s.available, line: s.index, requested: s.quantity, sku: item?.sku, title: item?.title }
      })
      const summary = short.map((s) => `${s.title} (${s.sku}): ${s.available} available, ${s.requested} requested`).join('; ')
      throw new CheckoutError(`Not enough stock: ${summary}.`, 409, { shortages: short })
    }

    const placed = created as unknown as PlacedOrder & { orderNumber: string }
    // Paid inside the transaction: a declined card or bad card details roll everything back, so the
    // shopper can fix them and try again with nothing written and no stock held.
    const order = await collectPayment({
      adapter,
      config,
      details: input.payment.details,
      idempotencyKey: `checkout:${idempotencyKey ?? requestHash}:${placed.id}`,
      order: { ...placed, currency: priced.currency, total },
      req,
    })
    if (shouldCommit) await commitTransaction(req)
    return { guestToken: user ? undefined : createGuestToken(payload.secret, order.id), order, replayed: false }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
