import type { Payload } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { catalogueLocales } from '../../localization/catalogueLocales'
import { listingSearchDocs } from './searchDocs'
import { parseSearchParams } from './searchParams'
import { searchOnPool, searchResponseBody, searchTiming } from './searchResponse'

/** An early answer's parts: the API server writes them as they are (see `earlyCatalogueResponse`). */
export type EarlySearchAnswer = { body: Buffer; headers: Record<string, string>; status: 200 }

/**
 * An anonymous search answered before Payload parses the request: the same body and headers as the
 * search endpoint, when the parameters are valid and the listing can give the documents; null
 * otherwise (a 400, depth 2, another kind of select), and Payload's endpoint answers as before.
 * The caller has already made sure the request can be no one's (no cookie, no `Authorization`, no
 * `Origin`), as for the list reads.
 */
export const earlySearchResponse = async (payload: Payload, config: SanitizedCommercePluginConfig, search: URLSearchParams, baseHeaders: Record<string, string>): Promise<EarlySearchAnswer | null> => {
  const parsed = parseSearchParams(search, { currencies: config.currencies, defaultCurrency: config.defaultCurrency, locales: catalogueLocales(payload), maxLimit: config.maxPublicPageSize })
  if (!parsed.ok) return null
  const { params } = parsed
  const started = performance.now()
  const result = await searchOnPool(payload, config, params)
  const searched = performance.now()
  const docs = await listingSearchDocs(payload, config, result.version, result.ids, params)
  if (!docs) return null
  const timing = searchTiming(started, searched, performance.now())
  return { body: Buffer.from(searchResponseBody(result, docs, params)), headers: { ...baseHeaders, 'content-type': 'application/json', 'server-timing': timing }, status: 200 }
}
