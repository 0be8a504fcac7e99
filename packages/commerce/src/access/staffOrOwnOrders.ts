import type { Access, Where } from 'payload'

import type { RoleNames } from '../types'

import { GUEST_TOKEN_HEADER, orderIdFromGuestToken } from '../checkout/guestToken'
import { orderIdFromLinkToken } from '../checkout/orderLinkToken'
import { isStaffUser } from './roles'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Staff read every order; a signed-in customer the orders placed on her account; anyone holding a
 * guest order's token (header `X-Order-Token`) that one order, while it changed within the last
 * `guestTokenLifetimeDays`. A deleted order's token opens nothing (ids are never reused). The same
 * header also takes an order email's link token (`orderLinkToken.ts`), which reads only.
 */
export const staffOrOwnOrders =
  (roles: RoleNames, guestTokenLifetimeDays: number): Access =>
  async ({ req }) => {
    const { user } = req
    if (isStaffUser(roles, user)) return true
    const token = req.headers.get(GUEST_TOKEN_HEADER)
    const guestOrder = token ? (orderIdFromGuestToken(req.payload.secret, token) ?? (await orderIdFromLinkToken(req.payload.secret, token))) : null
    const own: Where[] = [
      ...(user ? [{ customer: { equals: user.id } }] : []),
      ...(guestOrder === null
        ? []
        : [{ and: [{ id: { equals: guestOrder } }, { updatedAt: { greater_than: new Date(Date.now() - guestTokenLifetimeDays * DAY_MS).toISOString() } }] }]),
    ]
    return own.length > 0 ? { or: own } : false
  }
