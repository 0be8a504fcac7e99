import type { Access } from 'payload'

import { isStaffUser } from './roles'

/** Staff read every order; a signed-in customer only the orders placed on their account. */
export const staffOrOwnOrders: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isStaffUser(user)) return true
  return { customer: { equals: user.id } }
}
