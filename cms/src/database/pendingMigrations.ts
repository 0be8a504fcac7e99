import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { poolSql } from '@showroom/payload-commerce/database'

/**
 * The committed migrations (`migrations`, by name) that the database has not recorded as applied in
 * `payload_migrations` yet; all of them on a database that has never been migrated. Payload records a
 * migration in the transaction that applies it, so an empty answer means the whole schema is there.
 */
export const pendingMigrations = async (payload: Payload, migrations: ReadonlyArray<{ name: string }>): Promise<string[]> => {
  const db = poolSql(payload)
  const { rows: [table] = [] } = await db.execute<{ present: boolean }>(sql`select to_regclass('payload_migrations') is not null as present`)
  if (!table?.present) return migrations.map((migration) => migration.name)
  const { rows } = await db.execute<{ name: string }>(sql`select name from payload_migrations`)
  const applied = new Set(rows.map((row) => row.name))
  return migrations.map((migration) => migration.name).filter((name) => !applied.has(name))
}
