import type { CacheProvider, CacheProviderFactory } from 'astro'

import { z } from 'astro/zod'

import { log, logThrottled } from '../observability/log'
import { currentRequest } from '../observability/requestContext.server'
import { redisFallbacks, routeCacheErrors, routeCacheLookups, routeCacheWrites } from '../observability/storefrontMetrics'
import { redisClient, redisKey } from '../redis/redis.server'
import { siteOrigin } from '../seo/pageUrl'
import {
  type CacheEntry,
  cacheKeyOf,
  cachePathOf,
  freshnessOf,
  isStorable,
  keepSeconds,
  parseCacheTags,
  parseCdnCacheControl,
  pathTagOf,
  storedHeaders,
} from './cacheEntry'
import type { CacheRead, CacheStore, CacheWrite } from './cacheStore'
import { createFallbackCacheStore } from './fallbackCacheStore'
import { createHotCache, type HotEntry } from './hotCache'
import { serveFromHotCache } from './hotPath.server'
import { startInvalidationFeed } from './invalidationFeed.server'
import { createMemoryCacheStore } from './memoryCacheStore'
import { createRedisCacheStore } from './redisCacheStore'
import { createPageWarmer } from './warmUp.server'

const configSchema = z.object({
  /** Entries kept in memory (without Redis); least recently used ones go first. Default 1000. */
  max: z.number().int().positive().default(1000),
  /**
   * Bytes of fresh pages this process keeps in memory in front of the shared store (its L1, answered
   * by `server.mjs` before the Astro pipeline). Default 64 MiB; 0 turns it off.
   */
  memoryBytes: z.number().int().min(0).default(64 * 1024 * 1024),
  /**
   * Seconds an entry is kept past its stale-while-revalidate window (and after an invalidation), to be
   * served when rendering the page again fails (the CMS is down: a 5xx). Default one day.
   */
  staleIfErrorSeconds: z.number().int().min(0).default(86_400),
})

/**
 * What became of a rendered page: not cacheable, stored, cacheable but the store failed to keep it, or
 * not kept because an invalidation arrived while it rendered.
 */
type SaveOutcome = 'bypass' | 'failed' | 'stored' | 'superseded'

/** `X-Astro-Cache` of a rendered page by what became of it (none when it is not cacheable). */
const MISS_HEADER: Record<Exclude<SaveOutcome, 'bypass'>, string> = { failed: 'MISS, not stored', stored: 'MISS', superseded: 'MISS, not stored' }

/** Headers a hit must not repeat: Astro removes the first two from every response, Node writes the others. */
const UNREPLAYED_HEADERS = new Set(['cache-tag', 'cdn-cache-control', 'connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding', 'x-astro-cache', 'x-request-id'])

/** `entry` as the hot path writes it: the headers a hit gets from Astro, ready for `writeHead`. */
const hotEntryOf = (entry: CacheEntry, route: string): HotEntry => {
  const body = Buffer.from(entry.body.buffer, entry.body.byteOffset, entry.body.byteLength)
  const head: string[] = []
  for (const [name, value] of entry.headers) if (!UNREPLAYED_HEADERS.has(name.toLowerCase())) head.push(name, value)
  head.push('x-astro-cache', 'HIT', 'content-length', String(body.byteLength))
  const labels = { request: { method: 'GET', route, status: String(entry.status) }, route: { method: 'GET', route } } as const
  return { body, freshUntil: entry.storedAt + entry.maxAge * 1000, head, labels, status: entry.status, tags: entry.tags }
}

/** Headers from `writeHead`'s flat list, Content-Length left to the Response. */
const headersOf = (head: readonly string[]): Headers => {
  const headers = new Headers()
  for (let index = 0; index + 1 < head.length; index += 2) {
    const name = head[index] ?? ''
    if (name !== 'content-length') headers.append(name, head[index + 1] ?? '')
  }
  return headers
}

