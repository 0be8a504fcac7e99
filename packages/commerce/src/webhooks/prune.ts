import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'

import { poolSql, tableOfCollection } from '../database'
import { WEBHOOK_QUEUE } from './constants'

/** Rows removed per statement, so a large backlog never holds locks for long. */
const BATCH = 1000

/**
 * A job row of ours still marked as running after this long was left by a process that died (a live
 * job drains one receiver's backlog, which takes minutes, not a day).
 */
const STUCK_JOB_MS = 24 * 60 * 60 * 1000

/**
 * Removes what the log no longer needs: finished deliveries (succeeded, or given up on) last changed
 * more than `retentionDays` ago (a recovered old delivery counts from its new attempt), in batches, and webhook job rows that a crash left marked as running or that
 * errored (the deliveries themselves carry the work, which the poller drains anyway). Open deliveries
 * stay, however old. Safe to run in several processes at once. Returns how many of each it removed.
 */
export const pruneWebhookRecords = async (payload: Payload, config: SanitizedCommercePluginConfig): Promise<{ deliveries: number; jobs: number }> => {
  const db = poolSql(payload)
  const deliveriesTable = sql.identifier(tableOfCollection(payload, config.slugs.webhookDeliveries))
  let deliveries = 0
  for (;;) {
    // `skip locked`: rows another process is removing (or a sender holds) are left to it.
    const { rows } = await db.execute<{ id: number }>(sql`
      delete from ${deliveriesTable} where id in (
        select id from ${deliveriesTable}
        where status in ('succeeded', 'failed') and updated_at < now() - ${config.webhooks.retentionDays} * interval '1 day'
        order by id limit ${BATCH} for update skip locked)
      returning id`)
    deliveries += rows.length
    if (rows.length < BATCH) break
  }
  const jobsTable = sql.identifier(tableOfCollection(payload, 'payload-jobs'))
  const { rows: jobs } = await db.execute<{ id: number }>(sql`
    delete from ${jobsTable}
    where queue = ${WEBHOOK_QUEUE} and (processing or has_error) and updated_at < now() - ${STUCK_JOB_MS} * interval '1 millisecond'
    returning id`)
  return { deliveries, jobs: jobs.length }
}
