import type { IncomingHttpHeaders } from 'node:http'

import { headersWithCors, type Payload, type PayloadRequest } from 'payload'

import { catalogueRuntime } from '../catalogueRuntime'
import { catalogueCacheKey, SOURCE_HEADER } from '../catalogueFindEndpoint'
import { publicResponse } from './httpCaching'

/**
 * A cached anonymous catalogue list response for a raw HTTP request, answered before Payload parses
 * it (the API server's hot path), or null to let Payload handle it. Only a request that cannot be
 * anyone's (no cookie, no `Authorization`) and that no CORS rule answers differently (no `Origin`)
 * qualifies; everything about it (key, ETag, 304, headers) is what the endpoint itself would answer.
 */
export const cachedCatalogueResponse = (payload: Payload, request: { headers: IncomingHttpHeaders; method?: string; url?: string }): null | Response => {
  const { headers } = request
  const { cache, config } = catalogueRuntime(payload)
  if (!config || request.method !== 'GET' || headers.cookie || headers.authorization || headers.origin) return null
  const url = new URL(request.url ?? '/', 'http://localhost')
  const api = payload.config.routes.api
  const collection = [config.slugs.products, config.slugs.categories].find((slug) => url.pathname === `${api}/${slug}`)
  if (!collection) return null
  const hit = cache.get(catalogueCacheKey(collection, url.searchParams))
  if (!hit) return null
  const requestHeaders = new Headers()
  if (typeof headers['if-none-match'] === 'string') requestHeaders.set('if-none-match', headers['if-none-match'])
  const response = publicResponse({ headers: requestHeaders }, hit.body, config.catalogue, hit.etag)
  // The headers Payload's router adds to every response of a request without an Origin (CORS's defaults).
  headersWithCors({ headers: response.headers, req: { headers: requestHeaders, payload } as unknown as PayloadRequest })
  response.headers.set(SOURCE_HEADER, 'cache')
  return response
}
