import type { Payload, PayloadRequest } from 'payload'

import type { PostgresAdapter, sql } from '@payloadcms/db-postgres'

export type Sql = PostgresAdapter['drizzle']

/** A drizzle SQL fragment (drizzle-orm is not a direct dependency, so its `SQL` type is taken from `sql`). */
export type SQL = ReturnType<typeof sql>

/** The drizzle handle of the pool, for work outside any request's transaction. */
export const poolSql = (payload: Payload): Sql => (payload.db as unknown as PostgresAdapter).drizzle

/** The pg pool behind Payload, for statements that need the driver itself (named prepared statements). */
export const poolOf = (payload: Payload): PostgresAdapter['pool'] => (payload.db as unknown as PostgresAdapter).pool

/** The Postgres adapter behind Payload; the plugin's raw SQL is written for Postgres. */
export const postgres = (req: PayloadRequest): PostgresAdapter => req.payload.db as unknown as PostgresAdapter

/**
 * The drizzle handle of the request's open transaction, so raw SQL commits or rolls back with the
 * Payload operations around it (outside a transaction, the pool).
 */
export const transactionSql = async (req: PayloadRequest): Promise<Sql> => {
  const adapter = postgres(req)
  const id = req.transactionID ? await req.transactionID : undefined
  const session = id === undefined ? undefined : adapter.sessions[String(id)]
  return (session?.db as Sql | undefined) ?? adapter.drizzle
}

/** Payload keys its table map by the snake-cased slug (`webhook-endpoints` → `webhook_endpoints`). */
const tableKey = (slug: string): string =>
  slug
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase()

/** The database table of a collection (Payload snake-cases slugs). */
export const tableOf = (req: PayloadRequest, slug: string): string => {
  const name = postgres(req).tableNameMap.get(tableKey(slug))
  if (!name) throw new Error(`No database table for the collection "${slug}"`)
  return name
}

/** The database table of a collection, from the Payload instance (for work outside any request). */
export const tableOfCollection = (payload: PayloadRequest['payload'], slug: string): string => {
  const name = (payload.db as unknown as PostgresAdapter).tableNameMap.get(tableKey(slug))
  if (!name) throw new Error(`No database table for the collection "${slug}"`)
  return name
}

/**
 * The Postgres error code (SQLSTATE, such as `42P01` for an undefined table) of `error` or of the first
 * error in its `cause` chain that has one: drizzle wraps the driver's error as its cause.
 */
export const postgresCodeOf = (error: unknown): string | undefined => {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if ('code' in current && typeof current.code === 'string') return current.code
  }
  return undefined
}
