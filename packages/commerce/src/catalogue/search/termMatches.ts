import { sql } from '@payloadcms/db-postgres'
import { LRUCache } from 'lru-cache'

import type { Sql } from '../../database'
import type { ListingSql } from '../listing/preparedListingSql'

import { catalogueVersionSql, textVersionSql } from './catalogueVersion'
import { correctTypos } from './correctTypos'
import { textQuerySql } from './textQuery'

/** The published products a term finds, with their text rank, at one catalogue version. */
export type TermMatches = {
  /** The term that ran instead, when the one typed found nothing and its typos were corrected. */
  corrected: string | undefined
  ids: Int32Array
  /**
   * `ts_rank_cd` of each match (title > SKU > description), as the database computed it; read only
   * for an order by relevance (it is half the statement's time), so undefined when no such order has
   * asked for this term yet.
   */
  ranks: Float64Array | undefined
  /** The text version the matches were read at (what they are kept by). */
  textVersion: string
  /** The catalogue version read with them (a snapshot at least this new has the same text version or a newer one). */
  version: string
}

type MatchRow = { matches: string; text_version: string; version: string }

/**
 * One statement: the version and the matches in the same snapshot, so a term's matches are only
 * ever used with the facet data of the version they were read at. The tsquery is written out where
 * it is used so the planner sees it and uses the GIN index.
 */
const matchSql = (q: string, ranked: boolean, locale: string) => {
  const tsq = textQuerySql(q, locale)
  const rank = ranked ? sql`ts_rank_cd(document, ${tsq})` : sql`0`
  return sql`select ${catalogueVersionSql} as version, ${textVersionSql} as text_version,
    (select coalesce(json_agg(json_build_array(product_id, ${rank})), '[]')::text from product_search where locale = ${locale} and document @@ ${tsq}) as matches`
}

const match = async (run: ListingSql, q: string, ranked: boolean, locale: string): Promise<TermMatches> => {
  const [row] = await run<MatchRow>(matchSql(q, ranked, locale))
  if (!row) throw new Error(`Matching the search term "${q}" returned no row`)
  const pairs = JSON.parse(row.matches) as Array<[number, number]>
  return { corrected: undefined, ids: Int32Array.from(pairs, ([id]) => id), ranks: ranked ? Float64Array.from(pairs, ([, rank]) => rank) : undefined, textVersion: row.text_version, version: row.version }
}

/** Matches kept per database, by term; bounded by the number of ids held (a few MB), least recently used out first. */
const caches = new WeakMap<object, LRUCache<string, TermMatches>>()

const cacheOf = (owner: object): LRUCache<string, TermMatches> => {
  let cache = caches.get(owner)
  if (!cache) caches.set(owner, (cache = new LRUCache<string, TermMatches>({ maxSize: 2_000_000, sizeCalculation: (entry, key) => entry.ids.length + key.length + 16 })))
  return cache
}

/** Tries before giving up on a catalogue that changes between a term's two statements. */
const ATTEMPTS = 5

/**
 * What term `q` finds in `locale`'s search documents (with ranks when `ranked`): read once per text version (the statement reports
 * the versions it saw), then kept until a search document's text changes (a stock move keeps them),
 * so the same term with other filters, orders or pages costs no text search. When the term finds
 * nothing, its misspelt words are corrected against the catalogue's words and the corrected term's
 * matches are what it finds (both read at the same text version).
 */
export const termMatches = async (owner: object, run: ListingSql, db: Sql, q: string, textVersion: string, ranked: boolean, locale: string): Promise<TermMatches> => {
  const cache = cacheOf(owner)
  const key = `${locale}|${q}`
  const held = cache.get(key)
  if (held?.textVersion === textVersion && (!ranked || held.ranks)) return held
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const found = await match(run, q, ranked, locale)
    let result = found
    if (found.ids.length === 0) {
      const corrected = await correctTypos(db, q)
      const retried = corrected === undefined ? undefined : await match(run, corrected, ranked, locale)
      if (retried && retried.textVersion !== found.textVersion) continue
      if (retried && corrected !== undefined && retried.ids.length > 0) result = { ...retried, corrected }
    }
    cache.set(key, result)
    return result
  }
  throw new Error(`The catalogue changed during each of ${ATTEMPTS} attempts to search for "${q}"`)
}
