import type { PayloadRequest } from 'payload'

import type { PaymentAdapter } from '../payments'
import type { SanitizedCommercePluginConfig } from '../types'
import type { PlacedOrder } from './placeOrder'

import { PaymentIdempotencyError, PaymentInputError } from '../payments'
import { CheckoutError } from './errors'

type Args = {
  adapter: PaymentAdapter
  config: SanitizedCommercePluginConfig
  details: unknown
  idempotencyKey: string
  order: PlacedOrder & { currency: string; orderNumber: string; total: number }
  req: PayloadRequest
}

/**
 * Starts the payment for a freshly written order, in its transaction, and records the outcome:
 * `paid` moves the order to paid (through the status workflow); `pending`/`authorized` keep it
 * pending with the provider's reference; a decline or bad card details throw, rolling back the order.
 */
export const collectPayment = async ({ adapter, config, details, idempotencyKey, order, req }: Args): Promise<PlacedOrder> => {
  let result
  try {
    result = await adapter.initiate({
      amount: order.total,
      currency: order.currency,
      details,
      idempotencyKey,
      orderId: order.id,
      orderNumber: order.orderNumber,
    })
  } catch (error) {
    if (error instanceof PaymentInputError) {
      throw new CheckoutError(`Payment details: ${error.message}`, 400, { issues: error.issues })
    }
    if (error instanceof PaymentIdempotencyError) {
      throw new CheckoutError('This payment was already attempted with different details. Start a new checkout.', 409)
    }
    throw error
  }
  if (result.status === 'failed') throw new CheckoutError(result.message ?? 'The payment was declined.', 402)

  const paid = result.status === 'paid'
  const updated = await req.payload.update({
    collection: config.slugs.orders,
    context: paid ? { statusChange: 'paid' } : {},
    data: {
      payment: { method: adapter.name, paidAt: paid ? new Date().toISOString() : undefined, reference: result.reference, status: result.status },
    },
    depth: 0,
    id: order.id,
    overrideAccess: true,
    req,
  })
  return updated as unknown as PlacedOrder
}
