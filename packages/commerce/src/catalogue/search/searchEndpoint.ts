import type { Endpoint } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { catalogueLocales } from '../../localization/catalogueLocales'
import { searchDocs } from './searchDocs'
import { parseSearchParams } from './searchParams'
import { searchOnPool, searchResponseBody, searchTiming } from './searchResponse'

export type { SearchResponse } from './searchResponse'

/**
 * `GET /products/search?q=…&category=…&price=…&inStock=…&option[Size]=M&sort=…&page=…&limit=…`:
 * ranked full-text search over published products with facet counts (see docs/search.md). Every
 * parameter is checked; anything wrong is a 400 naming each problem. (The API server answers most
 * anonymous searches before Payload parses the request: `earlySearchResponse`, the same bytes.)
 */
export const searchEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    const search = req.searchParams ?? new URL(req.url ?? '', 'http://localhost').searchParams
    const parsed = parseSearchParams(search, { currencies: config.currencies, defaultCurrency: config.defaultCurrency, locales: catalogueLocales(req.payload), maxLimit: config.maxPublicPageSize })
    if (!parsed.ok) return Response.json({ errors: parsed.problems.map((message) => ({ message })) }, { status: 400 })
    const { params } = parsed
    const started = performance.now()
    const result = await searchOnPool(req.payload, config, params)
    const searched = performance.now()
    const docs = await searchDocs(req, config, result.version, result.ids, params)
    const timing = searchTiming(started, searched, performance.now())
    return new Response(searchResponseBody(result, docs, params), { headers: { 'Content-Type': 'application/json', 'Server-Timing': timing } })
  },
  method: 'get',
  path: '/search',
})
