import { LRUCache } from 'lru-cache'

/** A cached page ready to be written to a socket as it is: status, headers (a flat name/value list) and body. */
export type HotEntry = {
  body: Buffer
  /** Response headers as Node's `writeHead` takes them, `name, value, name, value…`, `Content-Length` included. */
  head: string[]
  /** Until when (ms since the epoch) the page is fresh; after that the route cache decides (stale-while-revalidate). */
  freshUntil: number
  /** The metrics labels of a GET answered with it (one object each, kept: prom-client keeps the first it is given, see `storefrontMetrics.ts`). */
  labels: { request: { method: 'GET'; route: string; status: string }; route: { method: 'GET'; route: string } }
  status: number
  tags: readonly string[]
}

/** A page an invalidation dropped: its cache key (the URL as Astro saw it) and its tags. */
export type DroppedPage = { key: string; tags: readonly string[] }

export type HotCache = {
  /** Drops every entry (the invalidation feed was interrupted: some invalidations may have been missed). */
  clear: () => void
  /** Counts invalidations: a page read or rendered before one that names its tags may be out of date. */
  epoch: () => number
  /** Whether an invalidation since `epoch` named one of `tags` (or emptied the whole cache). */
  invalidatedSince: (epoch: number, tags: readonly string[]) => boolean
  /** The entry under `key` while it is fresh at `now`; an entry past its freshness is dropped. */
  get: (key: string, now: number) => HotEntry | undefined
  /** Drops the entries carrying any of `tags`; returns the pages it dropped (for the warm-up, `warmUp.server.ts`). */
  invalidateTags: (tags: readonly string[]) => DroppedPage[]
  /**
   * Keeps `entry` under `key` unless an invalidation of one of its tags happened since `epochAtStart`
   * (the entry may show what it changed) or it is larger than the whole cache. Returns whether it was kept.
   */
  set: (key: string, entry: HotEntry, epochAtStart: number) => boolean
  /** Bytes held (bodies, headers and keys). */
  size: () => number
}

/** Invalidations remembered for `invalidatedSince`; a page that took longer than this many to render is refused. */
const REMEMBERED_INVALIDATIONS = 1000

/** Bytes an entry holds beside its body: its key and headers (JavaScript strings, about 2 bytes a character). */
const overheadOf = (key: string, entry: HotEntry): number => 2 * (key.length + entry.head.reduce((sum, part) => sum + part.length, 0))

/**
 * The in-process first level of the route cache (L1), in front of the store every instance shares
 * (Redis): a least-recently-used map bounded by bytes (`lru-cache`'s `maxSize`), with an index from
 * tags to keys so an invalidation drops exactly the pages it names. It holds only fresh pages;
 * stale ones are the shared store's business (stale-while-revalidate, stale-if-error).
 */
export const createHotCache = ({ maxBytes }: { maxBytes: number }): HotCache => {
  const keysByTag = new Map<string, Set<string>>()
  let invalidations = 0
  /** The tags of the last invalidations, oldest first: `recent[i]` is invalidation number `invalidations - recent.length + i + 1`; `undefined` stands for everything. */
  const recent: Array<ReadonlySet<string> | undefined> = []
  const remember = (tags: ReadonlySet<string> | undefined): void => {
    invalidations += 1
    recent.push(tags)
    if (recent.length > REMEMBERED_INVALIDATIONS) recent.shift()
  }
  const invalidatedSince = (epoch: number, tags: readonly string[]): boolean => {
    const missed = invalidations - epoch
    if (missed === 0) return false
    if (missed > recent.length) return true
    return recent.slice(-missed).some((names) => names === undefined || tags.some((tag) => names.has(tag)))
  }
  const entries = new LRUCache<string, HotEntry>({
    dispose: (entry, key) => {
      for (const tag of entry.tags) {
        const keys = keysByTag.get(tag)
        keys?.delete(key)
        if (keys?.size === 0) keysByTag.delete(tag)
      }
    },
    maxSize: maxBytes,
    sizeCalculation: (entry, key) => entry.body.byteLength + overheadOf(key, entry),
  })
  return {
    clear: () => {
      remember(undefined)
      entries.clear()
    },
    epoch: () => invalidations,
    invalidatedSince,
    get: (key, now) => {
      const entry = entries.get(key)
      if (entry === undefined || entry.freshUntil > now) return entry
      entries.delete(key)
      return undefined
    },
    invalidateTags: (tags) => {
      remember(new Set(tags))
      const dropped: DroppedPage[] = []
      for (const tag of tags) {
        for (const key of [...(keysByTag.get(tag) ?? [])]) {
          const entry = entries.peek(key)
          if (entry) dropped.push({ key, tags: entry.tags })
          entries.delete(key)
        }
      }
      return dropped
    },
    set: (key, entry, epochAtStart) => {
      if (invalidatedSince(epochAtStart, entry.tags)) return false
      entries.set(key, entry)
      // `set` refuses an entry larger than `maxSize` (and drops what was under the key).
      if (entries.peek(key) !== entry) return false
      for (const tag of entry.tags) {
        const keys = keysByTag.get(tag) ?? new Set<string>()
        keys.add(key)
        keysByTag.set(tag, keys)
      }
      return true
    },
    size: () => entries.calculatedSize,
  }
}
