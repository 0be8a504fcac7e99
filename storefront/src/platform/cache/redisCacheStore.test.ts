import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startPrivateRedis } from '../../../test/support/privateRedis'
import type { CacheEntry } from './cacheEntry'
import { CacheWriteRefusedError } from './cacheStore'
import { createFallbackCacheStore } from './fallbackCacheStore'
import { createMemoryCacheStore } from './memoryCacheStore'
import { createRedisCacheStore } from './redisCacheStore'

const entry = (tags: string[]): CacheEntry => ({ body: new Uint8Array([1, 2]), headers: [], invalidated: false, maxAge: 60, status: 200, storedAt: Date.now(), swr: 0, tags })

let server: Awaited<ReturnType<typeof startPrivateRedis>> | undefined
let redis: Redis

beforeAll(async () => {
  server = await startPrivateRedis()
  redis = new Redis(server.url, { maxRetriesPerRequest: 1 })
})

afterAll(async () => {
  redis.disconnect()
  await server?.stop()
})

/** Redis at its memory limit with no eviction: it still answers reads but refuses every write (OOM). */
const whileFull = async (work: () => Promise<void>): Promise<void> => {
  await redis.config('SET', 'maxmemory-policy', 'noeviction')
  await redis.config('SET', 'maxmemory', '1')
  try {
    await work()
  } finally {
    await redis.config('SET', 'maxmemory', '0')
  }
}

describe('createRedisCacheStore on a Redis that refuses writes', () => {
  it('rejects with the refusal instead of resolving as if the entry were stored', async () => {
    const store = createRedisCacheStore({ keyPrefix: 'full:', redis })
    await whileFull(async () => {
      const write = store.set('page', entry(['product:1']), 60)
      await expect(write).rejects.toBeInstanceOf(CacheWriteRefusedError)
      await expect(write).rejects.toThrow(/refused to store route cache entry page: OOM/)
    })
    expect((await store.get('page')).entry).toBeUndefined()
    await store.set('page', entry(['product:1']), 60)
    expect((await store.get('page')).entry?.tags).toEqual(['product:1'])
  })

  it('is passed on by the fallback store, which keeps no memory copy that reads would never reach', async () => {
    const local = createMemoryCacheStore({ max: 10 })
    const errors: string[] = []
    const store = createFallbackCacheStore({ local, onError: (operation) => errors.push(operation), shared: createRedisCacheStore({ keyPrefix: 'fallback:', redis }) })
    await whileFull(async () => {
      await expect(store.set('page', entry(['product:2']), 60)).rejects.toBeInstanceOf(CacheWriteRefusedError)
    })
    expect((await local.get('page')).entry).toBeUndefined()
    expect((await store.get('page')).entry).toBeUndefined()
    // A refusal is not an outage: nothing fell back to memory.
    expect(errors).toEqual([])
  })
})

describe('createRedisCacheStore shared by two instances', () => {
  it('refuses a page rendered before another instance invalidated its tags, and keeps one rendered after', async () => {
    const first = createRedisCacheStore({ keyPrefix: 'race:', redis })
    const second = createRedisCacheStore({ keyPrefix: 'race:', redis })
    await first.set('/p/mug', entry(['product:7']), 60)
    // The first instance starts re-rendering the page (it read the CMS before the save committed)…
    const { since } = await first.get('/p/mug')
    // …the second receives the save's webhook and invalidates the page, before the first stores its render.
    await second.invalidateTags(['product:7'])
    expect(await first.set('/p/mug', entry(['product:7']), 60, since)).toBe('superseded')
    expect((await second.get('/p/mug')).entry?.invalidated).toBe(true)
    // A render that started after the invalidation is kept, and so is one of a page with other tags.
    const after = await first.get('/p/mug')
    expect(await first.set('/p/mug', entry(['product:7']), 60, after.since)).toBe('stored')
    expect((await second.get('/p/mug')).entry?.invalidated).toBe(false)
    expect(await first.set('/p/cup', entry(['product:8']), 60, since)).toBe('stored')
  })
})
