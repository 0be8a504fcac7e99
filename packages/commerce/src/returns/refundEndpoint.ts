import { createHash } from 'node:crypto'

import { APIError, type Endpoint, type PayloadRequest } from 'payload'
import { z } from 'zod'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderRefundOperation } from './applyOrderRefunds'
import type { RefundableOrder } from './orderRefunds'

import { isStaffUser } from '../access/roles'
import { orderEndpointError, orderIdParam, readBody } from '../checkout/endpointRequest'
import { CheckoutError } from '../checkout/errors'
import { MAX_INTEGER } from '../fields/integer'
import { newRecordId, ORDER_REFUNDS_CONTEXT, REFUND_REPLAYED_CONTEXT } from './refundContext'

const quantity = z.number().int().min(1).max(MAX_INTEGER)
const lineId = z.string().min(1).max(64)

/** What `POST /orders/:id/refunds` accepts: chosen lines, an amount, or both (also its OpenAPI description). */
export const refundBodySchema = z
  .strictObject({
    amount: z.number().int().min(1).max(MAX_INTEGER).optional(),
    lines: z.array(z.strictObject({ item: lineId, quantity, restock: z.boolean().optional() })).max(500).optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((body) => body.amount !== undefined || (body.lines?.length ?? 0) > 0)

/** What `POST /orders/:id/returns` accepts from the customer. */
export const returnRequestBodySchema = z.strictObject({
  lines: z.array(z.strictObject({ item: lineId, quantity })).min(1).max(500),
  reason: z.string().trim().min(1).max(500),
})

/** What `POST /orders/:id/returns/:returnId` accepts from staff. */
export const returnDecisionBodySchema = z.strictObject({
  amount: z.number().int().min(1).max(MAX_INTEGER).optional(),
  decision: z.enum(['accept', 'reject']),
  note: z.string().trim().max(500).optional(),
})

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

/**
 * The refund record's id: from the client's `Idempotency-Key` when it sent one (the same key on the same
 * order is the same refund, so a retry pays back once), else a new one.
 */
const refundIdOf = (req: PayloadRequest, order: number): { refundId: string } => {
  const key = req.headers.get('idempotency-key')
  if (key === null) return { refundId: newRecordId() }
  if (!IDEMPOTENCY_KEY.test(key)) throw new CheckoutError('The Idempotency-Key header must be 1–255 visible ASCII characters.', 400)
  return { refundId: createHash('sha256').update(`refund:${order}:${key}`).digest('hex').slice(0, 24) }
}

const hashOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex')

/** The answer for a refused refund or return step: its own status and reason (the provider's, the rules'). */
export const refundError = (error: unknown, conflict: string): Response => {
  if (error instanceof APIError && error.isPublic && (error.status === 409 || error.status === 502)) {
    return Response.json({ errors: [{ message: error.message }] }, { status: error.status })
  }
  return orderEndpointError(error, conflict)
}

/** Runs a refund or return step on the order (locked and checked by the collection's hooks). */
export const runOrderRefundOperation = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, id: number, op: OrderRefundOperation) =>
  (await req.payload.update({ collection: config.slugs.orders, context: { [ORDER_REFUNDS_CONTEXT]: op }, data: {}, depth: 0, id, overrideAccess: true, req })) as unknown as RefundableOrder &
    Record<string, unknown>

/** The refund a step added (or replayed), as the response shows it. */
export const refundOf = (order: RefundableOrder, refundId: string) => order.refunds?.find((entry) => entry.id === refundId)

/**
 * `POST /orders/:id/refunds` `{ lines?: [{ item, quantity, restock? }], amount?, reason? }`: staff give
 * back chosen lines (each restocked or not) or an amount, through the order's payment provider. Send an
 * `Idempotency-Key` header to make retries safe: the same key answers with the first refund (200).
 * Rules (`planRefund`): 400 for a line or amount beyond what is left, 409 when the order cannot be
 * refunded (nothing paid, cancelled, fully refunded) or the provider refuses, 502 when it does not answer.
 */
export const refundEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    try {
      if (!isStaffUser(config.roles, req.user)) throw new CheckoutError('Only staff can refund an order.', 403)
      const id = orderIdParam(req)
      const { refundId } = refundIdOf(req, id)
      const body = await readBody(
        req,
        refundBodySchema,
        'Send { "lines"?: [{ "item": order line id, "quantity": whole number ≥ 1, "restock"?: true if it came back }], "amount"?: minor units ≥ 1, "reason"?: text } with lines or an amount.',
      )
      const requestHash = req.headers.get('idempotency-key') === null ? undefined : hashOf(body)
      const order = await runOrderRefundOperation(req, config, id, { ...body, kind: 'refund', refundId, requestHash })
      const replayed = req.context[REFUND_REPLAYED_CONTEXT] === true
      return Response.json({ order, refund: refundOf(order, refundId) }, { status: replayed ? 200 : 201 })
    } catch (error) {
      return refundError(error, 'The order changed meanwhile; reload it and try again.')
    }
  },
  method: 'post',
  path: '/:id/refunds',
})
