import type { ListingParams } from './listing'

/**
 * The route-cache tags pages carry and CMS webhooks invalidate (see `invalidationTags.ts`).
 * One place, so pages and the receiver cannot disagree on a name.
 */
export const cacheTags = {
  /** A category's page and its ancestors' (a listing page carries every id of its subtree), and product pages filed under it. */
  category: (id: number): string => `category:${id}`,
  /** Pages whose set of products depends on which products are published, their titles or SKUs: search results, the home page. */
  listings: 'listings',
  /** Listings whose contents or order depend on prices (a price filter or price sort). */
  listingsByPrice: 'listings:price',
  /** Listings whose contents depend on stock (the in-stock filter). */
  listingsByStock: 'listings:stock',
  /** A product's page and every listing page showing its card. */
  product: (id: number): string => `product:${id}`,
  /** The sitemap: published product slugs and category paths. */
  sitemap: 'sitemap',
} as const

/**
 * The tags a page with facet counts carries beyond its products and categories. Its in-stock counts
 * cover products it does not show, and a checkout that sells something out announces only the
 * product (`inventory.changed`), so every such page carries `listings:stock`. A price filter or
 * order adds `listings:price` (a price change announces the product's categories and `listings` too,
 * which cover the price-band counts).
 */
export const facetedListingTags = (params: Pick<ListingParams, 'max' | 'min' | 'price' | 'sort'>): string[] => [
  cacheTags.listingsByStock,
  ...(params.min !== undefined || params.max !== undefined || params.price.length > 0 || params.sort === 'price-asc' || params.sort === 'price-desc'
    ? [cacheTags.listingsByPrice]
    : []),
]
