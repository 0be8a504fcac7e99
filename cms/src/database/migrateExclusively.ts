import type { PostgresAdapter } from '@payloadcms/db-postgres'
import pg from 'pg'
import type { Migration, Payload } from 'payload'

/** The advisory lock key every Showroom instance takes to migrate (any constant shared by all of them). */
const MIGRATION_LOCK_KEY = 7_246_155_001

/**
 * Applies `migrations` while holding a Postgres advisory lock, so instances that start together
 * (docker-compose starts both API replicas at once) migrate one after the other: the first applies
 * them, the next finds them recorded in `payload_migrations` and applies nothing. Payload's own
 * `migrate` takes no lock: two at once on an empty database both create the schema and one dies
 * ("type … already exists"). The lock is held on a connection of its own, outside Payload's pool,
 * so a small pool is not left a client short; it goes when that connection closes, even on a crash.
 */
export const migrateExclusively = async (payload: Payload, migrations: Migration[]): Promise<void> => {
  const client = new pg.Client((payload.db as unknown as PostgresAdapter).poolOptions)
  await client.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    await payload.db.migrate({ migrations })
  } finally {
    await client.end()
  }
}
