import type { PayloadRequest } from 'payload'

import type { CommerceSlugs } from '../types'

import { CheckoutError } from './errors'

import { GUEST_TOKEN_HEADER, orderIdFromGuestToken } from './guestToken'

/** Whether the order is the caller's own: her account's, or a guest order whose checkout token she sent (not a read-only link token). */
export const ownedByCaller = (req: PayloadRequest, order: { customer?: unknown; id: number | string }, id: number): boolean => {
  // Read at depth 0: the customer is an id.
  if (req.user && order.customer !== null && order.customer !== undefined && order.customer === req.user.id) return true
  const token = req.headers.get(GUEST_TOKEN_HEADER)
  return token !== null && orderIdFromGuestToken(req.payload.secret, token) === id
}

/**
 * The order as the caller may read it (her own, a guest token's, any for staff), with its customer and
 * status; a 404 when she may not (the same answer as an order that does not exist).
 */
export const findReadableOrder = async (req: PayloadRequest, slug: CommerceSlugs['orders'], id: number): Promise<{ customer?: unknown; id: number | string; status?: unknown }> => {
  const { docs } = await req.payload.find({
    collection: slug,
    depth: 0,
    limit: 1,
    overrideAccess: false,
    req,
    select: { customer: true, status: true },
    where: { id: { equals: id } },
  })
  const [found] = docs
  if (!found) throw new CheckoutError('Unknown order.', 404)
  return found
}
