import { sql } from '@payloadcms/db-postgres'

import type { Payload } from 'payload'

import { poolSql, type SQL } from '../../database'
import type { ListingSql } from '../listing/preparedListingSql'

/**
 * The catalogue version as SQL: the sum of `product_search_version` (migration `search_version`),
 * which grows in the same transaction as any write of a search document, a listing row or a
 * category, so it changes exactly when such a change commits, whoever made it (a save, a checkout's
 * stock trigger, plain SQL). As text: a bigint may outgrow a JS number's exact range.
 */
export const catalogueVersionSql: SQL = sql`(select coalesce(sum(changes), 0)::text from product_search_version)`

/**
 * The text version: the sum of `text_changes`, which grows only with a write that can change what a
 * term matches (a search document added, removed or rewritten), not with a stock move. A term's
 * matches are kept by it.
 */
export const textVersionSql: SQL = sql`(select coalesce(sum(text_changes), 0)::text from product_search_version)`

/** The catalogue version now (one tiny prepared read): what in-memory search data is checked against. */
export const readCatalogueVersion = async (run: ListingSql): Promise<string> => {
  const [row] = await run<{ version: string }>(sql`select ${catalogueVersionSql} as version`)
  if (!row) throw new Error('Reading the catalogue version returned no row')
  return row.version
}

/** Whether version `a` is newer than `b` (both are sums, so they only grow). */
export const isNewerVersion = (a: string, b: string): boolean => BigInt(a) > BigInt(b)

/**
 * Folds the counter rows of database backends that have exited into one row (backend 0), in one
 * statement, so the sums (the versions) stay exactly as they were while the table stays as small as
 * the number of live backends. A backend that reuses a folded process id starts a new row. Writes
 * nothing when no row is folded. Returns how many rows it folded.
 */
export const foldExitedBackendCounters = async (payload: Payload): Promise<number> => {
  const { rows } = await poolSql(payload).execute<{ folded: number }>(sql`
    with gone as (
      delete from product_search_version v
      where v.backend <> 0 and not exists (select 1 from pg_stat_activity a where a.pid = v.backend)
      returning v.changes, v.text_changes
    ), folded as (
      insert into product_search_version (backend, changes, text_changes)
      select 0, sum(changes), sum(text_changes) from gone having count(*) > 0
      on conflict (backend) do update set changes = product_search_version.changes + excluded.changes,
        text_changes = product_search_version.text_changes + excluded.text_changes
    )
    select count(*)::int as folded from gone`)
  return rows[0]?.folded ?? 0
}
