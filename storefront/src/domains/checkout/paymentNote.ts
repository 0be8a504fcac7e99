import type { Order } from './order'

/** Why the CMS cancelled an order on its own: no payment by its due time. */
export const EXPIRED_UNPAID = 'expired-unpaid'

/**
 * What the order page tells the shopper about paying: by when a bank transfer must arrive (after that
 * the order is cancelled and its items go back on sale), that it did not, or that the money came.
 * `formatDate` formats an ISO time for the page's locale.
 */
export const paymentNote = (order: Pick<Order, 'payment' | 'status' | 'statusHistory'>, formatDate: (iso: string) => string): string | undefined => {
  const { dueAt, method, status: paymentStatus } = order.payment ?? {}
  const expired = order.statusHistory.at(-1)?.reason === EXPIRED_UNPAID
  if (order.status === 'cancelled') {
    if (paymentStatus === 'paid') return 'Your payment arrived after this order was cancelled: we will refund it.'
    if (expired) return 'We did not receive your payment in time, so this order was cancelled and its items were released.'
    return undefined
  }
  if (paymentStatus === 'paid') return 'Your payment was received.'
  if (order.status !== 'pending' || method !== 'manual') return undefined
  return dueAt
    ? `Please pay by bank transfer by ${formatDate(dueAt)}: we send the details by email and ship once the money arrives. If it has not arrived by then, the order is cancelled.`
    : 'Please pay by bank transfer: we send the details by email and ship once the money arrives.'
}
