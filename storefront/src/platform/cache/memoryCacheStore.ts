import type { CacheEntry } from './cacheEntry'
import type { CacheStore } from './cacheStore'

/**
 * The route cache in this process's memory, least recently used entries dropped past `max`. Only
 * right for a single instance: another instance neither sees these entries nor their invalidation.
 */
export const createMemoryCacheStore = ({ max }: { max: number }): CacheStore => {
  const entries = new Map<string, { entry: CacheEntry; expiresAt: number }>()
  return {
    get: async (key) => {
      // One process sees its own invalidations as they happen (the hot cache's epoch): nothing to count.
      const found = entries.get(key)
      if (!found) return { entry: undefined, since: undefined }
      entries.delete(key)
      if (found.expiresAt <= Date.now()) return { entry: undefined, since: undefined }
      // Re-inserted: a Map iterates in insertion order, so the first key is always the least recently used.
      entries.set(key, found)
      return { entry: found.entry, since: undefined }
    },
    invalidateTags: async (tags) => {
      const wanted = new Set(tags)
      for (const { entry } of entries.values()) if (entry.tags.some((tag) => wanted.has(tag))) entry.invalidated = true
    },
    set: async (key, entry, keepSeconds) => {
      entries.delete(key)
      entries.set(key, { entry, expiresAt: Date.now() + keepSeconds * 1000 })
      for (const oldest of entries.keys()) {
        if (entries.size <= max) break
        entries.delete(oldest)
      }
      return 'stored'
    },
  }
}
