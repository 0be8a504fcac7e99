import type { PaymentAdapter } from '../payments'

import { PaymentIdempotencyError, PaymentInputError } from '../payments'
import { CheckoutError } from './errors'

type Args = {
  adapter: PaymentAdapter
  /** In minor units. */
  amount: number
  currency: string
  details: unknown
  idempotencyKey: string
  /** Drawn before the order is written: the provider's reference to it. */
  orderNumber: string
}

/** What the new order records about its payment (the orders collection's `payment` group). */
export type CollectedPayment = {
  method: string
  /** Set when the money was captured at once. */
  paidAt?: string
  reference: string
  status: 'authorized' | 'paid' | 'pending'
}

/**
 * Starts the payment for an order about to be written, and returns what the order records about it:
 * `paid` (captured), `pending` or `authorized` (with the provider's reference). Writes nothing, so the
 * order can be created in its final state in one write. A decline or bad card details throw, and the
 * checkout's transaction rolls back whatever it did.
 */
export const collectPayment = async ({ adapter, amount, currency, details, idempotencyKey, orderNumber }: Args): Promise<CollectedPayment> => {
  let result
  try {
    result = await adapter.initiate({ amount, currency, details, idempotencyKey, orderNumber })
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
  return {
    method: adapter.name,
    ...(result.status === 'paid' && { paidAt: new Date().toISOString() }),
    reference: result.reference,
    status: result.status,
  }
}
