import { APIError, type PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

export type OrderPayment = {
  currency: string
  id: number
  orderNumber?: null | string
  payment?: { method?: null | string; reference?: null | string; status?: null | string } | null
  total: number
}

/** One refund key per order: whoever refunds it (staff, a cancel, checkout undoing a charge) pays back once. */
export const refundKeyOf = (order: Pick<OrderPayment, 'id'>): string => `refund:order:${order.id}`

/**
 * Refunds an order's payment in full through its provider. Called by the status workflow after it has
 * locked the order and checked the change is allowed, so a refused change never pays anything back and
 * two concurrent changes cannot both refund. A refusal (no payment to refund, or the provider declines)
 * is a 409 with the provider's reason, and the change does not happen.
 */
export const refundPayment = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, order: OrderPayment): Promise<void> => {
  const { method, reference } = order.payment ?? {}
  if (!method || !reference || !config.payments.names().includes(method)) {
    throw new APIError('This order has no payment that can be refunded here.', 409, undefined, true)
  }
  const result = await config.payments.get(method).refund({ amount: order.total, currency: order.currency, idempotencyKey: refundKeyOf(order), reference })
  if (result.status !== 'refunded') throw new APIError(result.message ?? 'The payment provider refused the refund.', 409, undefined, true)
  req.payload.logger.info({ msg: 'Refunded an order’s payment', order: order.id, reference, refund: result.reference })
}
