import type { CollectionAfterChangeHook } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { emitWebhookEvent } from '../emit'
import { idOf } from './ids'
import { orderResource } from './resources'
import type { RefundEntry } from '../../returns/orderRefunds'
import { REFUNDS_ADDED_CONTEXT } from '../../returns/refundContext'

type OrderState = {
  currency?: null | string
  refundedTotal?: null | number
  refunds?: null | RefundEntry[]
  customer?: unknown
  id: number
  orderNumber?: null | string
  status?: null | string
  statusHistory?: null | Array<{ reason?: null | string }>
  total?: null | number
}

/**
 * `order.created` when an order is placed; `order.status_changed` when its status moves; `order.refunded`
 * for each refund the write added (after the status change, when both happen). Ids only, no personal data.
 */
export const orderWebhookEvents =
  (config: SanitizedCommercePluginConfig): CollectionAfterChangeHook =>
  async ({ doc, operation, previousDoc, req }) => {
    const order = doc as OrderState
    const base = { customer: idOf(order.customer), id: order.id, number: order.orderNumber ?? '', resource: orderResource(order.id) }
    if (operation === 'create') {
      await emitWebhookEvent(req, config, 'order.created', {
        ...base,
        currency: order.currency ?? config.defaultCurrency,
        status: order.status ?? 'pending',
        total: order.total ?? 0,
      })
      return doc
    }
    const from = (previousDoc as OrderState | undefined)?.status
    if (from && order.status && from !== order.status) {
      // The entry the workflow just appended says why, when the system made the change.
      const reason = order.statusHistory?.at(-1)?.reason ?? undefined
      await emitWebhookEvent(req, config, 'order.status_changed', { ...base, changedAt: new Date().toISOString(), from, ...(reason && { reason }), to: order.status })
    }
    const added = req.context[REFUNDS_ADDED_CONTEXT]
    delete req.context[REFUNDS_ADDED_CONTEXT]
    for (const refund of (order.refunds ?? []).filter((entry) => Array.isArray(added) && added.includes(entry.id))) {
      await emitWebhookEvent(req, config, 'order.refunded', {
        ...base,
        currency: order.currency ?? config.defaultCurrency,
        refund: {
          amount: refund.amount,
          id: refund.id ?? '',
          lines: (refund.lines ?? []).map((line) => ({ quantity: line.quantity, restocked: line.restock, sku: line.sku })),
          wholeOrder: refund.wholeOrder === true,
        },
        refundedTotal: order.refundedTotal ?? 0,
        total: order.total ?? 0,
      })
    }
    return doc
  }
