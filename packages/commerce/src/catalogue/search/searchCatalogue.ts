import type { Sql } from '../../database'
import type { ListingSql } from '../listing/preparedListingSql'
import type { SearchParams } from './searchParams'

import { catalogueSnapshot } from './catalogueSnapshot'
import { readCatalogueVersion } from './catalogueVersion'
import { countFacets } from './countFacets'
import { type TermMatches, termMatches } from './termMatches'

/** The categories table, whose titles and parents the category facet shows. */
export type SearchTables = { categories: string; defaultLocale: string }

export type CategoryCount = { count: number; id: number; parent: null | number; slug: string; title: string }

export type SearchFacets = {
  /** Every category with matches (counted with the other facets' filters), ancestors included. */
  categories: CategoryCount[]
  /** Products in stock and not, with the other facets' filters. */
  inStock: { false: number; true: number }
  /** Option name → value → matching products, with the other facets' filters (and this option's own left out). */
  options: Array<{ name: string; values: Array<{ count: number; value: string }> }>
  /** The fixed bands of the lowest price, in `currency`, with the other facets' filters. */
  price: { bands: Array<{ count: number; max: number | undefined; min: number }>; currency: string }
}

export type SearchResult = {
  /** The term with typos corrected, when the term as typed found nothing and the corrected one is what ran. */
  correctedQuery: string | undefined
  facets: SearchFacets
  /** The page's product ids, in order. */
  ids: number[]
  total: number
  /** The catalogue version the result was computed at (docs/search.md). */
  version: string
}

/** Where a search reads: the pool (which also keys the in-memory data), as prepared statements and as drizzle. */
export type SearchDatabase = { db: Sql; owner: object; run: ListingSql }

/** Tries before giving up on a catalogue that changes between reading a term's matches and the facet data. */
const ATTEMPTS = 5

/**
 * Published products matching the term and every filter, one page of ids in order, and each
 * facet's counts over the term's matches with the other facets' filters applied. Reads only what
 * `product_search` holds (published products only), at one catalogue version: the facet data of
 * every product is held in memory (`catalogueSnapshot`), a term's matches are read once per text
 * version (`termMatches`, typo correction included), and one tiny read of the version per search tells
 * whether both are still current, so a committed change is reflected by the next search.
 */
export const searchCatalogue = async ({ db, owner, run }: SearchDatabase, tables: SearchTables, params: SearchParams): Promise<SearchResult> => {
  let version = await readCatalogueVersion(run)
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const snapshot = await catalogueSnapshot(owner, run, tables.categories, version, params.locale, tables.defaultLocale)
    let matches: TermMatches | undefined
    if (params.q !== '') {
      matches = await termMatches(owner, run, db, params.q, snapshot.textVersion, params.sort === 'relevance', params.locale)
      if (matches.textVersion !== snapshot.textVersion) {
        version = matches.version
        continue
      }
    }
    return { ...countFacets(snapshot, matches, params), correctedQuery: matches?.corrected, version: snapshot.version }
  }
  throw new Error(`The catalogue changed during each of ${ATTEMPTS} attempts to search (${JSON.stringify(params.q)})`)
}
