import { cachedRoutes } from './cachedRoutes'

/** One stored response with what decides its freshness and what invalidates it. */
export type CacheEntry = {
  body: Uint8Array
  headers: Array<[string, string]>
  /** Set by an invalidation: the entry is no longer served fresh, but still stands in when rendering fails. */
  invalidated: boolean
  /** Seconds the entry is fresh. */
  maxAge: number
  status: number
  /** When it was stored (ms since the epoch). */
  storedAt: number
  /** Seconds after `maxAge` during which it is served while a fresh copy renders in the background. */
  swr: number
  tags: string[]
}

export type Freshness = 'expired' | 'fresh' | 'stale'

/** Whether `entry` may be served as it is (`fresh`), served while refreshing (`stale`), or must be rendered again. */
export const freshnessOf = (entry: Pick<CacheEntry, 'invalidated' | 'maxAge' | 'storedAt' | 'swr'>, now: number): Freshness => {
  if (entry.invalidated) return 'expired'
  const age = (now - entry.storedAt) / 1000
  if (age <= entry.maxAge) return 'fresh'
  return age <= entry.maxAge + entry.swr ? 'stale' : 'expired'
}

/** `max-age` and `stale-while-revalidate` of the `CDN-Cache-Control` header Astro's `cache.set()` writes. */
export const parseCdnCacheControl = (header: null | string): { maxAge: number; swr: number } => {
  let maxAge = 0
  let swr = 0
  for (const part of (header ?? '').split(',')) {
    const [name = '', value = ''] = part.trim().toLowerCase().split('=')
    const seconds = Number.parseInt(value, 10)
    if (!Number.isFinite(seconds) || seconds < 0) continue
    if (name === 'max-age') maxAge = seconds
    else if (name === 'stale-while-revalidate') swr = seconds
  }
  return { maxAge, swr }
}

/** The tags of the `Cache-Tag` header (comma-plus-space separated), trimmed and without duplicates. */
export const parseCacheTags = (header: null | string): string[] => [
  ...new Set(
    (header ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
  ),
]

/** Query parameters that only track where a visit came from: they never change a page, so they are not part of its key. */
const TRACKING_PARAM = /^(utm_.*|fbclid|gclid|gbraid|wbraid|dclid|msclkid|twclid|mc_cid|mc_eid|_ga|_gl|ref)$/i

/**
 * The page's cache path, which `invalidate({ path })` matches: a route-cached page's canonical
 * address (`cachedRoutes().canonicalPathOf`: only the parameters the route reads, in canonical order); any other
 * route's path with its query sorted, tracking parameters left out.
 */
export const cachePathOf = (url: URL): string => {
  const canonical = cachedRoutes().canonicalPathOf(url.pathname, url.searchParams)
  if (canonical !== undefined) return canonical
  const params = new URLSearchParams(url.searchParams)
  for (const name of [...params.keys()]) if (TRACKING_PARAM.test(name)) params.delete(name)
  params.sort()
  return params.size > 0 ? `${url.pathname}?${params}` : url.pathname
}

/**
 * The cache key: origin, path and sorted query. The origin is the shop's (`siteOrigin`, from SITE_URL)
 * when it has one, so any Host header shares the one entry; without SITE_URL it is the request's,
 * because pages then write that origin into their canonical links.
 */
export const cacheKeyOf = (url: URL, siteOrigin?: string): string => `${siteOrigin ?? url.origin}${cachePathOf(url)}`

/** The tag every entry of `path` carries, so `invalidate({ path })` is a tag invalidation too. */
export const pathTagOf = (path: string): string => `path:${path}`

/** Whether a response may be stored: asked to be (`maxAge` > 0), sets no cookie and varies on nothing. */
export const isStorable = (response: Response, maxAge: number): boolean =>
  maxAge > 0 && !response.headers.has('set-cookie') && !response.headers.has('vary')

/** Headers kept with an entry: everything but cookies (never replayed to another visitor). */
export const storedHeaders = (headers: Headers): Array<[string, string]> =>
  [...headers].filter(([name]) => name.toLowerCase() !== 'set-cookie')

/** How long to keep an entry at all: fresh, then stale-while-revalidate, then as a stand-in while the CMS is down. */
export const keepSeconds = (entry: Pick<CacheEntry, 'maxAge' | 'swr'>, staleIfErrorSeconds: number): number =>
  entry.maxAge + entry.swr + staleIfErrorSeconds
