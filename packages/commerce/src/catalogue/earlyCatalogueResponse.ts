import type { IncomingHttpHeaders } from 'node:http'

import { headersWithCors, type Payload, type PayloadRequest } from 'payload'
import { parse } from 'qs-esm'

import { poolOf, tableOfCollection } from '../database'
import { catalogueLocales } from '../localization/catalogueLocales'
import { catalogueRuntime } from './catalogueRuntime'
import { answerFromListing, catalogueCacheKey, SOURCE_HEADER } from './catalogueFindEndpoint'
import { parseListingQuery } from './listing/parseListingQuery'
import { poolListingSql } from './listing/preparedListingSql'
import { publicAnswerHead } from './responseCache/httpCaching'
import { earlySearchResponse } from './search/earlySearchResponse'

type RawRequest = { headers: IncomingHttpHeaders; method?: string; url?: string }

/** An answer the API server writes as it is: no `Response` object, no stream, the body's bytes once. */
export type EarlyAnswer = { body: Buffer | null; headers: Record<string, string>; status: number }

let corsHeaders: Record<string, string> | undefined

/** The headers Payload's router adds to every response of a request without an Origin (CORS's defaults). */
const corsDefaults = (payload: Payload): Record<string, string> => {
  if (!corsHeaders) {
    const headers = headersWithCors({ headers: new Headers(), req: { headers: new Headers(), payload } as unknown as PayloadRequest })
    corsHeaders = Object.fromEntries(headers.entries())
  }
  return corsHeaders
}

/** Payload's own query-string options (`createPayloadRequest`), so a query means here what it means there. */
const QS_OPTIONS = { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true }

/**
 * An anonymous catalogue list answered before Payload parses the request (the API server's hot
 * path): a cached response, a product list the listing projection answers, or a search
 * (`earlySearchResponse`); null hands the request to Payload. Only a request that cannot be anyone's (no cookie, no `Authorization`: Payload's JWT and
 * API-key strategies read nothing else) and that CORS answers the same for everyone (no `Origin`)
 * qualifies. Key, body, ETag, 304 and headers are exactly what the collection's endpoint answers.
 */
export const earlyCatalogueResponse = async (payload: Payload, request: RawRequest): Promise<EarlyAnswer | null> => {
  const { headers } = request
  const { cache, config, listingReady } = catalogueRuntime(payload)
  if (!config || request.method !== 'GET' || headers.cookie || headers.authorization || headers.origin) return null
  const url = new URL(request.url ?? '/', 'http://localhost')
  const api = payload.config.routes.api
  if (url.pathname === `${api}/${config.slugs.products}/search` && !config.disabled) return earlySearchResponse(payload, config, url.searchParams, corsDefaults(payload))
  const collection = [config.slugs.products, config.slugs.categories].find((slug) => url.pathname === `${api}/${slug}`)
  if (!collection) return null
  const key = catalogueCacheKey(collection, url.searchParams)
  const respond = (body: Buffer, etag: string, source: 'cache' | 'listing'): EarlyAnswer => {
    const head = publicAnswerHead(headers['if-none-match'], config.catalogue, etag)
    return { body: head.status === 304 ? null : body, headers: { ...corsDefaults(payload), ...head.headers, [SOURCE_HEADER]: source }, status: head.status }
  }
  const hit = cache.get(key)
  if (hit) return respond(hit.body, hit.etag, 'cache')
  if (collection !== config.slugs.products || !config.catalogue.listing || !listingReady()) return null
  const plan = parseListingQuery(parse(url.search, QS_OPTIONS) as Record<string, unknown>, config.maxPublicPageSize, catalogueLocales(payload))
  if (!plan) return null
  const generation = cache.current()
  const { body, etag } = await answerFromListing(cache, poolListingSql(poolOf(payload)), tableOfCollection(payload, collection), key, plan)
  cache.set(key, generation, body, etag)
  return respond(Buffer.from(body), etag, 'listing')
}
