import type { CacheEntry } from './cacheEntry'

/** What a read found, and where the store's invalidations stood when it looked. */
export type CacheRead = {
  entry: CacheEntry | undefined
  /**
   * The store's count of invalidations at the read (a store shared by several instances only): a page
   * rendered after this read is given it back on `set`, which refuses the page when an invalidation of
   * one of its tags has landed since, on any instance. `undefined` when the store does not count.
   */
  since: number | undefined
}

/** Whether `set` kept the entry, or refused it because an invalidation of its tags came after `since`. */
export type CacheWrite = 'stored' | 'superseded'

/** Where the route cache keeps its entries: this process's memory, or Redis shared by every instance. */
export type CacheStore = {
  get: (key: string) => Promise<CacheRead>
  /** Marks every entry carrying one of `tags` invalidated (kept as a stand-in for a failing render). */
  invalidateTags: (tags: readonly string[]) => Promise<void>
  /**
   * Stores `entry` under `key` for `keepSeconds`, indexed by its tags, unless `since` (from the `get`
   * before the page rendered) shows an invalidation of one of its tags landed meanwhile. Rejects when
   * the entry was not stored: with a `CacheWriteRefusedError` when the store answered and refused it
   * (Redis out of memory).
   */
  set: (key: string, entry: CacheEntry, keepSeconds: number, since?: number) => Promise<CacheWrite>
}

/**
 * The store is reachable but refused the write (Redis answered with an error, such as OOM): unlike an
 * outage, reads still go to that store, so a copy kept anywhere else would never be served.
 */
export class CacheWriteRefusedError extends Error {
  override name = 'CacheWriteRefusedError'
}
