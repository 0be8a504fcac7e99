import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'

import { poolSql, tableOfCollection } from '../database'

/**
 * The tables the webhook poller reads that the database does not have yet (its migrations have not
 * run): the deliveries and endpoints of this plugin and Payload's jobs. Empty once they all exist.
 */
export const missingWebhookTables = async (payload: Payload, config: SanitizedCommercePluginConfig): Promise<string[]> => {
  const tables = [config.slugs.webhookDeliveries, config.slugs.webhookEndpoints, 'payload-jobs'].map((slug) => tableOfCollection(payload, slug))
  const db = poolSql(payload)
  const present = await Promise.all(
    tables.map(async (name) => {
      const { rows } = await db.execute<{ present: boolean }>(sql`select to_regclass(quote_ident(${name})) is not null as present`)
      return rows[0]?.present === true
    }),
  )
  return tables.filter((_, index) => !present[index])
}
