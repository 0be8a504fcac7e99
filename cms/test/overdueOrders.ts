import { sql } from '@payloadcms/db-postgres'
import { expect } from 'vitest'

import type { TestCms } from './startTestCms'

export type PlacedOrder = { guestToken?: string; id: number }

/** A real order through checkout (bank transfer unless told otherwise), as a guest or with `token`. */
export const placeOrder = async (
  cms: TestCms,
  product: number,
  { payment = { method: 'manual' }, quantity = 1, token }: { payment?: { details?: unknown; method: string }; quantity?: number; token?: string } = {},
): Promise<PlacedOrder> => {
  const response = await cms.api('/orders', {
    body: JSON.stringify({
      email: 'guest@example.test',
      items: [{ product, quantity }],
      payment,
      shippingAddress: { city: 'Paris', country: 'FR', line1: '1 Rue', name: 'Guest', postalCode: '75001' },
      shippingMethod: 'standard',
    }),
    method: 'POST',
    token,
  })
  expect(response.status).toBe(201)
  const body = (await response.json()) as { guestToken?: string; order: { id: number } }
  return { guestToken: body.guestToken, id: body.order.id }
}

/** Moves orders' payment due time a minute into the past, as if their hold had run out. */
export const makeOverdue = (cms: TestCms, ...ids: number[]) =>
  cms.db.execute(sql`update orders set payment_due_at = now() - interval '1 minute' where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)

/** A published product with plenty of stock. */
export const createMug = async (cms: TestCms): Promise<number> =>
  (
    await cms.payload.create({
      collection: 'products',
      data: { _status: 'published', currency: 'EUR', price: 1000, sku: 'MUG', stock: 1000, title: 'Mug' },
    })
  ).id
