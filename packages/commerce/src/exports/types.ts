/**
 * Types only: the plugin's collections as documents (generated from its own schema by
 * `pnpm --filter @showroom/payload-commerce generate:types`, never from a host's), and its options.
 * A host's own generated types describe the same collections plus whatever the host adds to them.
 */
export type {
  Category,
  Media,
  Order,
  Product,
  StockMovement,
  User,
  WebhookDelivery,
  WebhookEndpoint,
} from '../generated/payloadTypes'
export type * from '../types'
export type { OrderStatus } from '../collections/orders/statuses'
export type { PaymentAction, PaymentAdapter, PaymentResult, PaymentStatus } from '../payments'
export type { WebhookEvent, WebhookEventType } from '../webhooks/events/types'
