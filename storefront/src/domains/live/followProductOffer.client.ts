import type { ProductLiveMessage } from './liveMessage'

/** The message of a live `price` or `stock` event, if it is one (the stream is ours, so a light check). */
const readMessage = (event: Event): ProductLiveMessage | undefined => {
  if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return undefined
  const data: unknown = JSON.parse(event.data)
  if (typeof data !== 'object' || data === null || !('items' in data) || !Array.isArray(data.items) || !('type' in data)) return undefined
  return data.type === 'price' || data.type === 'stock' ? (data as ProductLiveMessage) : undefined
}

/**
 * Follows a product's live price and stock while its page is open: the page is route-cached, so
 * it connects to `/live/products/<id>` and hands every message to `onMessage`, which applies it to
 * whatever the shopper has chosen. Does nothing in a browser without EventSource.
 */
export const followProductOffer = (productId: string, onMessage: (message: ProductLiveMessage) => void): void => {
  if (typeof EventSource !== 'function') return
  const source = new EventSource(`/live/products/${encodeURIComponent(productId)}`)
  const listener = (event: Event): void => {
    const message = readMessage(event)
    if (message) onMessage(message)
  }
  source.addEventListener('price', listener)
  source.addEventListener('stock', listener)
}
