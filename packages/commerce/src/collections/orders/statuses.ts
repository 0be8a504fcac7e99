export const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'shipped', 'delivered', 'cancelled', 'refunded'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** `charging`: checkout has written the order and is taking the payment (see docs/payments.md). */
export const PAYMENT_STATUSES = ['charging', 'pending', 'authorized', 'paid', 'failed', 'refunded'] as const

/** Why the system changed an order's status, when no person did (kept in its history). */
export const STATUS_REASONS = ['expired-unpaid'] as const
export type StatusReason = (typeof STATUS_REASONS)[number]
