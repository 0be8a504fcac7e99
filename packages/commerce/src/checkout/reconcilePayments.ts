import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'

import { auditRowsSql, auditTableOf } from '../audit/record'
import { poolSql, tableOfCollection } from '../database'
import { repeatUntilDestroyed } from '../repeatUntilDestroyed'

const NOTE =
  'Checkout stopped while taking this payment (the process crashed or lost the database) and never recorded the outcome. ' +
  'Look the order up at the payment provider: if it was charged, mark the order paid; if not, cancel it (the stock comes back).'

/**
 * Orders whose checkout stopped between the charge and the confirmation stay `charging` (stock held,
 * outcome unknown). This flags those older than `olderThanMs` for staff (`needsAttention`) and logs an
 * alert for each, once: the conditional update claims each order in one statement, so every CMS
 * process may run it and exactly one flags a given order. Returns the flagged orders' ids.
 */
export const flagStuckPayments = async (payload: Payload, config: SanitizedCommercePluginConfig, olderThanMs: number): Promise<number[]> => {
  const orders = sql.identifier(tableOfCollection(payload, config.slugs.orders))
  const audit = { actor: { kind: 'system', name: 'reconciler' } as const, collection: config.slugs.orders, operation: 'update' as const, requestId: null }
  const { rows } = await poolSql(payload).execute<{ id: number; number: string }>(sql`
    with flagged as (
      update ${orders} set needs_attention = true, attention_note = ${NOTE}, updated_at = now()
      where payment_status = 'charging' and needs_attention is not true and updated_at < now() - make_interval(secs => ${olderThanMs / 1000})
      returning id, order_number),
    audited as (${auditRowsSql(auditTableOf(payload, config.slugs.auditLog), audit, sql`
      select id::text as document_id, order_number::text as document_title,
        jsonb_build_array(jsonb_build_object('field', 'needsAttention', 'before', false, 'after', true)) as changes, 'stuck mid-payment'::text as note
      from flagged`)})
    select id, order_number as number from flagged`)
  for (const row of rows) payload.logger.error({ msg: `ALERT: order ${row.number} is stuck mid-payment and needs staff attention`, order: row.id })
  return rows.map((row) => Number(row.id))
}

/** Runs `flagStuckPayments` every `checkout.reconcileIntervalMs` in this process, until Payload is destroyed. */
export const startPaymentReconciler = (payload: Payload, config: SanitizedCommercePluginConfig): void => {
  const { reconcileIntervalMs, stuckAfterMs } = config.checkout
  repeatUntilDestroyed(payload, {
    everyMs: reconcileIntervalMs,
    onError: (error) => payload.logger.error({ err: error, msg: 'Could not look for orders stuck mid-payment; trying again later' }),
    run: () => flagStuckPayments(payload, config, stuckAfterMs),
  })
}
