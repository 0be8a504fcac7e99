/** Where a delivery stands: waiting for its first attempt, waiting to retry, delivered, or given up. */
export const DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]
