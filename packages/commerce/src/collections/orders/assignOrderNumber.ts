import type { CollectionBeforeChangeHook } from 'payload'

import { createOrderNumber } from './orderNumber'

/**
 * Every new order gets a number; the unique index guards the (tiny) chance of a collision. A number
 * given on create is kept: only trusted server code creates orders (REST and admin create are refused by
 * the collection's access), so nobody else can choose one.
 */
export const assignOrderNumber: CollectionBeforeChangeHook = ({ data, operation, originalDoc }) => {
  if (operation === 'create') {
    const given: unknown = data.orderNumber
    return { ...data, orderNumber: typeof given === 'string' && given.length > 0 ? given : createOrderNumber() }
  }
  // The number is the customer's reference: it never changes once assigned.
  return { ...data, orderNumber: originalDoc?.orderNumber ?? data.orderNumber }
}
