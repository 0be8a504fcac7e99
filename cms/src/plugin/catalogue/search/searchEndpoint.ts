import type { Endpoint } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { poolOf, poolSql, tableOf } from '../../database'
import { poolListingSql } from '../listing/preparedListingSql'
import { type SearchFacets, searchCatalogue } from './searchCatalogue'
import { parseSearchParams } from './searchParams'
import { searchDocs } from './searchDocs'

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

/**
 * `GET /products/search?q=…&category=…&price=…&inStock=…&option[Size]=M&sort=…&page=…&limit=…`:
 * ranked full-text search over published products with facet counts (see docs/search.md). Every
 * parameter is checked; anything wrong is a 400 naming each problem.
 */
export const searchEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    const search = req.searchParams ?? new URL(req.url ?? '', 'http://localhost').searchParams
    const parsed = parseSearchParams(search, { currencies: config.currencies, defaultCurrency: config.defaultCurrency, maxLimit: config.maxPublicPageSize })
    if (!parsed.ok) return Response.json({ errors: parsed.problems.map((message) => ({ message })) }, { status: 400 })
    const { params } = parsed
    const started = performance.now()
    const pool = poolOf(req.payload)
    const result = await searchCatalogue({ db: poolSql(req.payload), owner: pool, run: poolListingSql(pool) }, { categories: tableOf(req, config.slugs.categories) }, params)
    const searched = performance.now()
    const docs = await searchDocs(req, config, pool, result.version, result.ids, params)
    const loaded = performance.now()
    const totalPages = Math.ceil(result.total / params.limit)
    // The documents are already JSON text (as stored): spliced in, not parsed and written again.
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
    // Where the time went (the search query with its facets, then the page's documents), for
    // browsers' developer tools and the benchmark.
    const timing = `search;dur=${(searched - started).toFixed(1)}, docs;dur=${(loaded - searched).toFixed(1)}`
    const body = `{"docs":[${docs.join(',')}],${JSON.stringify(rest).slice(1)}`
    return new Response(body, { headers: { 'Content-Type': 'application/json', 'Server-Timing': timing } })
  },
  method: 'get',
  path: '/search',
})
