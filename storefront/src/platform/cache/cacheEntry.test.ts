import { describe, expect, it } from 'vitest'

import { cacheKeyOf, cachePathOf, freshnessOf, parseCacheTags, parseCdnCacheControl } from './cacheEntry'
import { createMemoryCacheStore } from './memoryCacheStore'

const entry = (overrides: Partial<Parameters<typeof freshnessOf>[0]> = {}) => ({ invalidated: false, maxAge: 60, storedAt: 0, swr: 300, ...overrides })

describe('route cache entries', () => {
  it('are fresh for maxAge, then stale for swr, then expired; invalidated ones are expired at once', () => {
    expect(freshnessOf(entry(), 60_000)).toBe('fresh')
    expect(freshnessOf(entry(), 61_000)).toBe('stale')
    expect(freshnessOf(entry(), 361_000)).toBe('expired')
    expect(freshnessOf(entry({ invalidated: true }), 1000)).toBe('expired')
  })

  it('read the headers Astro writes and key pages by origin, path and sorted query without tracking parameters', () => {
    expect(parseCdnCacheControl('max-age=60, stale-while-revalidate=300')).toEqual({ maxAge: 60, swr: 300 })
    expect(parseCdnCacheControl(null)).toEqual({ maxAge: 0, swr: 0 })
    expect(parseCacheTags('catalogue, product:1, product:1,')).toEqual(['catalogue', 'product:1'])
    const url = new URL('http://shop.test/c/men?sort=name&utm_source=x&min=10')
    expect(cachePathOf(url)).toBe('/c/men?min=10&sort=name')
    expect(cacheKeyOf(url)).toBe('http://shop.test/c/men?min=10&sort=name')
  })
})

describe('createMemoryCacheStore', () => {
  const stored = (tags: string[]) => ({ body: new Uint8Array([1]), headers: [], invalidated: false, maxAge: 60, status: 200, storedAt: Date.now(), swr: 0, tags })

  it('invalidates by tag, keeping the entry as a stand-in, and drops the least recently used past max', async () => {
    const store = createMemoryCacheStore({ max: 2 })
    await store.set('a', stored(['product:1']), 60)
    await store.set('b', stored(['product:2']), 60)
    await store.invalidateTags(['product:1'])
    expect((await store.get('a')).entry?.invalidated).toBe(true)
    expect((await store.get('b')).entry?.invalidated).toBe(false)
    await store.set('c', stored([]), 60)
    expect((await store.get('a')).entry).toBeUndefined()
    expect((await store.get('b')).entry).toBeDefined()
  })

  it('keeps an entry only for the seconds it is stored with', async () => {
    const store = createMemoryCacheStore({ max: 2 })
    await store.set('a', stored([]), 60)
    await store.set('a', stored([]), 0)
    expect((await store.get('a')).entry).toBeUndefined()
  })
})
