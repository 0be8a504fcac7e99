import { z } from 'astro/zod'

/** What a product page hears: new prices or stock, per SKU (`variant` null for a product without variants). */
export const productLiveMessageSchema = z.discriminatedUnion('type', [
  z.object({
    currency: z.string(),
    items: z.array(z.object({ compareAtPrice: z.number().int().nullable(), price: z.number().int(), sku: z.string(), variant: z.string().nullable() })),
    type: z.literal('price'),
  }),
  z.object({ items: z.array(z.object({ sku: z.string(), stock: z.number().int(), variant: z.string().nullable() })), type: z.literal('stock') }),
])

/** What an order page hears: its new status. */
export const orderLiveMessageSchema = z.object({ number: z.string(), status: z.string(), type: z.literal('status') })

export type ProductLiveMessage = z.infer<typeof productLiveMessageSchema>
export type OrderLiveMessage = z.infer<typeof orderLiveMessageSchema>
export type LiveMessage = OrderLiveMessage | ProductLiveMessage

/** The live channel of a product's page. */
export const productChannel = (id: number): string => `product:${id}`
/** The live channel of an order's page; only its owner may listen (`canWatchOrder`). */
export const orderChannel = (id: number): string => `order:${id}`
