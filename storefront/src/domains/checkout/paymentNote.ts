import type { Dictionary } from '../i18n/dictionary'
import type { Order } from './order'

/** Why the CMS cancelled an order on its own: no payment by its due time. */
export const EXPIRED_UNPAID = 'expired-unpaid'

/**
 * What the order page tells the shopper about paying: by when a bank transfer must arrive (after that
 * the order is cancelled and its items go back on sale), that it did not, or that the money came.
 * `formatDate` formats an ISO time for the page's locale, `words` are the page's language's.
 */
export const paymentNote = (
  order: Pick<Order, 'payment' | 'status' | 'statusHistory'>,
  formatDate: (iso: string) => string,
  words: Dictionary['order']['paymentNotes'],
): string | undefined => {
  const { dueAt, method, status: paymentStatus } = order.payment ?? {}
  const expired = order.statusHistory.at(-1)?.reason === EXPIRED_UNPAID
  if (order.status === 'cancelled') {
    if (paymentStatus === 'paid') return words.arrivedLate
    if (expired) return words.expired
    return undefined
  }
  if (paymentStatus === 'paid') return words.received
  if (order.status !== 'pending' || method !== 'manual') return undefined
  return dueAt ? words.payBy(formatDate(dueAt)) : words.pay
}
