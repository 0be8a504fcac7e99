import type { CacheEntry } from './cacheEntry'

/** Where the route cache keeps its entries: this process's memory, or Redis shared by every instance. */
export type CacheStore = {
  get: (key: string) => Promise<CacheEntry | undefined>
  /** Marks every entry carrying one of `tags` invalidated (kept as a stand-in for a failing render). */
  invalidateTags: (tags: readonly string[]) => Promise<void>
  /** Stores `entry` under `key` for `keepSeconds`, indexed by its tags. */
  set: (key: string, entry: CacheEntry, keepSeconds: number) => Promise<void>
}
