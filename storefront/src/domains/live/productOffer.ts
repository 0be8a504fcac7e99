import type { ChoiceData } from '../catalogue/variantChoice'
import type { ProductLiveMessage } from './liveMessage'

/**
 * The page's offer data with a live message applied: new effective prices (and the product's
 * compare-at price) or new stock, per SKU. SKUs the page does not know are ignored.
 */
export const withLiveMessage = (data: ChoiceData, message: ProductLiveMessage): ChoiceData => {
  if (message.type === 'price') {
    const prices = new Map(message.items.map((item) => [item.sku, item.price]))
    const [first] = message.items
    return {
      ...data,
      product: {
        ...data.product,
        compareAtPrice: first ? first.compareAtPrice : data.product.compareAtPrice,
        price: prices.get(data.product.sku) ?? data.product.price,
      },
      variants: data.variants.map((variant) => ({ ...variant, price: prices.get(variant.sku) ?? variant.price })),
    }
  }
  const stocks = new Map(message.items.map((item) => [item.sku, item.stock]))
  return {
    ...data,
    product: { ...data.product, stock: stocks.get(data.product.sku) ?? data.product.stock },
    variants: data.variants.map((variant) => ({ ...variant, stock: stocks.get(variant.sku) ?? variant.stock })),
  }
}
