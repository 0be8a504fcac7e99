import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { InitiateArgs, PaymentAction, PaymentAdapter, PaymentResult } from '../payments'
import type { SanitizedCommercePluginConfig } from '../types'

import { auditActorOf, requestIdOf } from '../audit/auditActor'
import { auditRowsSql } from '../audit/record'
import { poolOf, tableOf } from '../database'
import { runPrepared } from '../preparedSql'
import { PaymentIdempotencyError, PaymentInputError } from '../payments'
import { CheckoutError } from './errors'
import { refundKeyOf } from './refundPayment'

/** An order checkout has written (`payment.status` `charging`), with what the charge needs. */
export type ChargingOrder = { currency: string; id: number; orderNumber: string; total: number } & Record<string, unknown>

type Args = { adapter: PaymentAdapter; config: SanitizedCommercePluginConfig; details: unknown; order: ChargingOrder; req: PayloadRequest }

/**
 * A settled order, and what the shopper's browser must still do for its payment (3-D Secure with
 * Stripe.js), if anything. [stripe]
 */
export type SettledOrder = { action?: PaymentAction; order: ChargingOrder }

/** The charge's idempotency key: one per order, so asking again never charges twice. */
export const chargeKeyOf = (order: Pick<ChargingOrder, 'orderNumber'>): string => `order:${order.orderNumber}:payment`

/** The innermost cause's message (a failed query's database error, not the whole statement), kept short. */
const messageOf = (error: unknown): string => {
  let inner = error
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause
  return (inner instanceof Error ? inner.message : String(inner)).slice(0, 200)
}

/**
 * The workflow context of one settling write. Payload merges an operation's context into the request's,
 * and checkout makes several writes on one request: every key is set, so none leaks into the next write.
 */
const settling = (context: { requirePaymentStatus?: string; statusChange?: string; statusNote?: string; stockReason?: string }) => ({
  // The audit log names checkout (on behalf of the signed-in customer) for every settling write.
  auditActor: 'checkout',
  refundedByProvider: undefined,
  requirePaymentStatus: undefined,
  requireStatus: undefined,
  settlingPayment: true,
  statusChange: undefined,
  statusNote: undefined,
  stockReason: undefined,
  ...context,
})

type Outcome = { attention?: string; note: string; payment: { reference?: string; status: 'failed' | 'refunded' } }

/**
 * Cancels an order whose payment did not go through, through the status workflow: history entry,
 * `payment-failed` stock returned once, webhooks. Its Idempotency-Key is released, so the shopper's
 * retry (same cart, same key) places a new order. When even this write fails, the order stays
 * `charging` and the reconciler flags it for staff (`reconcilePayments.ts`).
 */
const cancelOrder = async ({ config, order, req }: Args, outcome: Outcome): Promise<void> => {
  try {
    await req.payload.update({
      collection: config.slugs.orders,
      context: settling({ requirePaymentStatus: 'charging', statusChange: 'cancelled', statusNote: outcome.note, stockReason: 'payment-failed' }),
      data: { idempotencyKey: null, payment: outcome.payment, ...(outcome.attention && { attentionNote: outcome.attention, needsAttention: true }) } as never,
      depth: 0,
      id: order.id,
      overrideAccess: true,
      req,
    })
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `ALERT: could not cancel order ${order.orderNumber} after its payment failed (${outcome.note}); it stays "charging" for the reconciler`, order: order.id })
  }
}

/** Marks an order for staff: money may have been taken and checkout could not settle it. */
const flagOrder = async ({ config, order, req }: Args, note: string, payment: PaymentResult): Promise<void> => {
  req.payload.logger.error({ msg: `ALERT: order ${order.orderNumber} needs staff attention: ${note}`, order: order.id, reference: payment.reference })
  try {
    await req.payload.update({
      collection: config.slugs.orders,
      context: settling({}),
      data: { attentionNote: note, needsAttention: true, payment: { reference: payment.reference } } as never,
      depth: 0,
      id: order.id,
      overrideAccess: true,
      req,
    })
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `ALERT: could not flag order ${order.orderNumber}; it stays "charging" for the reconciler`, order: order.id })
  }
}

