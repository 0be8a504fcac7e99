import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../database'
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
