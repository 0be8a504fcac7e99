import type { PayloadRequest } from 'payload'

import type { StatusReason } from '../collections/orders/statuses'
import type { SanitizedCommercePluginConfig } from '../types'

import type { DueOrder } from './claimDueOrder'

export const EXPIRED_UNPAID: StatusReason = 'expired-unpaid'

/**
 * Cancels a pending order as expired unpaid, in the request's transaction, which must hold the order
 * (`claimDueOrder`). It goes through the status workflow like any cancel: the history gets
 * `pending → cancelled` with reason `expired-unpaid` and no person as actor, the stock comes back once
 * (the workflow's restocking path), and `order.status_changed` (with `reason`) goes out after the commit.
 * The one place to change what "expire an order" does.
 */
export const cancelExpiredOrder = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, order: DueOrder): Promise<void> => {
  await req.payload.update({
    collection: config.slugs.orders,
    context: {
      // The audit log names the sweeper as the actor of the cancel and of the stock it returns.
      auditActor: 'sweeper',
      // Under the claim's lock the order is still pending; the workflow checks it again all the same.
      requireStatus: 'pending',
      statusChange: 'cancelled',
      statusNote: `No payment by ${order.dueAt}: cancelled as expired, its stock released.`,
      statusReason: EXPIRED_UNPAID,
      // The stock ledger records why it came back.
      stockReason: 'expired',
    },
    data: { status: 'cancelled' },
    depth: 0,
    id: order.id,
    overrideAccess: true,
    req,
  })
}
