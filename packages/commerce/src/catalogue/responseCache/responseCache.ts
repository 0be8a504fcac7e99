import { createHash } from 'node:crypto'

import { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'

/** A cached anonymous catalogue response: its body and strong validator. */
export type CachedResponse = { body: Buffer; etag: string }

export type ResponseCacheOptions = {
  /** Bytes of bodies kept; 0 keeps none (every read is answered afresh). */
  maxBytes: number
  /** Redis of the API replicas: invalidations are published there and received from the others. */
  redisUrl?: string
  /** Prefix of the pub/sub channel. */
  redisPrefix: string
  /** Longest an entry lives even if an invalidation were lost, in ms. */
  ttlMs: number
}

/** A strong ETag of a body: the same bytes always, and only they, get the same tag. */
export const etagOf = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`

/**
 * A strong ETag from what a listing body is made of (`queryListing`'s fingerprint) and its query
 * key, instead of hashing tens of kilobytes per request. Prefixed so it never equals a body hash.
 */
export const listingEtagOf = (key: string, fingerprint: string): string =>
  `"l${createHash('sha256').update(key).update('\n').update(fingerprint).digest('base64url').slice(0, 31)}"`

const CHANNEL = 'catalogue:invalidate'

/**
 * The catalogue's in-process response cache: anonymous published list reads by canonical query, at
 * most `maxBytes` of bodies (least recently used out first). Any committed catalogue change clears
 * it (`invalidate`), here and, through Redis pub/sub, on every other API replica. A read that began
 * before an invalidation is not stored (its generation is stale), so a slow read of old data can
 * never land in the cache after the change that outdated it.
 */
export class ResponseCache {
  readonly enabled: boolean
  private generation = 0
  private readonly entries: LRUCache<string, CachedResponse>
  private readonly totals = new LRUCache<string, number>({ max: 10_000 })
  private publisher: Redis | null = null
  private subscriber: Redis | null = null
  private readonly channel: string

  constructor(private readonly options: ResponseCacheOptions) {
    this.enabled = options.maxBytes > 0
    this.channel = `${options.redisPrefix}${CHANNEL}`
    this.entries = new LRUCache<string, CachedResponse>({
      maxSize: Math.max(options.maxBytes, 1),
      sizeCalculation: (entry, key) => entry.body.length + key.length + 64,
      ttl: options.ttlMs,
    })
  }

  /**
   * Joins the replicas' channel (when Redis is configured). Waits at most `waitMs` for the
   * subscription: a Redis that is down must not stop the CMS from starting; ioredis keeps reconnecting,
   * and each (re)connection clears this cache, since invalidations sent meanwhile were missed.
   */
  async start(onError: (error: unknown) => void, waitMs = 3000): Promise<void> {
    if (!this.options.redisUrl || !this.enabled) return
    this.publisher = new Redis(this.options.redisUrl, { maxRetriesPerRequest: 2 })
    this.subscriber = new Redis(this.options.redisUrl)
    for (const client of [this.publisher, this.subscriber]) client.on('error', onError)
    this.subscriber.on('message', (channel) => {
      if (channel === this.channel) this.clear()
    })
    this.subscriber.on('ready', () => this.clear())
    const subscribed = this.subscriber.subscribe(this.channel).catch(onError)
    let timer: NodeJS.Timeout | undefined
    await Promise.race([subscribed, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))])
    clearTimeout(timer)
  }

  async stop(): Promise<void> {
    await Promise.all([this.publisher?.quit(), this.subscriber?.quit()].map((closing) => closing?.catch(() => undefined)))
    this.publisher = null
    this.subscriber = null
  }

  /** The generation a read starts in; pass it to `set`. */
  current(): number {
    return this.generation
  }

  get(key: string): CachedResponse | undefined {
    return this.enabled ? this.entries.get(key) : undefined
  }

  /** Keeps a response read in `generation`, unless the catalogue changed since. */
  set(key: string, generation: number, body: string, etag: string): void {
    if (this.enabled && generation === this.generation) this.entries.set(key, { body: Buffer.from(body), etag })
  }

  /** A list filter's memoised total (kept even with the response cache off: it is cheap and as fresh). */
  getTotal(key: string): number | undefined {
    return this.totals.get(key)
  }

  setTotal(key: string, generation: number, total: number): void {
    if (generation === this.generation) this.totals.set(key, total)
  }

  /** After a committed catalogue change: drop everything here and tell the other replicas. */
  invalidate(onError: (error: unknown) => void): void {
    this.clear()
    this.publisher?.publish(this.channel, String(Date.now())).catch(onError)
  }

  private clear(): void {
    this.generation += 1
    this.entries.clear()
    this.totals.clear()
  }
}
