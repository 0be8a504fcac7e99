import { z } from 'astro/zod'

import type { Order } from '../checkout/order'
import { formError } from './formMessages'

/** The form field holding how many of an order line to send back: `return-<line id>`. */
export const returnFieldOf = (line: string): string => `return-${line}`

/**
 * How many of each line the return form offers: bought, less what was refunded or is already asked back
 * (an open request). Only for the form's limits: the CMS checks every request itself.
 */
export const returnableQuantities = (order: Order): Map<string, number> => {
  const taken = new Map<string, number>()
  const count = (lines: ReadonlyArray<{ item: string; quantity: number }>) => {
    for (const line of lines) taken.set(line.item, (taken.get(line.item) ?? 0) + line.quantity)
  }
  for (const refund of order.refunds) count(refund.lines)
  for (const request of order.returnRequests.filter(({ status }) => status === 'requested')) count(request.lines)
  return new Map(order.items.map((item) => [item.id, Math.max(0, item.quantity - (taken.get(item.id) ?? 0))]))
}

/** The return form as posted: the order, the reason, and a quantity per line (`return-<id>`). */
export const returnFormSchema = z.object({
  lines: z.array(z.object({ item: z.string().min(1).max(64), quantity: z.number().int().min(1).max(1_000_000) })).min(1, formError('returnQuantity')),
  orderId: z.number().int().positive(),
  reason: z.string().trim().min(1, formError('returnReason')).max(500, formError('returnReasonTooLong')),
})

export type ReturnForm = z.infer<typeof returnFormSchema>

/** Reads the posted return form: quantities of 0 or empty are left out. */
export const parseReturnForm = (form: FormData) => {
  const lines = [...form.entries()].flatMap(([name, value]) => {
    if (!name.startsWith('return-') || typeof value !== 'string' || value.trim() === '') return []
    const quantity = Number(value)
    return quantity === 0 ? [] : [{ item: name.slice('return-'.length), quantity }]
  })
  return returnFormSchema.safeParse({ lines, orderId: Number(form.get('orderId')), reason: String(form.get('reason') ?? '') })
}
