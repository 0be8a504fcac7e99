import type { CachedRoutes } from '../../platform/cache/cachedRoutes'
import { LISTING_KEYS, listingHref, parseListingParams } from './listing'
import { localePath, splitLocalePath } from '../i18n/locale'

/** The longest search term the search page uses; longer ones are cut (the page shows the same results). */
const MAX_SEARCH_TERM = 100

/** What a variant id (a Payload array row id) looks like. */
const VARIANT_ID = /^[\w-]{1,64}$/

/** Cached routes with a fixed path. */
const CACHED_PATHS = new Set(['/', '/search', '/sitemap.xml'])

/** The search term as the search page reads it: trimmed and bounded. */
export const searchTermOf = (search: URLSearchParams): string => (search.get('q') ?? '').trim().slice(0, MAX_SEARCH_TERM)

/**
 * The one place that says which query parameters each cached route reads, in canonical order: the
 * address of a route-cached page is its path plus exactly these, so a tracking parameter (`utm_*`,
 * `gclid`) or junk never makes a new cache entry, and two orders of the same filters share one.
 * - listings (`/c/…`): the listing parameters `parseListingParams` reads, written back by
 *   `listingHref` (defaults and invalid values dropped, the same URL the page links to);
 * - `/search`: the term `q`, then the same listing parameters;
 * - a product page (`/p/…`): the chosen `variant`;
 * - the home page and the sitemap: none.
 * Other routes answer `undefined`: they are not canonicalised (their key keeps every parameter but
 * the tracking ones, see `cachePathOf`).
 *
 * `server.mjs` (through `hotPath.server.ts`) rewrites each request of these routes to this address
 * before Astro sees it, so a page only ever reads the parameters its key holds.
 */
export const canonicalPathOf = (pathname: string, search: URLSearchParams): string | undefined => {
  // Most requests carry no query: their address is their path (every default is left out of it).
  if (search.size === 0) return pathname.startsWith('/c/') || pathname.startsWith('/p/') || CACHED_PATHS.has(pathname) ? pathname : undefined
  if (pathname.startsWith('/c/')) return listingHref(pathname, parseListingParams(search))
  if (pathname === '/search') {
    const q = searchTermOf(search)
    // The search page sorts by relevance unless told otherwise (its `sort=newest` is a real choice).
    return listingHref(pathname, parseListingParams(search, 'relevance'), q === '' ? {} : { q }, 'relevance')
  }
  if (pathname.startsWith('/p/')) {
    const variant = search.get('variant')
    // A variant id is a short token; anything else selects no variant on the page either.
    return variant && VARIANT_ID.test(variant) ? `${pathname}?${new URLSearchParams({ variant })}` : pathname
  }
  return CACHED_PATHS.has(pathname) ? pathname : undefined
}

const LISTING_ROUTE_KEYS: readonly string[] = ['category', ...LISTING_KEYS]
const SEARCH_ROUTE_KEYS: readonly string[] = ['q', ...LISTING_ROUTE_KEYS]
const PRODUCT_ROUTE_KEYS: readonly string[] = ['variant']

/**
 * The request's own spelling of the parameters its route reads (every other one left out), in the
 * order it gave them. When it differs from `canonicalPathOf` — empty fields and defaults a GET form
 * submits, another order, a long term — the shopper is sent to the canonical address (302), so the
 * address bar and shared links show the one URL of what is on the page; tracking parameters and junk
 * alone are simply dropped.
 */
export const spelledPathOf = (pathname: string, search: URLSearchParams): string => {
  const keys = pathname.startsWith('/c/') ? LISTING_ROUTE_KEYS : pathname === '/search' ? SEARCH_ROUTE_KEYS : pathname.startsWith('/p/') ? PRODUCT_ROUTE_KEYS : []
  const own = new URLSearchParams([...search].filter(([key]) => keys.includes(key)))
  return own.size > 0 ? `${pathname}?${own}` : pathname
}

/**
 * The catalogue's route-cached pages, as the route cache and the hot path take them (`useCachedRoutes`),
 * in every language: a German address (`/de/p/…`) reads the same parameters as the English one.
 */
export const catalogueRoutes: CachedRoutes = {
  canonicalPathOf: (pathname, search) => {
    const { locale, path } = splitLocalePath(pathname)
    const canonical = canonicalPathOf(path, search)
    return canonical === undefined ? undefined : localePath(locale, canonical)
  },
  spelledPathOf: (pathname, search) => {
    const { locale, path } = splitLocalePath(pathname)
    return localePath(locale, spelledPathOf(path, search))
  },
}
