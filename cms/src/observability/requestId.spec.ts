import { describe, expect, it } from 'vitest'

import { routeLabel } from './metrics'
import { requestIdOf } from './requestId'

describe('requestIdOf', () => {
  it('keeps a well-formed incoming id', () => {
    expect(requestIdOf('storefront-1a2b.3_c')).toBe('storefront-1a2b.3_c')
    expect(requestIdOf(['first', 'second'])).toBe('first')
  })

  it('replaces a missing, too long or unsafe one with a UUID', () => {
    for (const bad of [undefined, null, '', 'x'.repeat(101), 'a b', 'id\r\nx-evil: 1', 'ä']) {
      expect(requestIdOf(bad)).toMatch(/^[0-9a-f-]{36}$/)
    }
  })
})

describe('routeLabel', () => {
  it('hides ids and file names and caps the depth', () => {
    expect(routeLabel('/api/v1/products/42')).toBe('/api/v1/products/:param')
    expect(routeLabel('/api/v1/media/file/photo-1.webp')).toBe('/api/v1/media/file/:param')
    expect(routeLabel('/api/v1/categories/product-counts')).toBe('/api/v1/categories/product-counts')
    expect(routeLabel('/a/b/c/d/e/f/g')).toBe('/a/b/c/d/e/…')
  })
})
