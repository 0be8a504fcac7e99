/**
 * The `data.resource` of each event, the unit a receiver orders events by. A product's prices and its
 * stock are resources of their own: each has its own events, so a stale one is judged only against
 * events about the same thing.
 */
export const productResource = (id: number): string => `product:${id}`
export const priceResource = (productId: number): string => `product:${productId}:price`
export const stockResource = (productId: number): string => `product:${productId}:stock`
export const categoryResource = (id: number): string => `category:${id}`
export const mediaResource = (id: number): string => `media:${id}`
export const orderResource = (id: number): string => `order:${id}`
