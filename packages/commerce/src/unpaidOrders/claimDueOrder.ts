import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'

import { tableOf, transactionSql } from '../database'

/** A pending order past its payment due time, locked by the transaction that claimed it. */
export type DueOrder = { dueAt: string; id: number }

/**
 * Locks the pending order that has been due longest and that no other transaction holds, in the
 * request's transaction; null when there is none. `for update skip locked`: a sweeper in another
 * process (or a staff member extending or paying that order right now) keeps its order, and this one
 * takes the next, so each order is released by exactly one sweeper. The lock lasts until the
 * transaction ends, so nobody can pay, extend or cancel the order between this claim and the
 * cancellation. `skip` leaves out orders this sweep already failed on.
 */
export const claimDueOrder = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, skip: readonly number[] = []): Promise<DueOrder | null> => {
  const db = await transactionSql(req)
  const orders = sql.identifier(tableOf(req, config.slugs.orders))
  const notFailed = skip.length === 0 ? sql`` : sql`and id not in (${sql.join(skip.map((id) => sql`${id}`), sql`, `)})`
  const { rows } = await db.execute<{ due_at: Date | string; id: number | string }>(sql`
    select id, payment_due_at as due_at from ${orders}
    where status = 'pending' and payment_due_at <= now() ${notFailed}
    order by payment_due_at, id
    limit 1
    for update skip locked`)
  const row = rows[0]
  return row ? { dueAt: new Date(row.due_at).toISOString(), id: Number(row.id) } : null
}