const responseOf = (entry: CacheEntry, state: string): Response => {
  const response = new Response(entry.body.slice(0), { headers: entry.headers, status: entry.status })
  response.headers.set('X-Astro-Cache', state)
  return response
}

/**
 * Astro's route cache with a store shared by every instance: Redis when REDIS_URL is set, this
 * process's memory otherwise. Honours `maxAge` and `swr` from `Astro.cache.set()`, invalidates by tag
 * or path, and serves the last good copy of a page whose re-render fails (stale-if-error).
 */
const routeCacheProvider: CacheProviderFactory = (rawConfig): CacheProvider => {
  const config = configSchema.parse(rawConfig ?? {})
  const redis = redisClient()
  const name = redis ? 'showroom-redis' : 'showroom-memory'
  const memory = createMemoryCacheStore({ max: config.max })
  // With Redis, memory stands in while Redis is down: the instance keeps serving cached pages.
  const store: CacheStore = redis
    ? createFallbackCacheStore({
        local: memory,
        onError: (operation, error) => {
          routeCacheErrors.inc({ operation })
          redisFallbacks.inc({ operation: `route-cache-${operation}` })
          if (logThrottled(`route-cache-${operation}`)) log.warn('Route cache store failed; using this process memory', { err: error, operation })
        },
        shared: createRedisCacheStore({ keyPrefix: redisKey(''), redis }),
      })
    : memory
  // With `memoryBytes: 0` nothing enters it (`promote`), but it still tells which renders an invalidation overtook.
  const hot = createHotCache({ maxBytes: Math.max(config.memoryBytes, 1) })
  // Product pages an invalidation drops here are rendered again at once (here, or on another instance
  // when it hears of the invalidation), so shoppers keep getting hits.
  const warmer = createPageWarmer()
  const feed = startInvalidationFeed(hot, warmer.invalidated)
  if (config.memoryBytes > 0) serveFromHotCache(hot)
  /** Keeps a fresh entry in the L1 unless the feed is down or an invalidation came since `epoch`. */
  const promote = (key: string, entry: CacheEntry, epoch: number): void => {
    if (config.memoryBytes === 0 || !feed.listening() || freshnessOf(entry, Date.now()) !== 'fresh') return
    hot.set(key, hotEntryOf(entry, currentRequest()?.route ?? 'unmatched'), epoch)
  }

  /** Keys being refreshed in the background by this instance, so a busy stale page renders once. */
  const refreshing = new Set<string>()

  /** A store failure is logged and treated as a miss: the page renders as without a cache. */
  const read = async (key: string): Promise<CacheRead> => {
    try {
      return await store.get(key)
    } catch (error) {
      log.warn('Route cache read failed', { err: error, key })
      return { entry: undefined, since: undefined }
    }
  }

  /** Whether the last write failed: a run of failures is logged once, when it starts, and once when it ends. */
  let writesFailing = false
  let failedWrites = 0

  /** Stores a cacheable response. A store failure never fails the response: it is counted, logged, and reported. */
  const save = async (key: string, path: string, response: Response, epoch: number, since: number | undefined): Promise<SaveOutcome> => {
    const { maxAge, swr } = parseCdnCacheControl(response.headers.get('CDN-Cache-Control'))
    if (!isStorable(response, maxAge)) return 'bypass'
    const tags = [...parseCacheTags(response.headers.get('Cache-Tag')), pathTagOf(path)]
    const body = new Uint8Array(await response.clone().arrayBuffer())
    // An invalidation of its tags arrived while the page rendered: it may show data from before the
    // change. Served, but kept nowhere (the next request renders it again).
    if (hot.invalidatedSince(epoch, tags)) {
      routeCacheWrites.inc({ outcome: 'superseded' })
      return 'superseded'
    }
    const entry: CacheEntry = {
      body,
      headers: storedHeaders(response.headers),
      invalidated: false,
      maxAge,
      status: response.status,
      storedAt: Date.now(),
      swr,
      tags,
    }
    let written: CacheWrite
    try {
      written = await store.set(key, entry, keepSeconds(entry, config.staleIfErrorSeconds), since)
    } catch (error) {
      routeCacheWrites.inc({ outcome: 'failed' })
      failedWrites += 1
      if (!writesFailing) log.warn('Route cache write failed: pages are served but not cached until writes succeed again', { err: error, key, path, store: name })
      writesFailing = true
      return 'failed'
    }
    // Another instance heard of the invalidation first, and its message has not reached this one yet.
    if (written === 'superseded') {
      routeCacheWrites.inc({ outcome: 'superseded' })
      return 'superseded'
    }
    routeCacheWrites.inc({ outcome: 'stored' })
    promote(key, entry, epoch)
    if (writesFailing) log.info('Route cache writes succeed again', { failedWrites, key, path, store: name })
    writesFailing = false
    failedWrites = 0
    return 'stored'
  }

  return {
    invalidate: async ({ path, tags }) => {
      const all = [...(tags === undefined ? [] : Array.isArray(tags) ? tags : [tags]), ...(path === undefined ? [] : [pathTagOf(path)])]
      const names = all.map((tag) => tag.trim()).filter((tag) => tag !== '')
      if (names.length === 0) return
      // In this order: once another instance hears of it, the shared store already has it, so what it
      // reads next is the invalidated entry, never the old page again.
      const dropped = hot.invalidateTags(names)
      await store.invalidateTags(names)
      dropped.push(...hot.invalidateTags(names))
      await feed.publish(names)
      warmer.invalidated(names, dropped)
    },
    name,
    onRequest: async (context, next) => {
      if (context.request.method !== 'GET') return next()
      const key = cacheKeyOf(context.url, siteOrigin)
      const path = cachePathOf(context.url)
      const epoch = hot.epoch()
      const inMemory = hot.get(key, Date.now())
      if (inMemory) {
        // Reached when the hot path did not run (no `server.mjs`) or saw another URL than Astro does.
        routeCacheLookups.inc({ state: 'hit' })
        return new Response(new Uint8Array(inMemory.body), { headers: headersOf(inMemory.head), status: inMemory.status })
      }
      const { entry: cached, since } = await read(key)
      const freshness = cached ? freshnessOf(cached, Date.now()) : 'expired'
      if (cached && freshness === 'fresh') {
        routeCacheLookups.inc({ state: 'hit' })
        promote(key, cached, epoch)
        return responseOf(cached, 'HIT')
      }
      if (cached && freshness === 'stale') {
        if (!refreshing.has(key)) {
          refreshing.add(key)
          const refresh = next()
            .then(async (fresh) => {
              await save(key, path, fresh, epoch, since)
              await fresh.body?.cancel()
            })
            .catch((error: unknown) => log.warn('Background refresh failed', { err: error, path }))
            .finally(() => refreshing.delete(key))
          context.waitUntil?.(refresh)
        }
        routeCacheLookups.inc({ state: 'stale' })
        return responseOf(cached, 'STALE')
      }
      const response = await next()
      if (cached && response.status >= 500) {
        // The page could not be rendered (the CMS is down): the last good copy beats an error page.
        await response.body?.cancel()
        routeCacheLookups.inc({ state: 'stale-if-error' })
        return responseOf(cached, 'STALE-IF-ERROR')
      }
      // `miss`: rendered, to be stored (`routeCacheWrites` says whether it was); `bypass`: a page that does
      // not ask to be cached (personal, errors).
      const outcome = await save(key, path, response, epoch, since)
      routeCacheLookups.inc({ state: outcome === 'bypass' ? 'bypass' : 'miss' })
      if (outcome !== 'bypass') response.headers.set('X-Astro-Cache', MISS_HEADER[outcome])
      return response
    },
  }
}

export default routeCacheProvider
