import { randomBytes } from 'node:crypto'

/** `req.context` keys (server code only: REST cannot set them): the operation asked for, and what it did. */
export const ORDER_REFUNDS_CONTEXT = 'orderRefunds'
/** Set when a refund's Idempotency-Key matched an earlier refund: nothing new was paid or written. */
export const REFUND_REPLAYED_CONTEXT = 'orderRefundReplayed'
/** The ids of the refunds this write added, for the `order.refunded` events. */
export const REFUNDS_ADDED_CONTEXT = 'orderRefundsAdded'
/** A note for the write's audit entry (what was refunded or asked back). */
export const AUDIT_NOTE_CONTEXT = 'auditNote'

/** A new id for a refund or return request record (an array row's id). */
export const newRecordId = (): string => randomBytes(12).toString('hex')
