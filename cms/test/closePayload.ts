import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

/**
 * Shuts a Payload down before its database is dropped. `pool.end()` closes the idle clients without
 * waiting (a client still checked out would hold it open); the forced drop that follows terminates
 * whatever is left (57P01), which is expected and ignored.
 */
export const closePayload = async (payload: Payload): Promise<void> => {
  const { pool } = payload.db as unknown as PostgresAdapter
  await payload.destroy()
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error
  })
  if (!pool.ended) void pool.end()
}
