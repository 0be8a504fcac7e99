import type { AstroGlobal } from 'astro'

import { cacheControl } from '../../cacheControl'

/** Tag on every catalogue page, to drop them all at once. */
export const CATALOGUE_TAG = 'catalogue'

/**
 * Marks a successful catalogue response cacheable: in Astro's route cache for a minute (served stale
 * for five more while it refreshes), tagged so a CMS change can invalidate exactly the pages it shows
 * (`category:<id>`, `product:<id>`), and for shared caches through `Cache-Control`. Call it only for
 * answers worth replaying: never for errors, never on a page that reads the session.
 */
export const cacheCatalogue = (astro: Pick<AstroGlobal, 'cache' | 'response'>, tags: readonly string[]): void => {
  astro.response.headers.set('Cache-Control', cacheControl.catalogue)
  // `enabled` is false in `astro dev` and without a provider; `set` is harmless then, but skip the work.
  if (astro.cache.enabled) astro.cache.set({ maxAge: 60, swr: 300, tags: [CATALOGUE_TAG, ...new Set(tags)] })
}

/** Marks a response as never to be stored (errors, 503s). */
export const neverCache = (astro: Pick<AstroGlobal, 'cache' | 'response'>): void => {
  astro.response.headers.set('Cache-Control', cacheControl.none)
  if (astro.cache.enabled) astro.cache.set(false)
}

/**
 * Marks a page that shows one visitor's data (cart, checkout, account, an order): stored by no cache,
 * not even the visitor's browser, so a shared computer's back button shows nothing after sign-out,
 * and varying on the cookie for any cache that ignores `no-store`.
 */
export const personalPage = (astro: Pick<AstroGlobal, 'cache' | 'response'>): void => {
  astro.response.headers.set('Cache-Control', cacheControl.private)
  // What it shows depends on the session cookie; a response that varies is never stored by the route cache either (`isStorable`).
  astro.response.headers.append('Vary', 'Cookie')
  if (astro.cache.enabled) astro.cache.set(false)
}
