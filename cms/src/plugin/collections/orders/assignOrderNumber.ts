import type { CollectionBeforeChangeHook } from 'payload'

import { createOrderNumber } from './orderNumber'

/** Every new order gets a number; the unique index guards the (tiny) chance of a collision. */
export const assignOrderNumber: CollectionBeforeChangeHook = ({ data, operation, originalDoc }) => {
  if (operation === 'create') return { ...data, orderNumber: createOrderNumber() }
  // The number is the customer's reference: it never changes once assigned.
  return { ...data, orderNumber: originalDoc?.orderNumber ?? data.orderNumber }
}
