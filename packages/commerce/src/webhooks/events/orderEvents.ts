import type { CollectionAfterChangeHook } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { emitWebhookEvent } from '../emit'
import { idOf } from './ids'
import { orderResource } from './resources'

type OrderState = {
  currency?: null | string
  customer?: unknown
  id: number
  orderNumber?: null | string
  status?: null | string
  statusHistory?: null | Array<{ reason?: null | string }>
  total?: null | number
}

/** `order.created` when an order is placed; `order.status_changed` when its status moves. Ids only, no personal data. */
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
    return doc
  }
