import type { CollectionSlug, Endpoint, PayloadRequest, SelectType } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { poolSql, tableOf } from '../../database'
import { catalogueRuntime } from '../catalogueRuntime'
import { listingSql } from '../listing/preparedListingSql'
import { listingDocsById } from '../listing/queryListing'
import { type SearchFacets, searchCatalogue } from './searchCatalogue'
import { parseSearchParams, type SearchParams } from './searchParams'

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
 * The page's documents as `GET /products` returns them (same depth, select, access and hooks), in the
 * search's order. An anonymous reader at depth 0 or 1 without `select` gets them from the listing
 * projection (the same bytes, docs/catalogue.md); anyone else through Payload's find.
 */
const loadDocs = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, ids: number[], params: SearchParams): Promise<unknown[]> => {
  if (ids.length === 0) return []
  const collection = config.slugs.products as CollectionSlug
  if (!req.user && !params.select && (params.depth === 0 || params.depth === 1) && config.catalogue.listing && catalogueRuntime(req.payload).listingReady()) {
    const stored = await listingDocsById(await listingSql(req), tableOf(req, config.slugs.products), ids, params.depth)
    return ids.flatMap((id) => {
      const text = stored.get(id)
      return text === undefined ? [] : [JSON.parse(text) as unknown]
    })
  }
  const { docs } = await req.payload.find({
    collection,
    depth: params.depth,
    draft: false,
    limit: ids.length,
    overrideAccess: false,
    req,
    select: params.select as SelectType | undefined,
    where: { id: { in: ids } },
  })
  const byId = new Map(docs.map((doc) => [Number((doc as { id: unknown }).id), doc]))
  return ids.map((id) => byId.get(id)).filter((doc) => doc !== undefined)
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
    const result = await searchCatalogue(poolSql(req.payload), { categories: tableOf(req, config.slugs.categories) }, params)
    const searched = performance.now()
    const docs = await loadDocs(req, config, result.ids, params)
    const loaded = performance.now()
    const totalPages = Math.ceil(result.total / params.limit)
    const body: SearchResponse = {
      docs,
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
    return Response.json(body, { headers: { 'Server-Timing': timing } })
  },
  method: 'get',
  path: '/search',
})
