import type { ProductLiveMessage } from './liveMessage'

/** What a product page shows live, as its markup describes it (`data-live-*` attributes). */
export type LiveOffer = {
  /** The variant shown (`?variant=`), or null: the product itself, or all its variants together. */
  variant: null | string
  /** Stock per SKU: the product's own SKU for a product without variants, else every variant's. */
  stocks: Record<string, number>
  /** SKU of what the price shows: the chosen variant's, or the product's. */
  sku: string
}

/** The stock line under the price; the same words the server renders. */
export const stockLabel = (stock: number): string => (stock <= 0 ? 'Sold out' : stock <= 5 ? `Only ${stock} left` : 'In stock')

/** The stock the page shows: the chosen variant's, all variants' together, or the product's own. */
export const shownStock = (offer: LiveOffer): number =>
  offer.variant === null ? Object.values(offer.stocks).reduce((sum, stock) => sum + Math.max(0, stock), 0) : (offer.stocks[offer.sku] ?? 0)

/** The new price (and compare-at price when it is higher) for what the page shows, if the message has one. */
export const shownPrice = (
  offer: LiveOffer,
  message: Extract<ProductLiveMessage, { type: 'price' }>,
): { compareAtPrice: number | undefined; price: number } | undefined => {
  const item = message.items.find((candidate) => candidate.sku === offer.sku) ?? (offer.variant === null ? message.items.find((candidate) => candidate.variant === null) : undefined)
  if (!item) return undefined
  return { compareAtPrice: item.compareAtPrice !== null && item.compareAtPrice > item.price ? item.compareAtPrice : undefined, price: item.price }
}

/** The offer with the stock message applied. */
export const withStock = (offer: LiveOffer, message: Extract<ProductLiveMessage, { type: 'stock' }>): LiveOffer => {
  const stocks = { ...offer.stocks }
  for (const item of message.items) if (item.sku in stocks) stocks[item.sku] = item.stock
  return { ...offer, stocks }
}
