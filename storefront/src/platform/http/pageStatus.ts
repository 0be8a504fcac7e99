import type { AstroGlobal } from 'astro'

import { neverCache } from '../cache/routeCache'
import { log } from '../observability/log'

/** Answers the page with 404; the page then renders its not-found notice. */
export const markNotFound = (astro: Pick<AstroGlobal, 'cache' | 'response'>): void => {
  astro.response.status = 404
  astro.response.statusText = 'Not Found'
  neverCache(astro)
}

/** Answers the page with 503 and a hint to retry: the CMS could not answer. The error goes to the log. */
export const markUnavailable = (astro: Pick<AstroGlobal, 'cache' | 'response'>, error: unknown): void => {
  log.error('CMS unavailable: page answered 503', { err: error })
  astro.response.status = 503
  astro.response.statusText = 'Service Unavailable'
  astro.response.headers.set('Retry-After', '30')
  neverCache(astro)
}
