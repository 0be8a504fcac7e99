import { type CollectionBeforeChangeHook, type PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'
import type { LineRequest, RefundableOrder, RefundEntry, RefundPlan, ReturnRequestEntry } from './orderRefunds'

import { partialRefundKeyOf, refundPayment } from '../checkout/refundPayment'
import { CheckoutError } from '../checkout/errors'
import { returnStock } from '../inventory/stock'
import { emitStockChanges } from '../webhooks/events/inventoryEvents'
import { AUDIT_NOTE_CONTEXT, ORDER_REFUNDS_CONTEXT, REFUND_REPLAYED_CONTEXT, REFUNDS_ADDED_CONTEXT } from './refundContext'
import { describeLines, paymentStatusAfter, planRefund, planReturn } from './orderRefunds'

/** What the refund and return endpoints ask of an order (`req.context.orderRefunds`; not settable over REST). */
export type OrderRefundOperation =
  | { amount?: number; kind: 'refund'; lines?: LineRequest[]; reason?: string; refundId: string; requestHash?: string }
  | { amount?: number; kind: 'acceptReturn'; note?: string; refundId: string; returnRequest: string }
  | { kind: 'rejectReturn'; note?: string; returnRequest: string }
  | { kind: 'requestReturn'; lines: Array<{ item: string; quantity: number }>; reason: string; requestId: string }

type Stored = RefundableOrder & { refundedTotal: number; refunds: RefundEntry[]; returnRequests: ReturnRequestEntry[] }

const openRequest = (order: Stored, id: string): ReturnRequestEntry => {
  const request = order.returnRequests.find((entry) => entry.id === id)
  if (!request) throw new CheckoutError('This order has no such return request.', 404)
  if (request.status !== 'requested') throw new CheckoutError(`This return request was already ${request.status}.`, 409)
  return request
}

/** Pays a planned refund back through the provider, puts the returned lines back on sale, and returns its record. */
const refund = async (
  req: PayloadRequest,
  config: SanitizedCommercePluginConfig,
  order: Stored,
  plan: RefundPlan,
  record: { id: string; reason?: string; requestHash?: string; returnRequest?: string },
): Promise<RefundEntry> => {
  const by = req.user ? Number(req.user.id) : null
  // Derived from the record: the same refund retried (same Idempotency-Key) pays back once.
  const reference = await refundPayment(req, config, order, { amount: plan.amount, idempotencyKey: partialRefundKeyOf(order, record.id) })
  const back = plan.lines.flatMap(({ product, quantity, restock, variant }) => (restock && product !== null ? [{ product, quantity, variant }] : []))
  const movement = { actor: by, actorType: by === null ? 'system' : 'user', order: order.id, reason: 'returned' } as const
  await emitStockChanges(req, config, await returnStock(req, config.slugs, back, movement))
  return {
    amount: plan.amount,
    at: new Date().toISOString(),
    by,
    id: record.id,
    lines: plan.lines.map(({ item, quantity, restock, sku }) => ({ item, quantity, restock, sku })),
    reason: record.reason ?? null,
    reference,
    requestHash: record.requestHash ?? null,
    returnRequest: record.returnRequest ?? null,
    wholeOrder: false,
  }
}

/**
 * Applies a refund or a return step to an order, after the status workflow (the previous hook) has
 * locked its row: everything is checked against the order as it is now, so concurrent refunds are
 * applied one after the other and together never give back more than was paid. Money goes back through
 * the provider before anything is written; a refusal writes nothing.
 */
export const applyOrderRefunds =
  (config: SanitizedCommercePluginConfig): CollectionBeforeChangeHook =>
  async ({ collection, data, operation, originalDoc, req }) => {
    const op = req.context[ORDER_REFUNDS_CONTEXT] as OrderRefundOperation | undefined
    if (operation !== 'update' || !op) return data
    const id = (originalDoc as { id: number }).id
    // Read after the lock: what a concurrent refund committed is included.
    const fresh = (await req.payload.findByID({ collection: collection.slug, depth: 0, id, overrideAccess: true, req, showHiddenFields: true })) as RefundableOrder
    const order: Stored = { ...fresh, refundedTotal: fresh.refundedTotal ?? 0, refunds: fresh.refunds ?? [], returnRequests: fresh.returnRequests ?? [] }
    const by = req.user ? Number(req.user.id) : null
    const now = new Date().toISOString()

    if (op.kind === 'requestReturn') {
      const lines = planReturn(order, op.lines)
      req.context[AUDIT_NOTE_CONTEXT] = `return requested: ${describeLines(lines)}`
      const request: ReturnRequestEntry = { id: op.requestId, lines, reason: op.reason, requestedAt: now, requestedBy: by, status: 'requested' }
      return { ...data, returnRequests: [...order.returnRequests, request] }
    }
    if (op.kind === 'rejectReturn') {
      openRequest(order, op.returnRequest)
      req.context[AUDIT_NOTE_CONTEXT] = `return ${op.returnRequest} rejected${op.note ? `: ${op.note}` : ''}`
      const returnRequests = order.returnRequests.map((entry) =>
        entry.id === op.returnRequest ? { ...entry, decidedAt: now, decidedBy: by, decisionNote: op.note ?? null, status: 'rejected' as const } : entry,
      )
      return { ...data, returnRequests }
    }

    // A settled request is refused before anything else (its refund's id is its own, see returnEndpoints).
    if (op.kind === 'acceptReturn') openRequest(order, op.returnRequest)
    const earlier = order.refunds.find((entry) => entry.id === op.refundId)
    if (earlier) {
      // The same Idempotency-Key again: the first answer, unless the request differs.
      if (op.kind === 'refund' && earlier.requestHash !== (op.requestHash ?? null)) {
        throw new CheckoutError('This Idempotency-Key was already used for a different refund of this order.', 409)
      }
      req.context[REFUND_REPLAYED_CONTEXT] = true
      return data
    }
    let entry: RefundEntry
    let returnRequests = order.returnRequests
    if (op.kind === 'acceptReturn') {
      const request = openRequest(order, op.returnRequest)
      // Accepting a return means its goods came back: they go back on sale.
      const plan = planRefund(order, { amount: op.amount, lines: (request.lines ?? []).map(({ item, quantity }) => ({ item, quantity, restock: true })) })
      entry = await refund(req, config, order, plan, { id: op.refundId, reason: op.note ?? request.reason, returnRequest: op.returnRequest })
      returnRequests = returnRequests.map((other) =>
        other.id === op.returnRequest ? { ...other, decidedAt: now, decidedBy: by, decisionNote: op.note ?? null, refund: op.refundId, status: 'accepted' as const } : other,
      )
    } else {
      const plan = planRefund(order, { amount: op.amount, lines: op.lines })
      entry = await refund(req, config, order, plan, { id: op.refundId, reason: op.reason, requestHash: op.requestHash })
    }
    const refundedTotal = order.refundedTotal + entry.amount
    const lines = entry.lines ?? []
    req.context[AUDIT_NOTE_CONTEXT] = `refund ${entry.id} of ${entry.amount}${lines.length > 0 ? `: ${describeLines(lines)}` : ''}${entry.reason ? ` (${entry.reason})` : ''}`
    req.context[REFUNDS_ADDED_CONTEXT] = [entry.id]
    const payment = { ...(data.payment as object | undefined), status: paymentStatusAfter(order, refundedTotal) }
    return { ...data, payment, refundedTotal, refunds: [...order.refunds, entry], returnRequests }
  }
