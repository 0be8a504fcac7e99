import type { PayloadRequest } from 'payload'

import type { PostgresAdapter } from '@payloadcms/db-postgres'

import { postgres, type SQL, transactionSql } from '../../database'
import { runPrepared } from '../../preparedSql'

/** Runs a listing statement and returns its rows. */
export type ListingSql = <T>(query: SQL) => Promise<T[]>

/**
 * The listing's statements as named prepared statements on Payload's pool: PostgreSQL then plans each
 * shape once per connection instead of on every request (planning the page query took 3 ms, three
 * times its execution). Inside a transaction (never the case for an anonymous read) they run on it,
 * unprepared.
 */
export const listingSql = async (req: PayloadRequest): Promise<ListingSql> => {
  if (req.transactionID) {
    const db = await transactionSql(req)
    return async <T>(query: SQL) => (await db.execute(query)).rows as T[]
  }
  return poolListingSql(postgres(req).pool)
}

/** The same on a pool, outside any request (the API server's early answers). */
export const poolListingSql =
  (pool: PostgresAdapter['pool']): ListingSql =>
  <T>(query: SQL) =>
    runPrepared<T>(pool, query)
