import { describe, expect, it } from 'vitest'

import type { CacheEntry } from './cacheEntry'
import type { CacheStore } from './cacheStore'
import { createFallbackCacheStore } from './fallbackCacheStore'
import { createMemoryCacheStore } from './memoryCacheStore'

const entry = (tags: string[]): CacheEntry => ({ body: new Uint8Array([1]), headers: [], invalidated: false, maxAge: 60, status: 200, storedAt: Date.now(), swr: 0, tags })

/** A memory store that fails every call while `down` is set, like Redis during an outage. */
const flaky = (): CacheStore & { down: boolean } => {
  const inner = createMemoryCacheStore({ max: 100 })
  const store = {
    down: false,
    get: (key: string) => (store.down ? Promise.reject(new Error('down')) : inner.get(key)),
    invalidateTags: (tags: readonly string[]) => (store.down ? Promise.reject(new Error('down')) : inner.invalidateTags(tags)),
    set: (key: string, value: CacheEntry, seconds: number) => (store.down ? Promise.reject(new Error('down')) : inner.set(key, value, seconds)),
  }
  return store
}

describe('createFallbackCacheStore', () => {
  it('caches in memory while the shared store fails, and replays missed invalidations when it returns', async () => {
    const shared = flaky()
    const errors: string[] = []
    const store = createFallbackCacheStore({ local: createMemoryCacheStore({ max: 100 }), onError: (operation) => errors.push(operation), shared })
    await store.set('a', entry(['product:1']), 60)
    expect((await shared.get('a')).entry).toBeDefined()

    shared.down = true
    await store.set('b', entry(['product:2']), 60)
    expect((await store.get('b')).entry?.tags).toEqual(['product:2'])
    await store.invalidateTags(['product:1'])
    expect(errors).toEqual(['write', 'read', 'invalidate'])

    shared.down = false
    // The entry stored before the outage must not come back fresh: its invalidation is replayed first.
    expect((await store.get('a')).entry?.invalidated).toBe(true)
    expect((await store.get('b')).entry).toBeUndefined()
  })
})
