import type { CollectionConfig } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { staffReadOnly } from '../../access/staffReadOnly'

const readOnly = { readOnly: true }

/**
 * One row per promotion an order used, written by checkout in the order's own transaction
 * (`promotions/redeemPromotions.ts`). Usage limits count these rows, leaving out cancelled orders'.
 */
export const createPromotionRedemptionsCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.promotionRedemptions,
  access: staffReadOnly(config.roles),
  admin: {
    defaultColumns: ['createdAt', 'promotion', 'order', 'email', 'amount', 'currency'],
    description: 'Every order that used a promotion. Read-only.',
    group: 'Shop',
  },
  defaultSort: '-createdAt',
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'promotion', type: 'relationship', admin: readOnly, index: true, relationTo: config.slugs.promotions },
        { name: 'order', type: 'relationship', admin: readOnly, index: true, relationTo: config.slugs.orders },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'email', type: 'text', admin: { ...readOnly, description: 'Lower-cased: per-customer limits count by it.' }, required: true },
        { name: 'amount', type: 'number', admin: { ...readOnly, description: 'In minor units, items and shipping together.' }, required: true },
        { name: 'currency', type: 'text', admin: readOnly, required: true },
      ],
    },
  ],
  indexes: [{ fields: ['promotion', 'email'] }],
})
