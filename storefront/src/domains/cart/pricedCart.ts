import { type CardImage, cardImageOf } from '../catalogue/productImage'
import { priceIn, type ProductDetail, variantLabel } from '../catalogue/productDetail'
import type { Cart, CartLine } from './cart'
import type { Dictionary } from '../i18n/dictionary'

/** The notices' words, in the page's language. */
type Words = Dictionary['cartMessages']

export type PricedLine = {
  image: CardImage | undefined
  lineTotal: number
  /** The line as it stays in the cart (quantity capped at stock). */
  line: CartLine
  currency: string
  slug: string
  stock: number
  title: string
  unitPrice: number
  variantLabel: string | undefined
}

export type PricedCart = {
  /** The cart after the checks below: what the session should hold from now on. */
  cart: Cart
  lines: PricedLine[]
  /** What changed since the shopper last saw the cart, in plain words. */
  notices: string[]
  /** One subtotal per currency (normally just one). */
  subtotals: Array<{ amount: number; currency: string }>
}

/** The stock and price one line can be sold at, or why it cannot be sold any more. */
const offerFor = (product: ProductDetail, line: CartLine, currency: string, words: Words): { price: number | undefined; stock: number; label: string | undefined } | string => {
  if (line.variant === undefined) {
    if (product.variants.length > 0) return words.removedNeedsOption(product.title)
    return { label: undefined, price: priceIn(product, undefined, currency), stock: product.stock }
  }
  const variant = product.variants.find((item) => item.id === line.variant)
  if (!variant) return words.removedOptionGone(product.title)
  return { label: variantLabel(variant), price: priceIn(product, variant, currency), stock: variant.stock }
}

/**
 * Prices a cart from CMS products (published ones only, looked up by id): lines whose product or
 * variant has gone are dropped, quantities above stock are lowered to it, each with a notice.
 * Prices never come from the cart itself. The notices are in `words`' language.
 */
export const priceLines = (cart: Cart, products: readonly ProductDetail[], mediaOrigin: string, words: Words, chosenCurrency?: string): PricedCart => {
  const byId = new Map(products.map((product) => [product.id, product]))
  const notices: string[] = []
  const lines: PricedLine[] = []
  // What stays in the cart, in its order: the priced lines, and those without a price in the chosen
  // currency (a notice says so; kept for another currency).
  const kept: CartLine[] = []
  for (const line of cart.lines) {
    const product = byId.get(line.product)
    if (!product) {
      notices.push(words.removedGone)
      continue
    }
    const currency = chosenCurrency ?? product.currency
    const offer = offerFor(product, line, currency, words)
    if (typeof offer === 'string') {
      notices.push(offer)
      continue
    }
    const name = words.itemName(product.title, offer.label)
    if (offer.price === undefined) {
      notices.push(words.notSoldIn(name, currency))
      kept.push(line)
      continue
    }
    const price = offer.price
    if (offer.stock <= 0) {
      notices.push(words.removedSoldOut(name))
      continue
    }
    let quantity = line.quantity
    if (quantity > offer.stock) {
      quantity = offer.stock
      notices.push(words.lowered(name, offer.stock))
    }
    kept.push({ ...line, quantity })
    lines.push({
      currency,
      image: cardImageOf(product, mediaOrigin),
      line: { ...line, quantity },
      lineTotal: price * quantity,
      slug: product.slug,
      stock: offer.stock,
      title: product.title,
      unitPrice: price,
      variantLabel: offer.label,
    })
  }
  const subtotals = new Map<string, number>()
  for (const line of lines) subtotals.set(line.currency, (subtotals.get(line.currency) ?? 0) + line.lineTotal)
  return {
    cart: { lines: kept },
    lines,
    notices,
    subtotals: [...subtotals].map(([currency, amount]) => ({ amount, currency })),
  }
}
