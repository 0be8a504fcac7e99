import { cacheTags } from './cacheTags'
import type { ParsedWebhookEvent } from '../../platform/webhooks/webhookEvent'

type ProductEvent = Extract<ParsedWebhookEvent, { type: 'product.created' | 'product.deleted' | 'product.updated' }>
type CategoryEvent = Extract<ParsedWebhookEvent, { type: 'category.created' | 'category.deleted' | 'category.updated' }>

const productTags = (event: ProductEvent): string[] => {
  const { data } = event
  const visibleNow = event.type !== 'product.deleted' && data.status === 'published'
  // A deletion may come without `previous`: the product as it was is then `data` itself.
  const visibleBefore = event.type === 'product.deleted' ? (data.previous ?? data).status === 'published' : data.previous?.status === 'published'
  // Drafts are invisible to shoppers: saving one changes no page.
  if (!visibleNow && !visibleBefore) return []
  const categories = new Set([...data.categories, ...(data.previous?.categories ?? [])])
  const pathChanged = visibleNow !== visibleBefore || (data.previous !== undefined && data.previous.slug !== data.slug)
  return [
    cacheTags.product(data.id),
    // Its listing pages (and, through their subtree tags, the ancestors'), before and after a move;
    // also their product counts and orders by name.
    ...[...categories].map(cacheTags.category),
    // The title or SKUs may have changed, or its visibility: search results it may join or leave.
    cacheTags.listings,
    ...(pathChanged ? [cacheTags.sitemap] : []),
  ]
}

const categoryTags = (event: CategoryEvent): string[] => {
  const { data } = event
  const parents = new Set([data.parent, data.previous?.parent].filter((parent) => parent !== null && parent !== undefined))
  const moved = event.type !== 'category.updated' || data.previous === undefined || data.previous.slug !== data.slug || data.previous.parent !== data.parent
  return [
    // Its page, its ancestors' (subcategory lists show its title) and product pages filed under it.
    // Descendants' breadcrumbs come with their own events (the CMS re-saves them).
    ...(event.type === 'category.created' ? [] : [cacheTags.category(data.id)]),
    // The old and new parents list it among their subcategories.
    ...[...parents].map(cacheTags.category),
    ...(moved ? [cacheTags.sitemap] : []),
  ]
}

/**
 * The route-cache tags a CMS event makes stale: exactly the pages that show what changed.
 * Order events change no cached page (order pages are never cached).
 */
export const invalidationTagsFor = (event: ParsedWebhookEvent): string[] => {
  switch (event.type) {
    case 'product.created':
    case 'product.updated':
    case 'product.deleted':
      return productTags(event)
    case 'category.created':
    case 'category.updated':
    case 'category.deleted':
      return categoryTags(event)
    case 'media.created':
    case 'media.updated':
    case 'media.deleted':
      return event.data.products.map(cacheTags.product)
    case 'price.changed':
      // Its page and cards; listings filtered or sorted by price may gain, lose or reorder it.
      return [cacheTags.product(event.data.product.id), cacheTags.listingsByPrice]
    case 'inventory.changed': {
      // Its page and cards; in-stock listings only change when something sold out or came back.
      const crossedZero = event.data.items.some((item) => item.previousStock > 0 !== item.stock > 0)
      return [cacheTags.product(event.data.product.id), ...(crossedZero ? [cacheTags.listingsByStock] : [])]
    }
    case 'order.created':
    case 'order.status_changed':
      return []
  }
}
