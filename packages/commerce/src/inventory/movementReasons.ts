/**
 * Why stock moved. `checkout` takes it; `payment-failed`, `cancelled`, `refunded` and `expired` put an
 * order's stock back; `returned` puts back the lines a partial refund says came back; `edit` is staff changing the count (goods received, written off, a recount);
 * `initial` is the stock a product or variant was created with.
 */
export const STOCK_MOVEMENT_REASONS = ['initial', 'edit', 'checkout', 'payment-failed', 'cancelled', 'refunded', 'returned', 'expired'] as const
export type StockMovementReason = (typeof STOCK_MOVEMENT_REASONS)[number]

/** Who moved it: a signed-in user (staff or customer), a guest at checkout, or the shop itself (a sweeper, a reconciler). */
export const STOCK_ACTOR_TYPES = ['user', 'guest', 'system'] as const
export type StockActorType = (typeof STOCK_ACTOR_TYPES)[number]
