import { APIError, type CollectionBeforeChangeHook, ValidationError } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../../types'
import type { OrderStatus, StatusReason } from './statuses'

import type { RefundableOrder } from '../../returns/orderRefunds'

import { tableOf, transactionSql } from '../../database'
import { STOCK_MOVEMENT_REASONS } from '../../inventory/movementReasons'
import { settleWholeOrder } from '../../returns/settleWholeOrder'
import { RESTOCKING_STATUSES, transitionProblem } from './statusWorkflow'

type HistoryEntry = { at: string; by?: null | number; from?: null | OrderStatus; note?: null | string; reason?: null | StatusReason; to: OrderStatus }
type OrderData = RefundableOrder & { statusHistory?: HistoryEntry[] }
type Locked = { attention: boolean | null; payment: null | string; status: OrderStatus }

const conflict = (message: string) => new APIError(message, 409, undefined, true)

/**
 * Every path that writes an order (REST, admin UI, Local API) goes through here:
 * - a new order starts `pending`, with its first history entry;
 * - a status change must follow `NEXT_STATUSES`, else 400 naming the allowed next statuses;
 * - each change is appended to the history (from, to, who, when); the history is never edited;
 * - cancelling or refunding an order whose payment was taken refunds what is left of it through its
 *   provider, and puts back the units no partial refund covered — each exactly once (`settleWholeOrder`);
 * - the refunds, return requests and `refundedTotal` are kept as stored: only the refund and return
 *   endpoints change them (`applyOrderRefunds`, the next hook).
 * The order row is locked (`FOR UPDATE`) first and the status re-read, and only then is anything checked
 * or refunded, so two concurrent changes are applied one after the other: the second sees the first's
 * result (cancel + refund at once → one wins, one refund, one restock).
 *
 * Context a server caller may set (`req.context` cannot be set over REST): `requireStatus` and
 * `requirePaymentStatus` (where the order must still be), `settlingPayment` (checkout or the reconciler
 * settling a `charging` payment), `refundedByProvider` (the provider already gave the money back),
 * `statusChange`, `statusNote`, `stockReason` (a ledger reason such as `expired`).
 */
export const enforceStatusWorkflow =
  (config: SanitizedCommercePluginConfig): CollectionBeforeChangeHook =>
  async ({ collection, data, operation, originalDoc, req }) => {
    const order = data as OrderData
    // Postgres ids are integers; without the host's generated types Payload types them `number | string`.
    const by = req.user ? Number(req.user.id) : null
    const now = new Date().toISOString()
    const refuse = (message: string) =>
      new ValidationError({ collection: collection.slug, errors: [{ message, path: 'status' }] }, req.t)

    if (operation === 'create') {
      if (order.status && order.status !== 'pending') throw refuse('A new order starts as pending.')
      return { ...data, status: 'pending', statusHistory: [{ at: now, by, from: null, to: 'pending' }] }
    }

    const id = (originalDoc as { id?: number } | undefined)?.id
    if (id === undefined) throw new APIError('Order update without the stored order', 500)
    const db = await transactionSql(req)
    const { rows } = await db.execute<Locked>(
      sql`select status, payment_status as payment, needs_attention as attention from ${sql.identifier(tableOf(req, collection.slug))} where id = ${id} for update`,
    )
    const locked = rows[0]
    if (!locked) throw new APIError(`Order ${id} no longer exists`, 404)
    const current = locked.status
    // Fresh after the lock: what another request appended meanwhile is kept.
    // With hidden fields: the refunds written back keep their request fingerprints.
    const stored = (await req.payload.findByID({ collection: collection.slug, depth: 0, id, overrideAccess: true, req, showHiddenFields: true })) as OrderData
    const history = stored.statusHistory ?? []
    // Append-only, like the history: whatever the request sent, the stored refunds stay.
    const kept = { refundedTotal: stored.refundedTotal ?? 0, refunds: stored.refunds ?? [], returnRequests: stored.returnRequests ?? [] }

    // A caller may insist on where the order must still be (a customer cancels only while pending).
    const required = req.context.requireStatus
    if (typeof required === 'string' && required !== current) throw conflict(`This order is ${current} now, so it can no longer be changed this way.`)
    const requiredPayment = req.context.requirePaymentStatus
    if (typeof requiredPayment === 'string' && requiredPayment !== locked.payment) throw conflict(`This order's payment is ${locked.payment} now.`)

    // A change is intended when asked for explicitly (the status endpoint), or when the request's
    // status differs from the one it was based on (an edit in the admin).
    const previous = (originalDoc as OrderData).status
    const explicit = req.context.statusChange as OrderStatus | undefined
    const wanted = explicit ?? (order.status && order.status !== previous ? order.status : null)
    if (wanted === null) return { ...data, ...kept, status: current, statusHistory: history }

    // Someone else got there first (two cancels at once): the second is refused, not repeated.
    const problem = wanted === current ? `The order is already ${current}.` : transitionProblem(current, wanted)
    if (problem) throw refuse(problem)
    // While checkout is taking the payment, only it (or staff resolving a flagged order) moves the order.
    if (locked.payment === 'charging' && req.context.settlingPayment !== true && locked.attention !== true) {
      throw conflict('The payment for this order is still being taken. Try again in a moment.')
    }
    let payment = data.payment as OrderData['payment']
    const note = typeof req.context.statusNote === 'string' ? req.context.statusNote : null
    let settled = kept
    // Staff marking an order paid say the money arrived (a bank transfer): its payment is then paid too,
    // which is what a later refund checks.
    if (wanted === 'paid' && stored.payment?.status === 'pending') payment = { ...payment, paidAt: now, status: 'paid' } as OrderData['payment']
    if (RESTOCKING_STATUSES.includes(wanted)) {
      // Who asked (staff, the customer) or the shop itself; why: the new status, unless the caller names
      // a closer reason (a declined payment, an expired hold).
      const reason = STOCK_MOVEMENT_REASONS.find((known) => known === req.context.stockReason) ?? (wanted === 'refunded' ? 'refunded' : 'cancelled')
      const movement = { actor: by, actorType: by === null ? 'system' : 'user', order: id, reason } as const
      // Only now, with the order locked and the change allowed, does money go back.
      const settlement = await settleWholeOrder(req, config, stored, { movement, note, refundedByProvider: req.context.refundedByProvider === true })
      settled = { ...kept, refundedTotal: settlement.refundedTotal, refunds: settlement.refunds }
      if (settlement.paymentStatus) payment = { ...payment, status: settlement.paymentStatus }
    }
    // Set by server code only (the sweeper): `req.context` cannot be set over REST.
    const reason = typeof req.context.statusReason === 'string' ? (req.context.statusReason as StatusReason) : null
    return { ...data, ...settled, ...(payment && { payment }), status: wanted, statusHistory: [...history, { at: now, by, from: current, note, reason, to: wanted }] }
  }
