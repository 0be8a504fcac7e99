import { describe, expect, it } from 'vitest'

import { createHotCache, type HotEntry } from './hotCache'

const page = (bytes: number, tags: string[], freshUntil = Number.POSITIVE_INFINITY): HotEntry => ({
  body: Buffer.alloc(bytes, 'x'),
  freshUntil,
  head: ['content-type', 'text/html'],
  labels: { request: { method: 'GET', route: '/p/[slug]', status: '200' }, route: { method: 'GET', route: '/p/[slug]' } },
  status: 200,
  tags,
})

describe('createHotCache', () => {
  it('stays within its bytes, dropping the least recently used pages first', () => {
    const cache = createHotCache({ maxBytes: 10_000 })
    for (const name of ['a', 'b', 'c']) expect(cache.set(name, page(3000, []), cache.epoch())).toBe(true)
    cache.get('a', 0)
    cache.set('d', page(3000, []), cache.epoch())
    expect(cache.size()).toBeLessThanOrEqual(10_000)
    expect(cache.get('b', 0)).toBeUndefined()
    expect(['a', 'c', 'd'].map((name) => cache.get(name, 0)?.body.length)).toEqual([3000, 3000, 3000])
    // A page larger than the whole cache is not kept (and keeps nothing out).
    expect(cache.set('huge', page(20_000, []), cache.epoch())).toBe(false)
    expect(cache.get('huge', 0)).toBeUndefined()
    expect(cache.get('a', 0)).toBeDefined()
  })

  it('drops exactly the pages of an invalidated tag, and refuses a page read before an invalidation', () => {
    const cache = createHotCache({ maxBytes: 100_000 })
    const before = cache.epoch()
    cache.set('mug', page(10, ['product:1', 'category:2']), before)
    cache.set('shirt', page(10, ['product:3']), before)
    cache.invalidateTags(['category:2'])
    expect(cache.get('mug', 0)).toBeUndefined()
    expect(cache.get('shirt', 0)).toBeDefined()
    // Read from the shared store before the invalidation arrived: it may show the old price.
    expect(cache.set('mug', page(10, ['product:1', 'category:2']), before)).toBe(false)
    expect(cache.set('mug', page(10, ['product:1', 'category:2']), cache.epoch())).toBe(true)
    // An invalidation of other pages does not hold this one back; emptying the cache holds back all.
    const beforeOther = cache.epoch()
    cache.invalidateTags(['product:3'])
    expect(cache.set('mug', page(10, ['product:1']), beforeOther)).toBe(true)
    const beforeClear = cache.epoch()
    cache.clear()
    expect(cache.invalidatedSince(beforeClear, ['product:1'])).toBe(true)
  })

  it('serves a page only while it is fresh', () => {
    const cache = createHotCache({ maxBytes: 1000 })
    cache.set('mug', page(10, [], 5000), cache.epoch())
    expect(cache.get('mug', 4999)).toBeDefined()
    expect(cache.get('mug', 5001)).toBeUndefined()
    expect(cache.get('mug', 0)).toBeUndefined()
  })
})
