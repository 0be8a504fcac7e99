import type { PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { CheckoutError } from './errors'

type OrderPayment = { currency: string; payment?: { method?: null | string; reference?: null | string; status?: null | string }; total: number }

/**
 * Refunds an order's payment in full through its provider and returns the payment fields to store.
 * The idempotency key is the order's, so a retried refund never pays back twice; a refusal (nothing
 * was paid, or the provider declines) stops the status change with a 409 and the provider's reason.
 */
export const refundPayment = async (
  req: PayloadRequest,
  config: SanitizedCommercePluginConfig,
  orderId: number,
): Promise<{ status: 'refunded' }> => {
  const order = (await req.payload.findByID({ collection: config.slugs.orders, depth: 0, id: orderId, overrideAccess: true, req })) as unknown as OrderPayment
  const { method, reference } = order.payment ?? {}
  if (!method || !reference || !config.payments.names().includes(method)) {
    throw new CheckoutError('This order has no payment that can be refunded here.', 409)
  }
  const result = await config.payments.get(method).refund({
    amount: order.total,
    currency: order.currency,
    idempotencyKey: `refund:order:${orderId}`,
    reference,
  })
  if (result.status !== 'refunded') throw new CheckoutError(result.message ?? 'The payment provider refused the refund.', 409)
  return { status: 'refunded' }
}
