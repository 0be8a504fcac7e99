import { describe, expect, it } from 'vitest'

import { canonicalPathOf } from './canonicalQuery'

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
