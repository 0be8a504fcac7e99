import { APIError, type PayloadRequest } from 'payload'

import type { PaymentAdapter } from '../payments/types'
import type { SanitizedCommercePluginConfig } from '../types'

export type OrderPayment = {
  currency: string
  id: number
  orderNumber?: null | string
  payment?: { method?: null | string; reference?: null | string; status?: null | string } | null
  total: number
}

/** One whole-order refund key per order: whoever refunds it (staff, a cancel, checkout undoing a charge) pays back once. */
export const refundKeyOf = (order: Pick<OrderPayment, 'id'>): string => `refund:order:${order.id}`

/** A partial refund's key, from its record's id: a retry of the same refund (same record) pays back once. */
export const partialRefundKeyOf = (order: Pick<OrderPayment, 'id'>, refundId: string): string => `refund:order:${order.id}:${refundId}`

/**
 * Gives `amount` of an order's payment back through its provider, with `idempotencyKey` (by default the
 * whole-order key; a partial refund passes its record's). Called with the order locked and the refund
 * checked, so a refused change never pays anything back and two concurrent refunds cannot both pay.
 * A refusal (no payment to refund, or the provider declines) is a 409 with the provider's reason; a
 * provider that does not answer is a 502: nothing is recorded, and a retry with the same key refunds once.
 * Returns the provider's reference for the refund.
 */
export const refundPayment = async (
  req: PayloadRequest,
  config: SanitizedCommercePluginConfig,
  order: OrderPayment,
  { amount = order.total, idempotencyKey = refundKeyOf(order) }: { amount?: number; idempotencyKey?: string } = {},
): Promise<string> => {
  const { method, reference } = order.payment ?? {}
  if (!method || !reference || !config.payments.names().includes(method)) {
    throw new APIError('This order has no payment that can be refunded here.', 409, undefined, true)
  }
  let result: Awaited<ReturnType<PaymentAdapter['refund']>>
  try {
    result = await config.payments.get(method).refund({ amount, currency: order.currency, idempotencyKey, reference })
  } catch (cause) {
    req.payload.logger.error({ err: cause, msg: 'The payment provider did not answer a refund', order: order.id, reference })
    throw new APIError('The payment provider did not answer; nothing was refunded or recorded. Try again: a retry refunds once.', 502, undefined, true)
  }
  if (result.status !== 'refunded') throw new APIError(result.message ?? 'The payment provider refused the refund.', 409, undefined, true)
  req.payload.logger.info({ amount, msg: 'Refunded an order’s payment', order: order.id, reference, refund: result.reference })
  return result.reference
}
