import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

/**
 * Refreshes Postgres's planner statistics, as its manual advises after a bulk load (the seed, CSV imports). Without them
 * (autovacuum off, or not caught up yet) the planner keeps guessing from an empty table: Payload's
 * "oldest version of this product" query then walks every version on each save and the seed slows
 * down as the catalogue grows, and so do the storefront's first queries after it.
 */
export const analyzeDatabase = async (payload: Payload): Promise<void> => {
  const db = payload.db as unknown as Partial<PostgresAdapter>
  if (!db.drizzle) return
  try {
    await db.drizzle.execute(sql`analyze`)
  } catch (error) {
    throw new Error('Could not refresh the database statistics (ANALYZE)', { cause: error })
  }
}
