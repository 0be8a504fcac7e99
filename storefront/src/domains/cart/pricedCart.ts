import { type CardImage, cardImageOf } from '../catalogue/productImage'
import { type ProductDetail, variantLabel } from '../catalogue/productDetail'
import type { Cart, CartLine } from './cart'

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
const offerFor = (product: ProductDetail, line: CartLine): { price: number; stock: number; label: string | undefined } | string => {
  if (line.variant === undefined) {
    if (product.variants.length > 0) return `“${product.title}” needs an option chosen, so it was removed from your cart.`
    return { label: undefined, price: product.price, stock: product.stock }
  }
  const variant = product.variants.find((item) => item.id === line.variant)
  if (!variant) return `That option of “${product.title}” is no longer available, so it was removed from your cart.`
  return { label: variantLabel(variant), price: variant.price ?? product.price, stock: variant.stock }
}

/**
 * Prices a cart from CMS products (published ones only, looked up by id): lines whose product or
 * variant has gone are dropped, quantities above stock are lowered to it, each with a notice.
 * Prices never come from the cart itself.
 */
export const priceLines = (cart: Cart, products: readonly ProductDetail[], mediaOrigin: string): PricedCart => {
  const byId = new Map(products.map((product) => [product.id, product]))
  const notices: string[] = []
  const lines: PricedLine[] = []
  for (const line of cart.lines) {
    const product = byId.get(line.product)
    if (!product) {
      notices.push('An item in your cart is no longer available, so it was removed.')
      continue
    }
    const offer = offerFor(product, line)
    if (typeof offer === 'string') {
      notices.push(offer)
      continue
    }
    const name = offer.label ? `“${product.title}” (${offer.label})` : `“${product.title}”`
    if (offer.stock <= 0) {
      notices.push(`${name} has sold out, so it was removed from your cart.`)
      continue
    }
    let quantity = line.quantity
    if (quantity > offer.stock) {
      quantity = offer.stock
      notices.push(`Only ${offer.stock} of ${name} left: your quantity was lowered to ${offer.stock}.`)
    }
    lines.push({
      currency: product.currency,
      image: cardImageOf(product, mediaOrigin),
      line: { ...line, quantity },
      lineTotal: offer.price * quantity,
      slug: product.slug,
      stock: offer.stock,
      title: product.title,
      unitPrice: offer.price,
      variantLabel: offer.label,
    })
  }
  const subtotals = new Map<string, number>()
  for (const line of lines) subtotals.set(line.currency, (subtotals.get(line.currency) ?? 0) + line.lineTotal)
  return {
    cart: { lines: lines.map((priced) => priced.line) },
    lines,
    notices,
    subtotals: [...subtotals].map(([currency, amount]) => ({ amount, currency })),
  }
}
