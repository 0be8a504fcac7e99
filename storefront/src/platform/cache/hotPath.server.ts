import type { IncomingMessage, ServerResponse } from 'node:http'

import { applySecurityHeaders, securityHeaders } from '../http/securityHeaders'
import { requestIdFrom } from '../observability/requestId'
import { httpDuration, httpRequests, routeCacheLookups } from '../observability/storefrontMetrics'
import { siteOrigin } from '../seo/pageUrl'
import { cachedRoutes } from './cachedRoutes'
import type { HotCache } from './hotCache'

/**
 * Answers a request from the in-process route cache, or rewrites its URL to its canonical address,
 * and tells `server.mjs` whether it answered. Shared with `server.mjs` under this global key because
 * that server loads before any app module and cannot import them.
 */
export type HotPath = (request: IncomingMessage, response: ServerResponse) => boolean

/** Serves a request itself (a live stream) and returns true, or returns false to leave it to the rest. */
export type HotStream = (request: IncomingMessage, response: ServerResponse, pathname: string) => boolean

/** The streams the shop serves on the hot path (`installHotPath`). */
let streams: readonly HotStream[] = []

const HOT_PATH_KEY = Symbol.for('showroom.hotPath')

/** The L1 the route cache provider fills; `undefined` until the provider starts (the first request). */
let hotCache: HotCache | undefined

/** Lets the hot path answer from `cache` (called by the route cache provider when it starts). */
export const serveFromHotCache = (cache: HotCache): void => {
  hotCache = cache
}

/**
 * The route cache key of a request as Astro sees it (`http://host/path?canonical`, or the shop's own
 * origin with SITE_URL), as `cacheKeyOf` builds it from `Astro.url`.
 */
const keyOf = (host: string, path: string): string => `${siteOrigin ?? `http://${host.toLowerCase()}`}${path}`

/** The route cache lookup label of a hit: one object, so its metric series key is built once. */
const HIT = { state: 'hit' }

/** The security headers of every response (`platform/http/securityHeaders.ts`), HSTS in a production build. */
const SECURITY_HEADERS = securityHeaders(import.meta.env.PROD)

/**
 * Methods the app answers. Others (TRACE, CONNECT, TRACK: the Fetch API cannot even represent them,
 * and Astro would fail with a 500) get a 405 here.
 */
const ANSWERED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'])

const firstHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)

/**
 * The storefront's hot path, run by `server.mjs` before the Astro app sees a request:
 * 1. a GET or HEAD of a route-cached page (`cachedRoutes().canonicalPathOf`) is rewritten to its canonical address:
 *    tracking and unknown parameters dropped, the others in canonical order — the page renders from
 *    exactly the parameters its cache key holds; when the route's own parameters are spelled another
 *    way (a GET form's empty fields and defaults, another order), the answer is a 302 to that address
 *    (`cachedRoutes().spelledPathOf`);
 * 2. a fresh copy in this process's L1 is written to the socket as it is, with the headers the
 *    route cache gives a hit (`X-Astro-Cache: HIT`) and an `x-request-id`, counted in the same HTTP
 *    and route cache metrics as every request. Nothing else of the pipeline runs. Hits write no access
 *    log line: at tens of thousands a second the line would cost more than the answer (and the log
 *    pipe's buffer grows under load); the metrics count every one, by route and status, with its time.
 * Streams handed to `installHotPath` are served here too (product live streams, see
 * `domains/live/productStream.server.ts`).
 * Anything else (a miss, a stale page, another route) goes on to Astro, whose route cache provider
 * reads the shared store and fills the L1.
 * First of all, every response gets the security headers (`applySecurityHeaders`), whoever writes it.
 */
export const hotPath: HotPath = (request, response) => {
  const started = performance.now()
  applySecurityHeaders(response, SECURITY_HEADERS)
  const { method } = request
  if (method === undefined || !ANSWERED_METHODS.has(method)) {
    response.writeHead(405, { allow: 'GET, HEAD, POST', 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' })
    response.end(`Method ${method ?? ''} is not allowed.\n`)
    return true
  }
  if (method !== 'GET' && method !== 'HEAD') return false
  const raw = request.url ?? '/'
  const queryAt = raw.indexOf('?')
  const pathname = queryAt === -1 ? raw : raw.slice(0, queryAt)
  // Only plain paths: anything Astro would decode or normalise (`%`, `//`, `..`) is left to Astro.
  if (!/^\/[\w\-./~]*$/.test(pathname) || pathname.includes('//') || pathname.includes('/.')) return false
  for (const stream of streams) if (stream(request, response, pathname)) return true
  const search = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1))
  const { canonicalPathOf, spelledPathOf } = cachedRoutes()
  const path = canonicalPathOf(pathname, search)
  if (path === undefined) return false
  if (path !== raw && spelledPathOf(pathname, search) !== path) {
    response.writeHead(302, { 'cache-control': 'no-store', location: path, 'x-request-id': requestIdFrom(firstHeader(request.headers['x-request-id'])) })
    response.end()
    return true
  }
  if (path !== raw) request.url = path
  const host = request.headers.host
  const entry = host === undefined ? undefined : hotCache?.get(keyOf(host, path), Date.now())
  if (entry === undefined) return false

  const requestId = requestIdFrom(firstHeader(request.headers['x-request-id']))
  response.writeHead(entry.status, [...entry.head, 'x-request-id', requestId])
  response.end(method === 'HEAD' ? undefined : entry.body)
  const { labels } = entry
  routeCacheLookups.inc(HIT)
  httpRequests.inc(method === 'GET' ? labels.request : { ...labels.request, method })
  httpDuration.observe(method === 'GET' ? labels.route : { ...labels.route, method }, (performance.now() - started) / 1000)
  return true
}

/** Makes `hotPath` reachable from `server.mjs`, serving `given` streams before anything else. */
export const installHotPath = ({ streams: given }: { streams: readonly HotStream[] }): void => {
  streams = given
  ;(globalThis as typeof globalThis & { [HOT_PATH_KEY]?: HotPath })[HOT_PATH_KEY] = hotPath
}
