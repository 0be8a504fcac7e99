/**
 * The route-cache tags pages carry and CMS webhooks invalidate (see `webhooks/invalidationTags.ts`).
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
 * The tags every page showing facet counts carries: the counts of price bands and of in-stock
 * products cover products the page does not show, so any price change or any product selling out
 * (or coming back) may change them.
 */
export const facetedListingTags: readonly string[] = [cacheTags.listingsByPrice, cacheTags.listingsByStock]