/**
 * Records the payment's outcome. A captured payment moves the order to `paid` through the workflow
 * (history, webhooks); `pending` and `authorized` change no status, so one conditional statement
 * records them (still `charging`, or it fails and the charge is undone).
 */
const confirmOrder = async ({ adapter, config, order, req }: Args, result: PaymentResult): Promise<ChargingOrder> => {
  const paid = result.status === 'paid'
  if (!paid) {
    // An order whose money is still to come (a bank transfer, a card only authorised) holds its stock
    // until it is due; then the sweeper cancels it (`unpaidOrders/`). A paid order gets no due time.
    // [stripe] A payment waiting on the shopper's browser (3-D Secure) holds the stock for a short while only.
    const minutes = result.action ? config.unpaidOrders.actionHoldMinutes : config.unpaidOrders.holdMinutes
    const dueAt = sql`now() + make_interval(mins => ${minutes})`
    // Prepared, like the order's statement: every pending checkout runs it.
    // The audit entry is part of the same statement (checkout, for the signed-in customer if any).
    const customer = typeof order.customer === 'number' ? order.customer : null
    const audit = {
      actor: { email: customer === null ? null : (auditActorOf(req).email ?? null), id: customer, kind: 'system', name: 'checkout' } as const,
      collection: config.slugs.orders,
      operation: 'update' as const,
      requestId: requestIdOf(req),
    }
    const rows = await runPrepared<{ dueAt: null | string; updatedAt: string }>(poolOf(req.payload), sql`
      with settled as (
        update ${sql.identifier(tableOf(req, config.slugs.orders))}
        set payment_reference = ${result.reference}, payment_status = ${result.status}, payment_due_at = ${dueAt}, updated_at = now()
        where id = ${order.id} and payment_status = 'charging' returning id, order_number, updated_at, payment_due_at, payment_status),
      audited as (${auditRowsSql(tableOf(req, config.slugs.auditLog), audit, sql`
        select id::text as document_id, order_number::text as document_title,
          jsonb_build_array(jsonb_build_object('field', 'payment.status', 'before', 'charging', 'after', payment_status::text)) as changes, null::text as note
        from settled`)})
      select updated_at as "updatedAt", payment_due_at as "dueAt" from settled`)
    if (!rows[0]) throw new Error(`Order ${order.orderNumber} is no longer charging`)
    const due = rows[0].dueAt === null ? null : new Date(rows[0].dueAt).toISOString()
    const payment = { ...(order.payment as Record<string, unknown>), dueAt: due, method: adapter.name, reference: result.reference, status: result.status }
    return { ...order, payment, updatedAt: new Date(rows[0].updatedAt).toISOString() }
  }
  return (await req.payload.update({
    collection: config.slugs.orders,
    context: settling({ requirePaymentStatus: 'charging', ...(paid && { statusChange: 'paid', statusNote: 'paid at checkout' }) }),
    data: { payment: { method: adapter.name, reference: result.reference, status: result.status, ...(paid && { paidAt: new Date().toISOString() }) } } as never,
    depth: 0,
    id: order.id,
    overrideAccess: true,
    req,
  })) as unknown as ChargingOrder
}

/**
 * The charge succeeded but the order could not be confirmed: money must not stay taken for an order
 * that says otherwise. Refunds it (the order's one refund key) and cancels the order; if the refund
 * fails, the order is flagged for staff with the provider's reference, and the stock stays held.
 */
