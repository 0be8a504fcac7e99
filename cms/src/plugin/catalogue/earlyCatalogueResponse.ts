import type { IncomingHttpHeaders } from 'node:http'

import { headersWithCors, type Payload, type PayloadRequest } from 'payload'
import { parse } from 'qs-esm'

import { poolOf, tableOfCollection } from '../database'
import { catalogueRuntime } from './catalogueRuntime'
import { answerFromListing, catalogueCacheKey, withSource } from './catalogueFindEndpoint'
import { parseListingQuery } from './listing/parseListingQuery'
import { poolListingSql } from './listing/preparedListingSql'
import { publicResponse } from './responseCache/httpCaching'

type RawRequest = { headers: IncomingHttpHeaders; method?: string; url?: string }

/** Payload's own query-string options (`createPayloadRequest`), so a query means here what it means there. */
const QS_OPTIONS = { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true }

/**
 * An anonymous catalogue list answered before Payload parses the request (the API server's hot
 * path): a cached response, or a product list the listing projection answers; null hands the request
 * to Payload. Only a request that cannot be anyone's (no cookie, no `Authorization`: Payload's JWT and
 * API-key strategies read nothing else) and that CORS answers the same for everyone (no `Origin`)
 * qualifies. Key, body, ETag, 304 and headers are exactly what the collection's endpoint answers.
 */
export const earlyCatalogueResponse = async (payload: Payload, request: RawRequest): Promise<null | Response> => {
  const { headers } = request
  const { cache, config, listingReady } = catalogueRuntime(payload)
  if (!config || request.method !== 'GET' || headers.cookie || headers.authorization || headers.origin) return null
  const url = new URL(request.url ?? '/', 'http://localhost')
  const api = payload.config.routes.api
  const collection = [config.slugs.products, config.slugs.categories].find((slug) => url.pathname === `${api}/${slug}`)
  if (!collection) return null
  const key = catalogueCacheKey(collection, url.searchParams)
  const requestHeaders = new Headers()
  if (typeof headers['if-none-match'] === 'string') requestHeaders.set('if-none-match', headers['if-none-match'])
  const respond = (body: string, etag: string, source: 'cache' | 'listing') => {
    const response = publicResponse({ headers: requestHeaders }, body, config.catalogue, etag)
    // The headers Payload's router adds to every response of a request without an Origin (CORS's defaults).
    headersWithCors({ headers: response.headers, req: { headers: requestHeaders, payload } as unknown as PayloadRequest })
    return withSource(response, source)
  }
  const hit = cache.get(key)
  if (hit) return respond(hit.body, hit.etag, 'cache')
  if (collection !== config.slugs.products || !config.catalogue.listing || !listingReady()) return null
  const plan = parseListingQuery(parse(url.search, QS_OPTIONS) as Record<string, unknown>, config.maxPublicPageSize)
  if (!plan) return null
  const generation = cache.current()
  const { body, etag } = await answerFromListing(cache, poolListingSql(poolOf(payload)), tableOfCollection(payload, collection), key, plan)
  cache.set(key, generation, body, etag)
  return respond(body, etag, 'listing')
}
