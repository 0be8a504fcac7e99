/**
 * Which query parameters each route-cached page reads: the shop defines its routes
 * (`domains/catalogue/canonicalQuery.ts`) and `src/fetch.ts` hands them over at start-up, so the
 * route cache (its keys, `cacheEntry.ts`) and the hot path (its rewrites, `hotPath.server.ts`) know
 * the addresses without importing the shop.
 */
export type CachedRoutes = {
  /** A route-cached page's canonical address (its path plus exactly the parameters it reads, in canonical order); `undefined` for other routes. */
  canonicalPathOf: (pathname: string, search: URLSearchParams) => string | undefined
  /** The request's own spelling of the parameters its route reads; when it differs from the canonical address the hot path redirects. */
  spelledPathOf: (pathname: string, search: URLSearchParams) => string
}

/** Until the shop's routes are handed over: no route is canonicalised (keys keep every non-tracking parameter). */
const NONE: CachedRoutes = { canonicalPathOf: () => undefined, spelledPathOf: (pathname) => pathname }

let routes: CachedRoutes = NONE

/** Sets the shop's cached routes (once, at start-up; tests may set them again). */
export const useCachedRoutes = (given: CachedRoutes): void => {
  routes = given
}

/** The shop's cached routes. */
export const cachedRoutes = (): CachedRoutes => routes