const undoCharge = async (args: Args, result: PaymentResult, cause: unknown): Promise<never> => {
  const { adapter, order, req } = args
  req.payload.logger.error({ err: cause, msg: `ALERT: order ${order.orderNumber} was charged (${result.status}) but could not be confirmed; undoing the charge`, order: order.id })
  if (result.status === 'pending') {
    // Nothing was taken yet (a bank transfer): the shopper must not pay for a cancelled order.
    await cancelOrder(args, { note: `could not be confirmed: ${messageOf(cause)}`, payment: { reference: result.reference, status: 'failed' } })
    throw new CheckoutError('We could not complete your order, so it was cancelled: please do not pay for it. Try again in a moment.', 503)
  }
  let problem: string
  try {
    const refund = await adapter.refund({ amount: order.total, currency: order.currency, idempotencyKey: refundKeyOf(order), reference: result.reference })
    if (refund.status === 'refunded') {
      await cancelOrder(args, { note: `could not be confirmed after the payment (${messageOf(cause)}); the payment was refunded`, payment: { reference: result.reference, status: 'refunded' } })
      throw new CheckoutError('We could not complete your order, so your payment was refunded and nothing was ordered. Please try again.', 503)
    }
    problem = refund.message ?? 'the provider refused the refund'
  } catch (error) {
    if (error instanceof CheckoutError) throw error
    problem = messageOf(error)
  }
  await flagOrder(args, `Charged (${result.status}, reference ${result.reference}) but the order could not be confirmed (${messageOf(cause)}), and the refund failed (${problem}). Confirm it with the provider and mark it paid, or refund it there and cancel it.`, result)
  throw new CheckoutError('Your payment went through but we could not confirm your order. Our staff have been alerted and will confirm or refund it.', 503, { order: order.id })
}

/** Asks once more, with the same key, when the provider's answer was lost: idempotent, so never a second charge. */
const initiate = async (adapter: PaymentAdapter, args: InitiateArgs): Promise<PaymentResult> => {
  try {
    return await adapter.initiate(args)
  } catch (error) {
    if (error instanceof PaymentInputError || error instanceof PaymentIdempotencyError) throw error
    return adapter.initiate(args)
  }
}

/**
 * Takes the payment for an order checkout has committed (stock held, `payment.status` `charging`),
 * outside any database transaction, then confirms the order. Every failure is undone: a decline or an
 * unusable card cancels the order and returns its stock once; a provider that fails twice cancels it
 * and flags it for staff (it may have charged); a charge that cannot be confirmed is refunded, or the
 * order flagged. Never money taken without an order, never an order marked paid without money.
 */
export const settlePayment = async (args: Args): Promise<SettledOrder> => {
  const { adapter, details, order, req } = args
  const key = chargeKeyOf(order)
  let result: PaymentResult
  try {
    result = await initiate(adapter, { amount: order.total, currency: order.currency, details, idempotencyKey: key, orderId: order.id, orderNumber: order.orderNumber })
  } catch (error) {
    if (error instanceof PaymentInputError) {
      await cancelOrder(args, { note: `payment details refused: ${error.message}`, payment: { status: 'failed' } })
      throw new CheckoutError(`Payment details: ${error.message}`, 400, { issues: error.issues })
    }
    if (error instanceof PaymentIdempotencyError) {
      await cancelOrder(args, { note: error.message, payment: { status: 'failed' } })
      throw new CheckoutError('This payment was already attempted with different details. Start a new checkout.', 409)
    }
    const attention = `The payment provider failed twice (${messageOf(error)}), so it is unknown whether it charged. Look for payment key ${key} at the provider and refund any charge.`
    req.payload.logger.error({ err: error, msg: `ALERT: order ${order.orderNumber}: ${attention}`, order: order.id })
    await cancelOrder(args, { attention, note: `payment provider error: ${messageOf(error)}`, payment: { status: 'failed' } })
    throw new CheckoutError('The payment provider did not answer, so your order was not placed. If a charge appears, it will be refunded.', 502)
  }
  if (result.status === 'failed') {
    await cancelOrder(args, { note: `payment declined: ${result.message ?? 'no reason given'}`, payment: { reference: result.reference, status: 'failed' } })
    throw new CheckoutError(result.message ?? 'The payment was declined.', 402)
  }
  let settled: ChargingOrder
  try {
    settled = await confirmOrder(args, result)
  } catch (error) {
    return undoCharge(args, result, error)
  }
  // [stripe] A payment waiting on the shopper (3-D Secure): the browser finishes it, the provider's webhook settles it.
  return result.status === 'pending' && result.action ? { action: result.action, order: settled } : { order: settled }
}
