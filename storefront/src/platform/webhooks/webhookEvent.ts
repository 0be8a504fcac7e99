import type { WebhookEvent, WebhookEventType } from '@showroom/shared-types'

import { z } from 'astro/zod'

/**
 * Zod schemas mirroring the event contract agreed with the CMS (the commerce plugin's
 * `@showroom/payload-commerce/webhooks`, re-exported by `@showroom/shared-types`).
 * Unknown keys are dropped, so the CMS may add fields without breaking the storefront.
 */
const ordering = { resource: z.string().min(1).max(200), sequence: z.number().int().min(0) }
const id = z.number().int().positive()
const publishState = z.enum(['draft', 'published'])

const productData = z.object({
  ...ordering,
  categories: z.array(id),
  id,
  locale: z.string().max(10).optional(),
  previous: z.object({ categories: z.array(id), slug: z.string(), status: publishState }).optional(),
  slug: z.string(),
  status: publishState,
  title: z.string(),
})

const categoryData = z.object({
  ...ordering,
  id,
  locale: z.string().max(10).optional(),
  parent: id.nullable(),
  previous: z.object({ parent: id.nullable(), slug: z.string() }).optional(),
  slug: z.string(),
  title: z.string(),
})

const mediaData = z.object({ ...ordering, alt: z.string(), filename: z.string(), id, products: z.array(id), url: z.string() })

const productRef = z.object({ id, slug: z.string() })
const minor = z.number().int()

const inventoryData = z.object({
  ...ordering,
  items: z.array(z.object({ previousStock: z.number().int(), sku: z.string(), stock: z.number().int(), variant: z.string().nullable() })),
  product: productRef,
})

const priceData = z.object({
  ...ordering,
  currency: z.string().regex(/^[A-Z]{3}$/),
  items: z.array(
    z.object({ compareAtPrice: minor.nullable(), previousPrice: minor, price: minor, sku: z.string(), variant: z.string().nullable() }),
  ),
  product: productRef,
})

const orderData = z.object({
  ...ordering,
  currency: z.string(),
  customer: id.nullable(),
  id,
  number: z.string(),
  status: z.string(),
  total: minor,
})

const orderStatusData = z.object({
  ...ordering,
  changedAt: z.string(),
  customer: id.nullable(),
  from: z.string(),
  id,
  number: z.string(),
  to: z.string(),
})

const event = <T extends WebhookEventType, D extends z.ZodType>(type: T, data: D) =>
  z.object({ data, timestamp: z.string().min(1), type: z.literal(type) })

export const webhookEventSchema = z.discriminatedUnion('type', [
  event('product.created', productData),
  event('product.updated', productData),
  event('product.deleted', productData),
  event('category.created', categoryData),
  event('category.updated', categoryData),
  event('category.deleted', categoryData),
  event('media.created', mediaData),
  event('media.updated', mediaData),
  event('media.deleted', mediaData),
  event('inventory.changed', inventoryData),
  event('price.changed', priceData),
  event('order.created', orderData),
  event('order.status_changed', orderStatusData),
])

export type ParsedWebhookEvent = z.infer<typeof webhookEventSchema>

// The schemas must describe the contract: this fails to compile when the two drift apart.
const mirrorsContract = (parsed: ParsedWebhookEvent): WebhookEvent => parsed
void mirrorsContract

const envelopeSchema = z.object({ data: z.unknown(), timestamp: z.string(), type: z.string() })

export type ParsedDelivery =
  | { kind: 'event'; event: ParsedWebhookEvent }
  /** A type this storefront does not know (the CMS is newer): acknowledged and ignored. */
  | { kind: 'unknown-type'; type: string }
  | { kind: 'invalid'; message: string }

/** Parses a delivery's JSON body; a known type with a bad shape is `invalid`, an unknown type is not an error. */
export const parseDelivery = (body: unknown): ParsedDelivery => {
  const envelope = envelopeSchema.safeParse(body)
  if (!envelope.success) return { kind: 'invalid', message: 'The body is not a webhook event ({ type, timestamp, data }).' }
  const known = webhookEventSchema.options.some((option) => option.shape.type.value === envelope.data.type)
  if (!known) return { kind: 'unknown-type', type: envelope.data.type }
  const parsed = webhookEventSchema.safeParse(body)
  if (!parsed.success) return { kind: 'invalid', message: `Invalid ${envelope.data.type} event: ${z.prettifyError(parsed.error)}` }
  return { event: parsed.data, kind: 'event' }
}
