import type { Fetchable } from 'astro'
import { astro, FetchState } from 'astro/fetch'
import { TRUSTED_PROXIES } from 'astro:env/server'

import { catalogueRoutes } from './domains/catalogue/canonicalQuery'
import { serveProductStream } from './domains/live/productStream.server'
import { useCachedRoutes } from './platform/cache/cachedRoutes'
import { installHotPath } from './platform/cache/hotPath.server'
import { clientAddressOf, proxyTrustOf } from './platform/http/clientAddress'
import { log } from './platform/observability/log'
import { requestIdFrom } from './platform/observability/requestId'
import { currentRequest, withRequestContext } from './platform/observability/requestContext.server'
import { httpDuration, httpRequests } from './platform/observability/storefrontMetrics'

/** Copies `response` when its headers are immutable (a `fetch` or `Response.redirect` answer). */
const withHeader = (response: Response, name: string, value: string): Response => {
  try {
    response.headers.set(name, value)
    return response
  } catch {
    const copy = new Response(response.body, response)
    copy.headers.set(name, value)
    return copy
  }
}

/**
 * The session store failed while rendering (Redis down): the page could not be served, but it will be
 * again soon, which a 503 with `Retry-After` tells browsers, crawlers and load balancers.
 */
const sessionUnavailable = (response: Response): Response => {
  const headers = new Headers(response.headers)
  headers.set('Retry-After', '30')
  headers.set('Cache-Control', 'no-store')
  return new Response(response.body, { headers, status: 503, statusText: 'Service Unavailable' })
}

// The shop's part of the platform: which pages are route-cached under which address, and the live
// streams `server.mjs` serves from its hot path, before this handler runs (see `hotPath.server.ts`).
useCachedRoutes(catalogueRoutes)
/** Which peers may tell the shopper's address in X-Forwarded-For (TRUSTED_PROXIES); checked at start-up. */
const proxyTrust = proxyTrustOf(TRUSTED_PROXIES)
installHotPath({ streams: [serveProductStream] })

/**
 * The outermost request handler, around Astro's whole pipeline (the route cache included, so cache hits
 * are counted and logged too): gives each request an id (the caller's `x-request-id` when it is a safe
 * one), runs it with that id in scope for the CMS client and the logger, answers it in `x-request-id`,
 * and writes one JSON access line and the HTTP metrics per request.
 */
export default {
  fetch: async (request: Request): Promise<Response> => {
    const started = performance.now()
    const requestId = requestIdFrom(request.headers.get('x-request-id'))
    let state = new FetchState(request)
    // The error page's own address is no page: asked for directly, it is not found (not a 500).
    if (state.routeData?.route === '/500') {
      state = new FetchState(new Request(new URL('/404', request.url), { headers: request.headers, method: request.method === 'HEAD' ? 'HEAD' : 'GET' }))
    }
    // The route pattern (`/p/[slug]`), never the raw path: metric labels must stay few.
    const route = state.routeData?.route ?? 'unmatched'
    const { pathname } = new URL(request.url)
    // The adapter's `clientAddress` is the socket peer (no `security.allowedDomains`, see astro.config.ts).
    const peer = state.clientAddress
    const clientAddress = peer === undefined ? undefined : clientAddressOf(peer, request.headers.get('x-forwarded-for'), proxyTrust)
    return withRequestContext(requestId, route, clientAddress, async () => {
      try {
        let response = await astro(state)
        if (response.status >= 500 && currentRequest()?.sessionUnavailable) response = sessionUnavailable(response)
        const durationMs = Math.round((performance.now() - started) * 10) / 10
        // Only the path: query strings can carry tokens (password reset links).
        log.info('request', { durationMs, method: request.method, path: pathname, route, status: response.status })
        httpRequests.inc({ method: request.method, route, status: String(response.status) })
        httpDuration.observe({ method: request.method, route }, durationMs / 1000)
        return withHeader(response, 'x-request-id', requestId)
      } catch (error) {
        log.error('request failed', { durationMs: Math.round(performance.now() - started), err: error, method: request.method, path: pathname, route })
        httpRequests.inc({ method: request.method, route, status: '500' })
        throw error
      }
    })
  },
} satisfies Fetchable
