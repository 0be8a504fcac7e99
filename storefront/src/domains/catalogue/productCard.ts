import { formatMoney } from './money'
import { compareAtPriceOf, isSoldOut, type ProductSummary } from './product'
import { priceIn } from './productDetail'
import { cardImageOf, type CardImage } from './productImage'

/**
 * What a card shows in a currency besides the base one: the product's price in it, or the lowest of
 * its variants' ("from" when they differ). In minor units: the browser formats it in the page's language.
 */
export type CardPrice = { amount: number; from: boolean }

/** Everything a product card renders, already formatted. */
export type ProductCardView = {
  /** The former price, formatted, when the product is on sale. */
  compareAtPrice: string | undefined
  /** The base price's currency: the one `price` is in. */
  currency: string
  /** The product's page. */
  href: string
  id: number
  image: CardImage | undefined
  /**
   * The product's prices in its other currencies, by ISO code; a currency missing here (and not the
   * base one) is one the product is not sold in. The page is the same for every visitor, so the card
   * carries them all and the browser shows the visitor's (`cardCurrency.client.ts`).
   */
  otherPrices: Record<string, CardPrice>
  price: string
  soldOut: boolean
  title: string
}

/**
 * The card's prices in currencies besides the base one, by the CMS's rule (`priceIn`): a product
 * with variants sells each variant at its own price in that currency, else the product's.
 */
export const otherCardPrices = (product: Pick<ProductSummary, 'currency' | 'price' | 'prices' | 'variants'>): Record<string, CardPrice> => {
  const variants = product.variants ?? []
  const currencies = new Set([...(product.prices ?? []), ...variants.flatMap((variant) => variant.prices ?? [])].map((entry) => entry.currency))
  currencies.delete(product.currency)
  const result: Record<string, CardPrice> = {}
  for (const currency of [...currencies].sort()) {
    const amounts = (variants.length > 0 ? variants.map((variant) => priceIn(product, variant, currency)) : [priceIn(product, undefined, currency)]).filter(
      (amount): amount is number => amount !== undefined,
    )
    if (amounts.length === 0) continue
    const amount = Math.min(...amounts)
    result[currency] = { amount, from: amounts.some((other) => other !== amount) }
  }
  return result
}

export const toProductCardView = (
  product: ProductSummary,
  { locale, mediaOrigin }: { locale: string; mediaOrigin: string },
): ProductCardView => {
  const compareAtPrice = compareAtPriceOf(product)
  return {
    compareAtPrice: compareAtPrice === undefined ? undefined : formatMoney(compareAtPrice, product.currency, locale),
    currency: product.currency,
    href: `/p/${encodeURIComponent(product.slug)}`,
    id: product.id,
    image: cardImageOf(product, mediaOrigin),
    otherPrices: otherCardPrices(product),
    price: formatMoney(product.price, product.currency, locale),
    soldOut: isSoldOut(product),
    title: product.title,
  }
}
