export const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'shipped', 'delivered', 'cancelled', 'refunded'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/**
 * `charging`: checkout has written the order and is taking the payment (see docs/payments.md).
 * `partially_refunded`: part of what was paid went back (`refundedTotal` says how much); `refunded`: all of it.
 */
export const PAYMENT_STATUSES = ['charging', 'pending', 'authorized', 'paid', 'failed', 'partially_refunded', 'refunded'] as const

/** Payment statuses with money taken that may still (partly) go back. */
export const REFUNDABLE_PAYMENT_STATUSES: readonly string[] = ['paid', 'partially_refunded']

/** Why the system changed an order's status, when no person did (kept in its history). */
export const STATUS_REASONS = ['expired-unpaid'] as const
export type StatusReason = (typeof STATUS_REASONS)[number]
