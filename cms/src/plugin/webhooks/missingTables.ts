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
  const { rows } = await poolSql(payload).execute<{ name: string; present: boolean }>(
    sql`select name, to_regclass(quote_ident(name)) is not null as present from unnest(${tables}::text[]) as name`,
  )
  return rows.filter((row) => !row.present).map((row) => row.name)
}
