import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { MAX_HOLD_MINUTES } from '../../sanitizeConfig'

type OrderData = { payment?: null | { dueAt?: null | string }; status?: string }

const MINUTE_MS = 60_000

const instant = (value: null | string | undefined): null | number => {
  if (value === null || value === undefined || value === '') return null
  const time = Date.parse(value)
  return Number.isNaN(time) ? Number.NaN : time
}

/**
 * An order placed unpaid holds its stock until `payment.dueAt`: set here when it is created pending,
 * `holdMinutes` ahead (an order paid at checkout holds nothing and gets none). After it, the sweeper
 * cancels the order as expired (`unpaidOrders/`). Staff may move the time while the order is still
 * pending, to a moment in the future; it cannot be removed, since that would hold the stock forever.
 * Runs after the status workflow, so the status it checks is the one read under the order's lock.
 */
export const holdUnpaidStock =
  (config: SanitizedCommercePluginConfig): CollectionBeforeChangeHook =>
  ({ collection, data, operation, originalDoc, req }) => {
    const order = data as OrderData
    const payment = order.payment ?? {}
    if (operation === 'create') {
      if (order.status !== 'pending') return data
      const dueAt = payment.dueAt ?? new Date(Date.now() + config.unpaidOrders.holdMinutes * MINUTE_MS).toISOString()
      return { ...data, payment: { ...payment, dueAt } }
    }

    if (!('dueAt' in payment)) return data
    const before = instant((originalDoc as OrderData | undefined)?.payment?.dueAt)
    const after = instant(payment.dueAt)
    if (before === after) return data
    const refuse = (message: string) =>
      new ValidationError({ collection: collection.slug, errors: [{ message, path: 'payment.dueAt' }] }, req.t)
    if (order.status !== 'pending') throw refuse(`The payment due time can only change while the order is pending; it is ${order.status}.`)
    if (after === null) throw refuse('A pending order needs a payment due time; set a later one to give the customer longer.')
    if (Number.isNaN(after)) throw refuse('The payment due time must be a date and time (ISO 8601).')
    if (after <= Date.now()) throw refuse('The payment due time must be in the future. To release the stock now, cancel the order.')
    if (after > Date.now() + MAX_HOLD_MINUTES * MINUTE_MS) throw refuse('The payment due time can be at most a year ahead.')
    return { ...data, payment: { ...payment, dueAt: new Date(after).toISOString() } }
  }
