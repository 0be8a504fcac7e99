/**
 * The events the CMS sends to webhook endpoints. The body of every delivery follows the Standard
 * Webhooks payload shape `{ type, timestamp, data }`; the delivery's id travels in the `webhook-id`
 * header and the body is signed (`webhook-signature`) with the endpoint's secret.
 *
 * Ordering: `data.sequence` grows with every committed change, and a change to one resource always
 * gets a higher number than the changes to it committed before. A receiver keeps the last sequence it
 * applied per `data.resource` and drops an event whose sequence is not higher (a stale retry).
 */
export const WEBHOOK_EVENT_TYPES = [
  'product.created',
  'product.updated',
  'product.deleted',
  'category.created',
  'category.updated',
  'category.deleted',
  'media.created',
  'media.updated',
  'media.deleted',
  'inventory.changed',
  'price.changed',
  'order.created',
  'order.status_changed',
  'order.refunded',
] as const

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** What every event's `data` carries for ordering. */
export type EventOrdering = {
  /** The resource the event is about, such as `product:12` or `order:7`; ordering is per resource. */
  resource: string
  /** Higher for later commits touching `resource`; safe as a JavaScript number. */
  sequence: number
}

export type PublishState = 'draft' | 'published'

/** A product as the storefront's caches see it. */
export type ProductRef = {
  /** Category ids the product is listed in (directly). */
  categories: number[]
  id: number
  /** Its slug in the language of the change (`locale`): a German edit names the German slug. */
  slug: string
  /** The language the slugs and title are in (the edit's locale); absent without localization. */
  locale?: string
  /** The product's status after the change; `draft` means shoppers cannot see it. */
  status: PublishState
  title: string
}

export type ProductEventData = EventOrdering &
  ProductRef & {
    /** The product before the change (updated, deleted): its old slug and categories need invalidating too. */
    previous?: Pick<ProductRef, 'categories' | 'slug' | 'status'>
  }

export type CategoryEventData = EventOrdering & {
  id: number
  /** The language the slugs and title are in (the edit's locale); absent without localization. */
  locale?: string
  parent: null | number
  previous?: { parent: null | number; slug: string }
  slug: string
  title: string
}

export type MediaEventData = EventOrdering & {
  alt: string
  filename: string
  id: number
  /** Products whose images include this media (their pages show it). */
  products: number[]
  url: string
}

/** One product's changed stock; `variant` is null for a product without variants. */
export type InventoryChangedData = EventOrdering & {
  items: Array<{ previousStock: number; sku: string; stock: number; variant: null | string }>
  product: { id: number; slug: string }
}

/** One product's changed prices, in minor units of `currency`. */
export type PriceChangedData = EventOrdering & {
  currency: string
  items: Array<{ compareAtPrice: null | number; previousPrice: number; price: number; sku: string; variant: null | string }>
  product: { id: number; slug: string }
}

export type OrderEventData = EventOrdering & {
  currency: string
  /** The customer's user id; null for a guest order. */
  customer: null | number
  id: number
  number: string
  status: string
  /** In minor units of `currency`. */
  total: number
}

export type OrderStatusChangedData = EventOrdering & {
  /** When the change was committed (ISO 8601). */
  changedAt: string
  customer: null | number
  from: string
  id: number
  number: string
  /** Set when the system, not a person, made the change: `expired-unpaid` (no payment by its due time). */
  reason?: string
  to: string
}

/** Money went back on an order: a partial refund, or the whole-order refund (`refund.wholeOrder`). */
export type OrderRefundedData = EventOrdering & {
  currency: string
  customer: null | number
  id: number
  number: string
  /** In minor units of `currency`; `lines` are the order lines it covered, `restocked` when they went back on sale. */
  refund: { amount: number; id: string; lines: Array<{ quantity: number; restocked: boolean; sku: string }>; wholeOrder: boolean }
  /** Everything refunded on the order so far, this refund included. */
  refundedTotal: number
  total: number
}

export type WebhookEventDataMap = {
  'category.created': CategoryEventData
  'category.deleted': CategoryEventData
  'category.updated': CategoryEventData
  'inventory.changed': InventoryChangedData
  'media.created': MediaEventData
  'media.deleted': MediaEventData
  'media.updated': MediaEventData
  'order.created': OrderEventData
  'order.refunded': OrderRefundedData
  'order.status_changed': OrderStatusChangedData
  'price.changed': PriceChangedData
  'product.created': ProductEventData
  'product.deleted': ProductEventData
  'product.updated': ProductEventData
}

/** The JSON body of one delivery. */
export type WebhookEvent<T extends WebhookEventType = WebhookEventType> = {
  [K in T]: {
    data: WebhookEventDataMap[K]
    /** When the change happened (ISO 8601), not when this attempt was sent. */
    timestamp: string
    type: K
  }
}[T]
