import { LRUCache } from 'lru-cache'

import type { CacheEntry } from './cacheEntry'
import type { CacheStore } from './cacheStore'

/**
 * The route cache in this process's memory (`lru-cache`): least recently used entries dropped past
 * `max`, each kept for the seconds it is stored with. Only right for a single instance: another
 * instance neither sees these entries nor their invalidation.
 */
export const createMemoryCacheStore = ({ max }: { max: number }): CacheStore => {
  const entries = new LRUCache<string, CacheEntry>({ max })
  return {
    // One process sees its own invalidations as they happen (the hot cache's epoch): nothing to count.
    get: async (key) => ({ entry: entries.get(key), since: undefined }),
    invalidateTags: async (tags) => {
      const wanted = new Set(tags)
      for (const entry of entries.values()) if (entry.tags.some((tag) => wanted.has(tag))) entry.invalidated = true
    },
    set: async (key, entry, keepSeconds) => {
      // A ttl of 0 would mean "forever" to lru-cache: an entry with nothing left to keep is not kept.
      if (keepSeconds > 0) entries.set(key, entry, { ttl: keepSeconds * 1000 })
      else entries.delete(key)
      return 'stored'
    },
  }
}
