import { type CacheStore, CacheWriteRefusedError } from './cacheStore'

export type FallbackCacheStoreOptions = {
  /** This process's memory: used while `shared` fails. */
  local: CacheStore
  /** Told about every failure of `shared` (to log and count it). */
  onError: (operation: 'invalidate' | 'read' | 'write', error: unknown) => void
  /** The store every instance shares (Redis). */
  shared: CacheStore
}

/**
 * Redis with this process's memory as a stand-in: while Redis fails, pages are cached (and
 * invalidated) in memory, so the instance keeps serving from cache alone. Invalidations Redis missed
 * are replayed once it answers again, before anything is read from it, so a page changed during the
 * outage is never served from a copy stored before it. Memory is always invalidated too: it may hold
 * pages from an earlier outage. A write Redis refused while answering (out of memory) is not kept in
 * memory: reads still go to Redis, so that copy would never be served; the refusal reaches the caller.
 */
export const createFallbackCacheStore = ({ local, onError, shared }: FallbackCacheStoreOptions): CacheStore => {
  /** Tags whose invalidation Redis did not receive. */
  const missed = new Set<string>()

  /** Sends the missed invalidations; true when Redis has them all (or there were none). */
  const catchUp = async (): Promise<boolean> => {
    if (missed.size === 0) return true
    const tags = [...missed]
    try {
      await shared.invalidateTags(tags)
      for (const tag of tags) missed.delete(tag)
      return true
    } catch (error) {
      onError('invalidate', error)
      return false
    }
  }

  return {
    get: async (key) => {
      if (await catchUp()) {
        try {
          return await shared.get(key)
        } catch (error) {
          onError('read', error)
        }
      }
      return local.get(key)
    },
    invalidateTags: async (tags) => {
      await local.invalidateTags(tags)
      try {
        await shared.invalidateTags(tags)
      } catch (error) {
        onError('invalidate', error)
        for (const tag of tags) missed.add(tag)
      }
    },
    set: async (key, entry, keepSeconds, since) => {
      if (await catchUp()) {
        try {
          return await shared.set(key, entry, keepSeconds, since)
        } catch (error) {
          if (error instanceof CacheWriteRefusedError) throw error
          onError('write', error)
        }
      }
      return local.set(key, entry, keepSeconds)
    },
  }
}
