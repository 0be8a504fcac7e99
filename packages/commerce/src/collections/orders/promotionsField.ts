import type { ArrayField } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { moneyField } from '../../fields/money'

/** The promotions checkout applied to an order, with what each took off (docs/promotions.md). Written by checkout only. */
export const promotionsField = (config: SanitizedCommercePluginConfig): ArrayField => ({
  name: 'promotions',
  type: 'array',
  access: { update: () => false },
  admin: { readOnly: true },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'promotion', type: 'relationship', relationTo: config.slugs.promotions },
        { name: 'code', type: 'text', admin: { description: 'Empty for an automatic promotion.' } },
        { name: 'title', type: 'text', required: true },
      ],
    },
    {
      type: 'row',
      fields: [
        moneyField({ name: 'amount', admin: { description: 'Taken off the items.' }, required: true }),
        moneyField({ name: 'shippingDiscount', admin: { description: 'Shipping waived.' }, defaultValue: 0 }),
      ],
    },
  ],
})
