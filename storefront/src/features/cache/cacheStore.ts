import type { CacheEntry } from './cacheEntry'

/** Where the route cache keeps its entries: this process's memory, or Redis shared by every instance. */
export type CacheStore = {
  get: (key: string) => Promise<CacheEntry | undefined>
  /** Marks every entry carrying one of `tags` invalidated (kept as a stand-in for a failing render). */
  invalidateTags: (tags: readonly string[]) => Promise<void>
  /**
   * Stores `entry` under `key` for `keepSeconds`, indexed by its tags. Rejects when the entry was not
   * stored: with a `CacheWriteRefusedError` when the store answered and refused it (Redis out of memory).
   */
  set: (key: string, entry: CacheEntry, keepSeconds: number) => Promise<void>
}

/**
 * The store is reachable but refused the write (Redis answered with an error, such as OOM): unlike an
 * outage, reads still go to that store, so a copy kept anywhere else would never be served.
 */
export class CacheWriteRefusedError extends Error {
  override name = 'CacheWriteRefusedError'
}
