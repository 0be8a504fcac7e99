import type { OrderStatus } from './statuses'

/** Where an order may go from each status. Cancelled and refunded are final. */
export const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  cancelled: [],
  delivered: ['refunded'],
  fulfilled: ['shipped', 'refunded'],
  paid: ['fulfilled', 'cancelled', 'refunded'],
  pending: ['paid', 'cancelled'],
  refunded: [],
  shipped: ['delivered', 'refunded'],
}

/** Statuses that put the order's goods back on the shelf. */
export const RESTOCKING_STATUSES: readonly OrderStatus[] = ['cancelled', 'refunded']

/** Why `from → to` is not allowed, naming the allowed next statuses; null when it is allowed. */
export const transitionProblem = (from: OrderStatus, to: OrderStatus): null | string => {
  const allowed = NEXT_STATUSES[from]
  if (allowed.includes(to)) return null
  return allowed.length === 0
    ? `An order that is ${from} cannot change status any more.`
    : `An order cannot go from ${from} to ${to}. Allowed next: ${allowed.join(', ')}.`
}
