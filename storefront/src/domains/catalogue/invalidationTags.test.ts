import { describe, expect, it } from 'vitest'

import { parseListingParams } from './listing'
import { facetedListingTags } from './cacheTags'
import { invalidationTagsFor } from './invalidationTags'
import { type ParsedWebhookEvent, parseDelivery } from '../../platform/webhooks/webhookEvent'

const ordering = { resource: 'x:1', sequence: 1 }
const at = '2026-01-01T00:00:00.000Z'
const product = { ...ordering, categories: [3], id: 7, slug: 'mug', status: 'published' as const, title: 'Mug' }

const parsed = (event: unknown): ParsedWebhookEvent => {
  const delivery = parseDelivery(event)
  if (delivery.kind !== 'event') throw new Error(`not an event: ${JSON.stringify(delivery)}`)
  return delivery.event
}

describe('invalidationTagsFor', () => {
  it('a published product change: its page, old and new categories, search results; the sitemap only when its address or visibility changes', () => {
    const moved = parsed({ data: { ...product, previous: { categories: [4], slug: 'mug', status: 'published' } }, timestamp: at, type: 'product.updated' })
    expect(invalidationTagsFor(moved)).toEqual(['product:7', 'category:3', 'category:4', 'listings'])
    const renamed = parsed({ data: { ...product, previous: { categories: [3], slug: 'old-mug', status: 'published' } }, timestamp: at, type: 'product.updated' })
    expect(invalidationTagsFor(renamed)).toEqual(['product:7', 'category:3', 'listings', 'sitemap'])
    expect(invalidationTagsFor(parsed({ data: product, timestamp: at, type: 'product.created' }))).toContain('sitemap')
    const unpublished = parsed({ data: { ...product, previous: { categories: [3], slug: 'mug', status: 'published' }, status: 'draft' }, timestamp: at, type: 'product.updated' })
    expect(invalidationTagsFor(unpublished)).toEqual(['product:7', 'category:3', 'listings', 'sitemap'])
    expect(invalidationTagsFor(parsed({ data: product, timestamp: at, type: 'product.deleted' }))).toEqual(['product:7', 'category:3', 'listings', 'sitemap'])
  })

  it('a draft that stays a draft changes nothing shoppers see', () => {
    const draft = { ...product, previous: { categories: [3], slug: 'mug', status: 'draft' }, status: 'draft' }
    expect(invalidationTagsFor(parsed({ data: draft, timestamp: at, type: 'product.updated' }))).toEqual([])
    expect(invalidationTagsFor(parsed({ data: { ...product, status: 'draft' }, timestamp: at, type: 'product.created' }))).toEqual([])
  })

  it('prices and stock: the product, plus listings that filter or sort by them only when that can matter', () => {
    const price = { ...ordering, currency: 'EUR', items: [{ compareAtPrice: null, previousPrice: 1200, price: 900, sku: 'MUG', variant: null }], product: { id: 7, slug: 'mug' } }
    expect(invalidationTagsFor(parsed({ data: price, timestamp: at, type: 'price.changed' }))).toEqual(['product:7', 'listings:price'])
    const stock = (previousStock: number, now: number) => ({ ...ordering, items: [{ previousStock, sku: 'MUG', stock: now, variant: null }], product: { id: 7, slug: 'mug' } })
    expect(invalidationTagsFor(parsed({ data: stock(9, 8), timestamp: at, type: 'inventory.changed' }))).toEqual(['product:7'])
    expect(invalidationTagsFor(parsed({ data: stock(1, 0), timestamp: at, type: 'inventory.changed' }))).toEqual(['product:7', 'listings:stock'])
  })

  it('categories: the category (reaching its ancestors and products), old and new parents, the sitemap when its path changes', () => {
    const category = { ...ordering, id: 5, parent: 2, slug: 'shirts', title: 'Shirts' }
    expect(invalidationTagsFor(parsed({ data: { ...category, previous: { parent: 2, slug: 'shirts' } }, timestamp: at, type: 'category.updated' }))).toEqual(['category:5', 'category:2'])
    expect(invalidationTagsFor(parsed({ data: { ...category, previous: { parent: 1, slug: 'shirts' } }, timestamp: at, type: 'category.updated' }))).toEqual(['category:5', 'category:2', 'category:1', 'sitemap'])
    expect(invalidationTagsFor(parsed({ data: category, timestamp: at, type: 'category.created' }))).toEqual(['category:2', 'sitemap'])
    expect(invalidationTagsFor(parsed({ data: category, timestamp: at, type: 'category.deleted' }))).toEqual(['category:5', 'category:2', 'sitemap'])
  })

  it('media: the products showing it; orders: nothing cached', () => {
    const media = { ...ordering, alt: 'A mug', filename: 'mug.webp', id: 9, products: [7, 8], url: '/media/mug.webp' }
    expect(invalidationTagsFor(parsed({ data: media, timestamp: at, type: 'media.updated' }))).toEqual(['product:7', 'product:8'])
    const status = { ...ordering, changedAt: at, customer: null, from: 'paid', id: 4, number: 'SR-1', to: 'shipped' }
    expect(invalidationTagsFor(parsed({ data: status, timestamp: at, type: 'order.status_changed' }))).toEqual([])
  })
})

describe('parseDelivery', () => {
  it('tells unknown types (ignored) from known types with a bad shape (refused)', () => {
    expect(parseDelivery({ data: {}, timestamp: at, type: 'coupon.created' })).toEqual({ kind: 'unknown-type', type: 'coupon.created' })
    expect(parseDelivery({ data: { id: 'x' }, timestamp: at, type: 'product.updated' })).toMatchObject({ kind: 'invalid' })
    expect(parseDelivery('nope')).toMatchObject({ kind: 'invalid' })
  })
})

describe('pages with facet counts', () => {
  const stockEvent = (previousStock: number, now: number) =>
    parsed({ data: { ...ordering, items: [{ previousStock, sku: 'MUG', stock: now, variant: null }], product: { id: 7, slug: 'mug' } }, timestamp: at, type: 'inventory.changed' })
  const reaches = (pageTags: string[], event: ParsedWebhookEvent) => invalidationTagsFor(event).some((tag) => pageTags.includes(tag))

  it('are refreshed when any product sells out or comes back (their in-stock counts), not on every sale', () => {
    const plain = facetedListingTags(parseListingParams(new URLSearchParams()))
    expect(reaches(plain, stockEvent(1, 0))).toBe(true)
    expect(reaches(plain, stockEvent(0, 4))).toBe(true)
    expect(reaches(plain, stockEvent(9, 8))).toBe(false)
  })

  it('follow price changes announced on their own only when filtered or sorted by price', () => {
    const price = parsed({ data: { ...ordering, currency: 'EUR', items: [{ compareAtPrice: null, previousPrice: 1200, price: 900, sku: 'MUG', variant: null }], product: { id: 7, slug: 'mug' } }, timestamp: at, type: 'price.changed' })
    expect(reaches(facetedListingTags(parseListingParams(new URLSearchParams())), price)).toBe(false)
    for (const query of ['price=25-50', 'min=10', 'sort=price-desc']) expect(reaches(facetedListingTags(parseListingParams(new URLSearchParams(query))), price)).toBe(true)
  })
})
