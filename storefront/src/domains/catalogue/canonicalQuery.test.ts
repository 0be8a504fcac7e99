import { describe, expect, it } from 'vitest'

import { cachedRoutes, useCachedRoutes } from '../../platform/cache/cachedRoutes'
import { cachePathOf } from '../../platform/cache/cacheEntry'
import { canonicalPathOf, catalogueRoutes, spelledPathOf } from './canonicalQuery'

const canonical = (url: string): string | undefined => {
  const { pathname, searchParams } = new URL(url, 'http://shop.test')
  return canonicalPathOf(pathname, searchParams)
}

describe('canonicalPathOf', () => {
  it('keeps only the parameters a listing reads, in one order, without defaults or junk', () => {
    expect(canonical('/c/men?utm_source=news&gclid=1&zz=junk')).toBe('/c/men')
    expect(canonical('/c/men?sort=name&inStock=1&max=50&min=10')).toBe(canonical('/c/men?min=10&max=50&inStock=1&sort=name'))
    expect(canonical('/c/men?sort=newest&page=1&sort=bogus')).toBe('/c/men')
    expect(canonical('/c/men?page=2&fbclid=x')).toBe('/c/men?page=2')
  })

  it('keeps the search term and a product page’s variant, and nothing on the home page', () => {
    expect(canonical('/search?utm_medium=x&q=%20mug%20&sort=name')).toBe('/search?q=mug&sort=name')
    // Relevance is the search page's default, so newest is a choice it keeps, and relevance is left out.
    expect(canonical('/search?q=mug&sort=newest')).toBe('/search?q=mug&sort=newest')
    expect(canonical('/search?q=mug&sort=relevance')).toBe('/search?q=mug')
    expect(canonical('/p/mug?variant=abc123&ref=x')).toBe('/p/mug?variant=abc123')
    expect(canonical('/p/mug?variant=%3Cscript%3E')).toBe('/p/mug')
    expect(canonical('/?utm_campaign=winter')).toBe('/')
  })

  it('leaves other routes alone', () => {
    expect(canonical('/account/reset?token=abc')).toBeUndefined()
    expect(canonical('/cart')).toBeUndefined()
  })
})

describe('spelledPathOf', () => {
  const spelled = (url: string) => {
    const { pathname, searchParams } = new URL(url, 'http://shop.test')
    return spelledPathOf(pathname, searchParams)
  }

  it('is the canonical address when only tracking parameters or junk are added to it', () => {
    for (const url of ['/c/shirts?price=25-50&utm_source=mail', '/search?gclid=x&q=mug&junk=1', '/p/tee?variant=abc&fbclid=y', '/?utm_medium=x']) {
      expect(spelled(url)).toBe(canonical(url))
    }
  })

  it('differs from it when a form sends empty fields, defaults or another order, so the shopper is redirected', () => {
    for (const url of ['/c/shirts?price=25-50&min=&max=&inStock=1&sort=newest', '/search?q=shrit&category=shirts&option=Size%3AM&min=&max=&sort=relevance', '/c/shirts?sort=price&price=25-50']) {
      expect(spelled(url)).not.toBe(canonical(url))
    }
    expect(canonical('/c/shirts?price=25-50&min=&max=&inStock=1&sort=newest')).toBe('/c/shirts?price=25-50&inStock=1')
  })
})

describe('catalogueRoutes', () => {
  it('key the route cache by canonical address once handed over, as src/fetch.ts does', () => {
    const url = new URL('http://shop.test/search?utm_source=x&sort=relevance&q=%20shirt%20')
    const before = cachedRoutes()
    try {
      expect(cachePathOf(url)).toBe('/search?q=+shirt+&sort=relevance')
      useCachedRoutes(catalogueRoutes)
      expect(cachePathOf(url)).toBe('/search?q=shirt')
    } finally {
      useCachedRoutes(before)
    }
  })
})
