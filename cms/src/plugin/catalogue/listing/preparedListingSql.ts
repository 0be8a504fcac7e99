import { createHash } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { PgDialect } from '@payloadcms/db-postgres/drizzle/pg-core'

import { postgres, type SQL, transactionSql } from '../../database'

/** Runs a listing statement and returns its rows. */
export type ListingSql = <T>(query: SQL) => Promise<T[]>

const dialect = new PgDialect()

/**
 * Distinct statement texts kept prepared (each pooled connection prepares a name once, on first use).
 * The texts vary only with the shape of a filter (which fields, how many `in` values), so a few dozen
 * cover a shop's queries; past the bound, statements run unprepared rather than grow every connection.
 */
const MAX_PREPARED = 256
const prepared = new Set<string>()

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
  async <T>(query: SQL) => {
    const { params, sql: text } = dialect.sqlToQuery(query)
    const name = `listing_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    if (!prepared.has(name) && prepared.size >= MAX_PREPARED) return (await pool.query(text, params)).rows as T[]
    prepared.add(name)
    return (await pool.query({ name, text, values: params })).rows as T[]
  }
