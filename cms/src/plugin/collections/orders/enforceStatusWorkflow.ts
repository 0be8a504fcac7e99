import { APIError, type CollectionBeforeChangeHook, ValidationError } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../../types'
import type { OrderStatus } from './statuses'

import { tableOf, transactionSql } from '../../database'
import { STOCK_MOVEMENT_REASONS } from '../../inventory/movementReasons'
import { returnStock, type StockLine } from '../../inventory/stock'
import { emitStockChanges } from '../../webhooks/events/inventoryEvents'
import { RESTOCKING_STATUSES, transitionProblem } from './statusWorkflow'

type HistoryEntry = { at: string; by?: null | number; from?: null | OrderStatus; note?: null | string; to: OrderStatus }
type OrderItem = { product?: null | number | { id: number }; quantity: number; variantId?: null | string }
type OrderData = { items?: OrderItem[]; status?: OrderStatus; statusHistory?: HistoryEntry[] }

const productId = (value: OrderItem['product']): null | number =>
  value === null || value === undefined ? null : typeof value === 'number' ? value : value.id

/**
 * Every path that writes an order (REST, admin UI, Local API) goes through here:
 * - a new order starts `pending`, with its first history entry (or, paid at checkout, goes on to `paid`);
 * - a status change must follow `NEXT_STATUSES`, else 400 naming the allowed next statuses;
 * - each change is appended to the history (from, to, who, when); the history is never edited;
 * - cancelling or refunding puts the stock back, exactly once.
 * The order row is locked (`FOR UPDATE`) first and the status re-read, so two concurrent changes
 * are applied one after the other: the second sees the first's result (two cancels → one restock).
 */
export const enforceStatusWorkflow =
  (config: SanitizedCommercePluginConfig): CollectionBeforeChangeHook =>
  async ({ collection, data, operation, originalDoc, req }) => {
    const order = data as OrderData
    const by = req.user?.id ?? null
    const now = new Date().toISOString()
    const refuse = (message: string) =>
      new ValidationError({ collection: collection.slug, errors: [{ message, path: 'status' }] }, req.t)

    if (operation === 'create') {
      const placed: HistoryEntry = { at: now, by, from: null, to: 'pending' }
      // Checkout takes the payment before it writes the order; a card paid at once is written paid in one
      // go, with the same two history entries a later `pending → paid` would leave. Only that server path
      // sets the flag: `req.context` cannot be set over REST.
      if (req.context.paidAtCheckout === true) {
        if (order.status !== 'paid') throw refuse('An order paid at checkout is created as paid.')
        return { ...data, status: 'paid', statusHistory: [placed, { at: now, by, from: 'pending', note: null, to: 'paid' }] }
      }
      if (order.status && order.status !== 'pending') throw refuse('A new order starts as pending.')
      return { ...data, status: 'pending', statusHistory: [placed] }
    }

    const id = (originalDoc as { id?: number } | undefined)?.id
    if (id === undefined) throw new APIError('Order update without the stored order', 500)
    const db = await transactionSql(req)
    const { rows } = await db.execute<{ status: OrderStatus }>(
      sql`select status from ${sql.identifier(tableOf(req, collection.slug))} where id = ${id} for update`,
    )
    const current = rows[0]?.status
    if (!current) throw new APIError(`Order ${id} no longer exists`, 404)
    // Fresh after the lock: what another request appended meanwhile is kept.
    const stored = (await req.payload.findByID({ collection: collection.slug, depth: 0, id, overrideAccess: true, req })) as OrderData
    const history = stored.statusHistory ?? []

    // A caller may insist on where the order must still be (a customer cancels only while pending).
    const required = req.context.requireStatus
    if (typeof required === 'string' && required !== current) {
      throw new APIError(`This order is ${current} now, so it can no longer be changed this way.`, 409, undefined, true)
    }

    // A change is intended when asked for explicitly (the status endpoint), or when the request's
    // status differs from the one it was based on (an edit in the admin).
    const previous = (originalDoc as OrderData).status
    const explicit = req.context.statusChange as OrderStatus | undefined
    const wanted = explicit ?? (order.status && order.status !== previous ? order.status : null)
    if (wanted === null) return { ...data, status: current, statusHistory: history }

    // Someone else got there first (two cancels at once): the second is refused, not repeated.
    const problem = wanted === current ? `The order is already ${current}.` : transitionProblem(current, wanted)
    if (problem) throw refuse(problem)
    if (RESTOCKING_STATUSES.includes(wanted)) {
      const lines: StockLine[] = (stored.items ?? []).flatMap((item) => {
        const product = productId(item.product)
        return product === null ? [] : [{ product, quantity: item.quantity, variant: item.variantId ?? null }]
      })
      // Who asked (staff, the customer) or the shop itself; why: the new status, unless the caller names
      // a closer reason (a declined payment, an expired hold).
      const reason = STOCK_MOVEMENT_REASONS.find((known) => known === req.context.stockReason) ?? (wanted === 'refunded' ? 'refunded' : 'cancelled')
      const movement = { actor: by, actorType: by === null ? 'system' : 'user', order: id, reason } as const
      await emitStockChanges(req, config, await returnStock(req, config.slugs, lines, movement))
    }
    const note = typeof req.context.statusNote === 'string' ? req.context.statusNote : null
    return { ...data, status: wanted, statusHistory: [...history, { at: now, by, from: current, note, to: wanted }] }
  }
