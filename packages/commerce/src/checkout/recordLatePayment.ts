import type { PayloadRequest } from 'payload'

import type { WebhookEvent } from '../payments'
import type { SanitizedCommercePluginConfig } from '../types'

type CancelledOrder = { id: number; payment?: null | { status?: null | string } }

/**
 * A provider reports money for an order that is already cancelled (most often: it expired unpaid and
 * its stock went back on sale). The order is not revived — its goods may be sold by now — and not
 * left silent either: its payment is recorded as paid on the cancelled order, so staff see "cancelled,
 * payment paid" in the admin, and an error is logged for them to refund it (or sell the goods by hand).
 * Returns the outcome the webhook answers with. Repeating the event changes nothing more.
 */
export const recordLatePayment = async (
  req: PayloadRequest,
  config: SanitizedCommercePluginConfig,
  order: CancelledOrder,
  event: WebhookEvent,
): Promise<string> => {
  if (order.payment?.status === 'paid') return `order ${order.id} is cancelled; its late payment was already recorded for staff`
  await req.payload.update({
    collection: config.slugs.orders,
    // Payload merges each call's `context` into the request's, so a status change this request tried
    // before (and the workflow refused) would otherwise be tried again here.
    context: { requireStatus: undefined, statusChange: undefined, statusNote: undefined, statusReason: undefined },
    data: { payment: { paidAt: new Date().toISOString(), status: 'paid' } },
    depth: 0,
    id: order.id,
    overrideAccess: true,
    req,
  })
  req.payload.logger.error({
    event: event.eventId,
    msg: 'Payment received for a cancelled order: it stays cancelled; refund the customer or sell the goods by hand',
    order: order.id,
    reference: event.reference,
  })
  return `order ${order.id} is cancelled: the payment is recorded on it for staff to refund; the order stays cancelled`
}
