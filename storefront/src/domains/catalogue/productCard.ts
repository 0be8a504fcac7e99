import { formatMoney } from './money'
import { compareAtPriceOf, isSoldOut, type ProductSummary } from './product'
import { cardImageOf, type CardImage } from './productImage'

/** Everything a product card renders, already formatted. */
export type ProductCardView = {
  /** The former price, formatted, when the product is on sale. */
  compareAtPrice: string | undefined
  /** The product's page. */
  href: string
  id: number
  image: CardImage | undefined
  price: string
  soldOut: boolean
  title: string
}

export const toProductCardView = (
  product: ProductSummary,
  { locale, mediaOrigin }: { locale: string; mediaOrigin: string },
): ProductCardView => {
  const compareAtPrice = compareAtPriceOf(product)
  return {
    compareAtPrice: compareAtPrice === undefined ? undefined : formatMoney(compareAtPrice, product.currency, locale),
    href: `/p/${encodeURIComponent(product.slug)}`,
    id: product.id,
    image: cardImageOf(product, mediaOrigin),
    price: formatMoney(product.price, product.currency, locale),
    soldOut: isSoldOut(product),
    title: product.title,
  }
}
