import type { ArrayField, Field } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { isStaffField } from '../access/isStaffField'
import { integerField } from '../fields/integer'
import { moneyField } from '../fields/money'

/** Where a customer's return request stands: waiting for staff, accepted (and refunded), or rejected. */
export const RETURN_STATUSES = ['requested', 'accepted', 'rejected'] as const
export type ReturnStatus = (typeof RETURN_STATUSES)[number]

const readOnly = { readOnly: true }
const when = { date: { pickerAppearance: 'dayAndTime' as const }, readOnly: true }

/** The order lines a refund or return request covers (the line's id, its SKU, how many), plus `extra` per line. */
const linesField = (extra: Field[]): ArrayField => ({
  name: 'lines',
  type: 'array',
  admin: readOnly,
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'item', type: 'text', admin: { description: 'The order line’s id.', readOnly: true }, required: true },
        { name: 'sku', type: 'text', admin: readOnly, required: true },
        integerField({ name: 'quantity', admin: readOnly, min: 1, required: true }),
        ...extra,
      ],
    },
  ],
})

/**
 * An order's refunds and return requests, and how much went back. Only the refund and return endpoints
 * write them (through the orders collection's `applyOrderRefunds` hook); any other write keeps the stored
 * values, so the history is append-only. Who acted and the provider's reference are for staff only.
 */
export const refundFields = (config: SanitizedCommercePluginConfig): Field[] => {
  const staffOnly = { read: isStaffField(config.roles) }
  return [
    moneyField({ name: 'refundedTotal', admin: { description: 'How much of the total went back to the customer, in minor units.', readOnly: true }, defaultValue: 0 }),
    {
      name: 'refunds',
      type: 'array',
      admin: { readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            moneyField({ name: 'amount', admin: readOnly, required: true }),
            { name: 'at', type: 'date', admin: when, required: true },
            { name: 'by', type: 'relationship', access: staffOnly, admin: readOnly, relationTo: config.slugs.users },
            // The whole-order refund (status refunded, or a paid order cancelled) settles what was left.
            { name: 'wholeOrder', type: 'checkbox', admin: readOnly, defaultValue: false },
          ],
        },
        { name: 'reason', type: 'text', admin: { description: 'Shown to the customer.', readOnly: true }, maxLength: 500 },
        linesField([{ name: 'restock', type: 'checkbox', admin: { description: 'The goods came back and went back on sale.', readOnly: true }, defaultValue: false }]),
        {
          type: 'row',
          fields: [
            { name: 'reference', type: 'text', access: staffOnly, admin: { description: "The provider's id for this refund.", readOnly: true } },
            { name: 'returnRequest', type: 'text', admin: { description: 'The return request this refund accepted.', readOnly: true } },
          ],
        },
        // Fingerprint of the request with an Idempotency-Key, to tell its retry from a different request.
        { name: 'requestHash', type: 'text', access: staffOnly, hidden: true },
      ],
    },
    {
      name: 'returnRequests',
      type: 'array',
      admin: { readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'status', type: 'select', admin: readOnly, options: [...RETURN_STATUSES], required: true },
            { name: 'requestedAt', type: 'date', admin: when, required: true },
            { name: 'requestedBy', type: 'relationship', access: staffOnly, admin: readOnly, relationTo: config.slugs.users },
          ],
        },
        { name: 'reason', type: 'text', admin: { description: 'The customer’s words.', readOnly: true }, maxLength: 500, required: true },
        { ...linesField([]), minRows: 1 },
        {
          type: 'row',
          fields: [
            { name: 'decidedAt', type: 'date', admin: when },
            { name: 'decidedBy', type: 'relationship', access: staffOnly, admin: readOnly, relationTo: config.slugs.users },
            { name: 'refund', type: 'text', admin: { description: 'The refund that accepted it.', readOnly: true } },
          ],
        },
        { name: 'decisionNote', type: 'text', admin: { description: 'Shown to the customer.', readOnly: true }, maxLength: 500 },
      ],
    },
  ]
}
