import type { PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'
import type { Movement } from '../inventory/stock'
import type { RefundableOrder, RefundEntry } from './orderRefunds'

import { refundPayment } from '../checkout/refundPayment'
import { REFUNDABLE_PAYMENT_STATUSES } from '../collections/orders/statuses'
import { returnStock } from '../inventory/stock'
import { emitStockChanges } from '../webhooks/events/inventoryEvents'
import { describeLines, refundableAmount, unrefundedLines } from './orderRefunds'
import { AUDIT_NOTE_CONTEXT, newRecordId, REFUNDS_ADDED_CONTEXT } from './refundContext'

export type WholeOrderSettlement = {
  /** The payment status to store, when money went back. */
  paymentStatus?: 'refunded'
  refundedTotal: number
  refunds: RefundEntry[]
}

/**
 * What cancelling or refunding a whole order does, with the order locked and the change allowed: the
 * money still held goes back (the total less earlier partial refunds, through the provider unless it
 * already gave it back), recorded as one more refund; and the units no earlier refund covered go back
 * on the shelf (units an earlier refund covered were settled then, restocked or not).
 */
export const settleWholeOrder = async (
  req: PayloadRequest,
  config: SanitizedCommercePluginConfig,
  order: RefundableOrder,
  { movement, note, refundedByProvider }: { movement: Movement; note: null | string; refundedByProvider: boolean },
): Promise<WholeOrderSettlement> => {
  const refunds = order.refunds ?? []
  const refundedTotal = order.refundedTotal ?? 0
  const lines = unrefundedLines(order)
  await emitStockChanges(req, config, await returnStock(req, config.slugs, lines.flatMap(({ product, quantity, variant }) => (product === null ? [] : [{ product, quantity, variant }])), movement))
  const amount = refundableAmount(order)
  if (!REFUNDABLE_PAYMENT_STATUSES.includes(order.payment?.status ?? '') || amount <= 0) return { refundedTotal, refunds }
  const reference = refundedByProvider ? null : await refundPayment(req, config, order, { amount })
  const entry: RefundEntry = {
    amount,
    id: newRecordId(),
    at: new Date().toISOString(),
    by: movement.actor ?? null,
    lines: lines.map(({ item, quantity, restock, sku }) => ({ item, quantity, restock, sku })),
    reason: note,
    reference,
    wholeOrder: true,
  }
  req.context[REFUNDS_ADDED_CONTEXT] = [entry.id]
  req.context[AUDIT_NOTE_CONTEXT] = `refund ${entry.id} of ${amount} (whole order)${lines.length > 0 ? `: ${describeLines(lines)}` : ''}`
  return { paymentStatus: 'refunded', refundedTotal: order.total, refunds: [...refunds, entry] }
}
