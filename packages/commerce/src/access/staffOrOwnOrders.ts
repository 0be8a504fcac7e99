import type { Access, Where } from 'payload'

import type { RoleNames } from '../types'

import { GUEST_TOKEN_HEADER, orderIdFromGuestToken } from '../checkout/guestToken'
import { isStaffUser } from './roles'

/**
 * Staff read every order; a signed-in customer the orders placed on her account; anyone holding a
 * guest order's token (header `X-Order-Token`) that one order.
 */
export const staffOrOwnOrders =
  (roles: RoleNames): Access =>
  ({ req }) => {
    const { user } = req
    if (isStaffUser(roles, user)) return true
    const token = req.headers.get(GUEST_TOKEN_HEADER)
    const guestOrder = token ? orderIdFromGuestToken(req.payload.secret, token) : null
    const own: Where[] = [
      ...(user ? [{ customer: { equals: user.id } }] : []),
      ...(guestOrder === null ? [] : [{ id: { equals: guestOrder } }]),
    ]
    return own.length > 0 ? { or: own } : false
  }
