import type { Payload } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'
import type { SearchParams } from './searchParams'

import { poolOf, poolSql, tableOfCollection } from '../../database'
import { catalogueLocales } from '../../localization/catalogueLocales'
import { poolListingSql } from '../listing/preparedListingSql'
import { type SearchFacets, type SearchResult, searchCatalogue } from './searchCatalogue'

/** Payload's paginated list shape, plus the facets and the term that ran. */
export type SearchResponse = {
  docs: unknown[]
  facets: SearchFacets
  hasNextPage: boolean
  hasPrevPage: boolean
  limit: number
  nextPage: null | number
  page: number
  pagingCounter: number
  prevPage: null | number
  /** What was searched: the term as given, and the corrected one when typos were fixed. */
  query: { corrected: null | string; q: string }
  totalDocs: number
  totalPages: number
}

/** The search itself (ids, total, facets) on this instance's pool, which also keys its in-memory data. */
export const searchOnPool = (payload: Payload, config: SanitizedCommercePluginConfig, params: SearchParams): Promise<SearchResult> => {
  const pool = poolOf(payload)
  return searchCatalogue({ db: poolSql(payload), owner: pool, run: poolListingSql(pool) }, { categories: tableOfCollection(payload, config.slugs.categories), defaultLocale: catalogueLocales(payload).defaultLocale }, params)
}

/**
 * The response body: the page's documents (JSON texts, spliced in as they are rather than parsed and
 * written again), then the pagination keys, the facets and the term, in `SearchResponse`'s shape.
 */
export const searchResponseBody = (result: SearchResult, docs: string[], params: SearchParams): string => {
  const totalPages = Math.ceil(result.total / params.limit)
  const rest: Omit<SearchResponse, 'docs'> = {
    facets: result.facets,
    hasNextPage: params.page < totalPages,
    hasPrevPage: params.page > 1,
    limit: params.limit,
    nextPage: params.page < totalPages ? params.page + 1 : null,
    page: params.page,
    pagingCounter: (params.page - 1) * params.limit + 1,
    prevPage: params.page > 1 ? params.page - 1 : null,
    query: { corrected: result.correctedQuery ?? null, q: params.q },
    totalDocs: result.total,
    totalPages,
  }
  return `{"docs":[${docs.join(',')}],${JSON.stringify(rest).slice(1)}`
}

/** Where one search's time went (the search with its facets, then the page's documents), for developer tools and the benchmark. */
export const searchTiming = (started: number, searched: number, loaded: number): string =>
  `search;dur=${(searched - started).toFixed(1)}, docs;dur=${(loaded - searched).toFixed(1)}`
