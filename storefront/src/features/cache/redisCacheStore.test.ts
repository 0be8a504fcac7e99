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
    expect(await store.get('page')).toBeUndefined()
    await store.set('page', entry(['product:1']), 60)
    expect((await store.get('page'))?.tags).toEqual(['product:1'])
  })

  it('is passed on by the fallback store, which keeps no memory copy that reads would never reach', async () => {
    const local = createMemoryCacheStore({ max: 10 })
    const errors: string[] = []
    const store = createFallbackCacheStore({ local, onError: (operation) => errors.push(operation), shared: createRedisCacheStore({ keyPrefix: 'fallback:', redis }) })
    await whileFull(async () => {
      await expect(store.set('page', entry(['product:2']), 60)).rejects.toBeInstanceOf(CacheWriteRefusedError)
    })
    expect(await local.get('page')).toBeUndefined()
    expect(await store.get('page')).toBeUndefined()
    // A refusal is not an outage: nothing fell back to memory.
    expect(errors).toEqual([])
  })
})
