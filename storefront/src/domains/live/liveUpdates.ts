import { type LiveMessage, orderChannel, productChannel } from './liveMessage'
import type { ParsedWebhookEvent } from '../../platform/webhooks/webhookEvent'

/** The live messages a CMS event sends, each to the channel of the page that shows the change. */
export const liveUpdatesFor = (event: ParsedWebhookEvent): Array<{ channel: string; message: LiveMessage }> => {
  switch (event.type) {
    case 'price.changed':
      return [
        {
          channel: productChannel(event.data.product.id),
          message: {
            currency: event.data.currency,
            items: event.data.items.map(({ compareAtPrice, price, sku, variant }) => ({ compareAtPrice, price, sku, variant })),
            type: 'price',
          },
        },
      ]
    case 'inventory.changed':
      return [
        {
          channel: productChannel(event.data.product.id),
          message: { items: event.data.items.map(({ sku, stock, variant }) => ({ sku, stock, variant })), type: 'stock' },
        },
      ]
    case 'order.status_changed':
      return [{ channel: orderChannel(event.data.id), message: { number: event.data.number, status: event.data.to, type: 'status' } }]
    default:
      return []
  }
}
