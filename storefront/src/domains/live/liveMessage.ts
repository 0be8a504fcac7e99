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

/** A live event's id: `<ms>-<n>`, the form of a Redis stream entry id. */
const EVENT_ID = /^(\d{1,15})-(\d{1,15})$/

export const isLiveEventId = (value: string): boolean => EVENT_ID.test(value)

/** An event id (`<ms>-<n>`) as its two numbers (0, 0 when it is not one), to compare without parsing again. */
export const liveEventOrder = (id: string): readonly [number, number] => {
  const [, ms = '0', seq = '0'] = EVENT_ID.exec(id) ?? []
  return [Number(ms), Number(seq)]
}

/** Orders two event ids (`<ms>-<n>`, as text or parsed by `liveEventOrder`): negative when `a` came first. */
export const compareLiveEventIds = (a: string | readonly [number, number], b: string | readonly [number, number]): number => {
  const [aMs, aSeq] = typeof a === 'string' ? liveEventOrder(a) : a
  const [bMs, bSeq] = typeof b === 'string' ? liveEventOrder(b) : b
  return aMs - bMs || aSeq - bSeq
}

/** One Server-Sent Events message; `data` is JSON, so it holds no newline. */
export const sseEvent = ({ data, event, id }: { data: unknown; event: string; id?: string }): string =>
  `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

/** An SSE comment line: ignored by browsers, but keeps proxies from closing an idle stream. */
export const sseComment = (text: string): string => `: ${text}\n\n`
