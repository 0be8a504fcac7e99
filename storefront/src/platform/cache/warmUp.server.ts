import http from 'node:http'

import { log, logThrottled } from '../observability/log'
import type { DroppedPage } from './hotCache'

/** Where this process's own HTTP server listens, published by `server.mjs` under this global key. */
const SELF_ADDRESS_KEY = Symbol.for('showroom.selfAddress')
type SelfAddress = { host: string; port: number }

/** Product pages warmed per invalidation at most: a category change drops many; the rest render on demand. */
const MAX_PAGES = 16
/** Renders of one page in a row while invalidations keep arriving for it (a save sends two or three events). */
const MAX_ROUNDS = 3

const isProductPage = (key: string): boolean => {
  try {
    return new URL(key).pathname.startsWith('/p/')
  } catch {
    return false
  }
}

/** The answer's bytes are not used: read to the end, so the render completes and is stored. */
const requestPage = (self: SelfAddress, key: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const url = new URL(key)
    const request = http.get(
      // The page's own Host: the cache key (and its canonical links) depend on it.
      { headers: { host: url.host, 'x-request-id': `cache-warm-up-${Date.now()}` }, host: self.host, path: `${url.pathname}${url.search}`, port: self.port },
      (response) => {
        response.resume()
        response.once('end', resolve)
        response.once('error', reject)
      },
    )
    request.once('error', reject)
  })

export type PageWarmer = {
  /** After an invalidation of `tags` has reached the shared store: re-renders the product pages it dropped from this process's memory. */
  invalidated: (tags: readonly string[], dropped: readonly DroppedPage[]) => void
}

/**
 * Re-renders ("warms") the product pages an invalidation took out of this process's in-memory cache,
 * right away, through this process's own server, so the next shopper asking for one gets a hit
 * instead of waiting for the render and its CMS read. Only pages that were in memory (someone was
 * looking at them here), only product pages, at most `MAX_PAGES` per invalidation. A warm-up is an
 * ordinary request: it reads the shared store first (another instance may have stored the new page
 * already, then it costs a Redis read) and its render is stored under the same rules as any
 * (refused if a newer invalidation of its tags arrived meanwhile). When one arrives while a page is
 * being warmed, the page is warmed once more afterwards, so the kept copy is the latest. Without
 * `server.mjs` (`astro dev`) there is no own server to ask, and nothing is warmed.
 */
export const createPageWarmer = (): PageWarmer => {
  const warming = new Map<string, { again: boolean; tags: readonly string[] }>()
  const warm = (self: SelfAddress, key: string, tags: readonly string[]): void => {
    const running = warming.get(key)
    if (running) {
      running.again = true
      return
    }
    const flight = { again: false, tags }
    warming.set(key, flight)
    void (async () => {
      try {
        for (let round = 0; round === 0 || (flight.again && round < MAX_ROUNDS); round += 1) {
          flight.again = false
          await requestPage(self, key)
        }
      } catch (error) {
        // The next shopper's request renders it instead.
        if (logThrottled('cache-warm-up')) log.warn('Warming a page after an invalidation failed', { err: error, key })
      } finally {
        warming.delete(key)
      }
    })()
  }
  return {
    invalidated: (tags, dropped) => {
      const self = (globalThis as typeof globalThis & { [SELF_ADDRESS_KEY]?: SelfAddress })[SELF_ADDRESS_KEY]
      if (!self) return
      for (const flight of warming.values()) if (flight.tags.some((tag) => tags.includes(tag))) flight.again = true
      for (const page of dropped.filter((candidate) => isProductPage(candidate.key)).slice(0, MAX_PAGES)) warm(self, page.key, page.tags)
    },
  }
}
