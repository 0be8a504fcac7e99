import { type CollectionSlug, type Endpoint, findOperation, headersWithCors, parseParams, type PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { tableOf } from '../database'
import { catalogueLocales, localeQueryProblem } from '../localization/catalogueLocales'
import { catalogueRuntime } from './catalogueRuntime'
import { type ListingQuery, parseListingQuery } from './listing/parseListingQuery'
import { type ListingSql, listingSql } from './listing/preparedListingSql'
import { queryListing } from './listing/queryListing'
import { etagOf, listingEtagOf, type ResponseCache } from './responseCache/responseCache'
import { PRIVATE_CACHE_CONTROL, publicResponse } from './responseCache/httpCaching'

/** The query keys Payload's find reads; the cache key is made of these only, so junk mints no entry. */
const FIND_KEYS = ['depth', 'draft', 'fallback-locale', 'joins', 'limit', 'locale', 'page', 'pagination', 'populate', 'select', 'sort', 'trash', 'where']

/**
 * The cache key of a list request: the collection and the query parameters Payload's find reads
 * (by name, before any `[`), sorted. Anything else (tracking parameters, junk) mints no entry of its
 * own. Computed from the raw query string, so the API server can look a response up before Payload
 * parses the request (`cachedCatalogueResponse`).
 */
export const catalogueCacheKey = (collection: string, search: URLSearchParams): string => {
  const kept = [...search.entries()].filter(([name]) => FIND_KEYS.includes(name.split('[', 1)[0] ?? ''))
  kept.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
  return `${collection}?${new URLSearchParams(kept).toString()}`
}

/**
 * Payload's own REST find (what `GET /api/v1/<collection>` does without this plugin), from its
 * exported parts. Every request the fast path does not answer gets exactly this.
 */
export const genericFind = async (req: PayloadRequest, slug: CollectionSlug): Promise<Response> => {
  const { depth, draft, joins, limit, page, pagination, populate, select, sort, trash, where } = parseParams({ ...req.query })
  const collection = req.payload.collections[slug]
  if (!collection) throw new Error(`No collection "${slug}"`)
  const result = await findOperation({ collection, depth, draft, joins, limit, page, pagination, populate, req, select, sort, trash, where })
  return Response.json(result, { headers: headersWithCors({ headers: new Headers(), req }), status: 200 })
}

/** Which path answered (`cache`, `listing` or `payload`): for operators and tests, never part of the body. */
export const SOURCE_HEADER = 'x-catalogue-source'

export const withSource = (response: Response, source: 'cache' | 'listing' | 'payload'): Response => {
  response.headers.set(SOURCE_HEADER, source)
  return response
}

/** A list answered from the listing projection (totals memoised in `cache`), with its strong ETag. */
export const answerFromListing = async (cache: ResponseCache, run: ListingSql, products: string, key: string, plan: ListingQuery): Promise<{ body: string; etag: string }> => {
  const answer = await queryListing(run, products, plan, {
    generation: () => cache.current(),
    get: (total) => cache.getTotal(total),
    set: (total, at, value) => cache.setTotal(total, at, value),
  })
  return { body: answer.body, etag: listingEtagOf(key, answer.fingerprint) }
}

/** A 400 for a `locale` or `fallback-locale` the catalogue does not have (`localeQueryProblem`). */
const localeProblem = (req: PayloadRequest): null | Response => {
  const message = localeQueryProblem(catalogueLocales(req.payload), new URL(req.url ?? '/', 'http://localhost').searchParams)
  return message === null ? null : Response.json({ errors: [{ message }] }, { headers: headersWithCors({ headers: new Headers(), req }), status: 400 })
}

const isDraftRead = (query: Record<string, unknown>): boolean => 'draft' in query && query.draft !== 'false'

/**
 * `GET /api/v1/<products|categories>`, in place of Payload's find (a collection's own endpoints are
 * matched before Payload's). Signed-in readers (staff see drafts) get Payload's find, never cached.
 * Anonymous readers get published documents only, as Payload's access rule gives them: from the
 * response cache, else (products, a supported query, the listing built) from the listing projection,
 * else from Payload's find; with a strong ETag, 304 on `If-None-Match`, and shared-cache headers.
 * A draft read (`draft=true`) is passed to Payload untouched.
 */
export const catalogueFindEndpoint = (config: SanitizedCommercePluginConfig, collection: CollectionSlug): Endpoint => ({
  handler: async (req) => {
    const badLocale = localeProblem(req)
    if (badLocale) return badLocale
    if (req.user) {
      const response = await genericFind(req, collection)
      response.headers.set('cache-control', PRIVATE_CACHE_CONTROL)
      return response
    }
    const query = (req.query ?? {}) as Record<string, unknown>
    if (isDraftRead(query)) return genericFind(req, collection)
    const { cache, listingReady } = catalogueRuntime(req.payload)
    const key = catalogueCacheKey(collection, new URL(req.url ?? '/', 'http://localhost').searchParams)
    const caching = config.catalogue
    const hit = cache.get(key)
    if (hit) return withSource(publicResponse(req, hit.body, caching, hit.etag), 'cache')
    const generation = cache.current()
    const plan = collection === config.slugs.products && config.catalogue.listing && listingReady() ? parseListingQuery(query, config.maxPublicPageSize, catalogueLocales(req.payload)) : null
    let body: string
    let etag: string
    if (plan) {
      ;({ body, etag } = await answerFromListing(cache, await listingSql(req), tableOf(req, config.slugs.products), key, plan))
    } else {
      const response = await genericFind(req, collection)
      if (response.status !== 200) return response
      body = await response.text()
      etag = etagOf(body)
    }
    cache.set(key, generation, body, etag)
    return withSource(publicResponse(req, body, caching, etag), plan ? 'listing' : 'payload')
  },
  method: 'get',
  path: '/',
})
