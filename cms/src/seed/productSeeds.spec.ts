import { describe, expect, it } from 'vitest'

import { findVariantErrors } from '@showroom/payload-commerce/utilities'
import { categorySeeds } from './catalogue'
import { bulkImages, bulkProduct, demoImages, demoProducts } from './productSeeds'

const demo = demoProducts()

describe('the demo catalogue', () => {
  it('has at least 60 published products and a few drafts', () => {
    expect(demo.filter((product) => !product.draft).length).toBeGreaterThanOrEqual(60)
    expect(demo.filter((product) => product.draft).length).toBeGreaterThanOrEqual(3)
  })

  it('is the same on every call', () => {
    expect(demoProducts()).toEqual(demo)
    expect(bulkProduct(4242)).toEqual(bulkProduct(4242))
  })

  it('passes the products collection’s integrity checks', () => {
    for (const product of [...demo, ...Array.from({ length: 200 }, (_, index) => bulkProduct(index + 1))]) {
      expect(findVariantErrors(product), product.sku).toEqual([])
      if (product.compareAtPrice !== undefined) expect(product.compareAtPrice).toBeGreaterThan(product.price)
      expect(Number.isInteger(product.price) && product.price > 0).toBe(true)
      expect(product.title.length).toBeLessThanOrEqual(200)
      for (const option of product.options) {
        for (const value of [option.name, ...option.values]) expect(value.length).toBeLessThanOrEqual(40)
      }
    }
  })

  it('keeps SKUs and slugs unique across products and variants', () => {
    const skus = demo.flatMap((product) => [product.sku, ...product.variants.map((variant) => variant.sku)])
    expect(new Set(skus).size).toBe(skus.length)
    expect(new Set(demo.map((product) => product.slug)).size).toBe(demo.length)
    expect(skus.every((sku) => sku.length <= 64)).toBe(true)
  })

  it('gives every demo product German texts, with German slugs unique among them; generated ones none', () => {
    const german = demo.flatMap((product) => (product.de ? [product.de] : []))
    expect(german).toHaveLength(demo.length)
    expect(new Set(german.map((texts) => texts.slug)).size).toBe(demo.length)
    expect(german.every((texts) => texts.title.length <= 200 && texts.seoDescription.length <= 200)).toBe(true)
    expect(bulkProduct(1).de).toBeUndefined()
  })

  it('offers variants on many products', () => {
    expect(demo.filter((product) => product.variants.length > 1).length).toBeGreaterThanOrEqual(30)
  })

  it('refers only to categories and images the seed creates', () => {
    const slugs = new Set(categorySeeds().map((category) => category.slug))
    const keys = new Set([...demoImages(), ...bulkImages()].map((image) => image.key))
    for (const product of [...demo, bulkProduct(1), bulkProduct(2), bulkProduct(13)]) {
      expect(product.categories.every((slug) => slugs.has(slug)), product.sku).toBe(true)
      expect(product.images.every((key) => keys.has(key)), product.sku).toBe(true)
    }
  })
})

describe('the category tree', () => {
  it('is three levels deep with parents listed first', () => {
    const seen = new Map<string, number>()
    for (const category of categorySeeds()) {
      const depth = category.parent === undefined ? 1 : (seen.get(category.parent) ?? Number.NaN) + 1
      expect(depth, category.slug).not.toBeNaN()
      seen.set(category.slug, depth)
    }
    expect(Math.max(...seen.values())).toBeGreaterThanOrEqual(3)
  })

  it('has German titles and slugs, the slugs unique among them', () => {
    const slugs = categorySeeds().map((category) => category.de.slug)
    expect(new Set(slugs).size).toBe(slugs.length)
    expect(categorySeeds().filter((category) => category.de.title === '').map((category) => category.slug)).toEqual([])
  })
})
