import type { CollectionConfig, Field } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { isAdmin } from '../../access/isAdmin'
import { isStaff } from '../../access/isStaff'
import { currencyField } from '../../fields/currency'
import { integerField } from '../../fields/integer'
import { moneyField } from '../../fields/money'
import { applyPromotionEndpoint } from '../../promotions/applyEndpoint'
import { APPLIES_TO, PROMOTION_KINDS } from '../../promotions/promotion'
import { normalizeCode } from './normalizeCode'
import { validatePromotion } from './validatePromotion'

const KIND_LABELS = { fixed: 'Fixed amount off', freeShipping: 'Free shipping', percentage: 'Percentage off' } as const

/** Amounts per currency: one row per currency the promotion is offered in. */
const perCurrency = (config: SanitizedCommercePluginConfig, name: string, description: string, condition?: (data: Record<string, unknown>) => boolean): Field => ({
  name,
  type: 'array',
  admin: { ...(condition ? { condition: (data: Record<string, unknown>) => condition(data) } : {}), description },
  fields: [{ type: 'row', fields: [currencyField(config.currencies, config.defaultCurrency), moneyField({ name: 'amount', required: true })] }],
  maxRows: config.currencies.length,
})

/**
 * Promotions and discount codes (docs/promotions.md). Staff set them up in the admin; shoppers never
 * read this collection (a code is a secret until shared): they try a code through
 * `POST /promotions/apply` and at checkout, where the CMS decides what it is worth.
 */
export const createPromotionsCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.promotions,
  access: { create: isStaff(config.roles), delete: isAdmin(config.roles), read: isStaff(config.roles), update: isStaff(config.roles) },
  admin: {
    defaultColumns: ['title', 'code', 'kind', 'active', 'startsAt', 'endsAt'],
    description: 'Discount codes and automatic offers. How they combine: see the shop’s promotions guide (docs/promotions.md).',
    group: 'Shop',
    listSearchableFields: ['title', 'code'],
    useAsTitle: 'title',
  },
  endpoints: config.disabled ? [] : [applyPromotionEndpoint(config)],
  fields: [
    { name: 'title', type: 'text', admin: { description: 'Shown to shoppers next to the saving, e.g. “Summer sale”.' }, maxLength: 100, required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'code',
          type: 'text',
          admin: { description: 'What shoppers type (letters, digits, - and _; not case-sensitive). Empty: an automatic promotion.' },
          index: true,
          maxLength: 40,
          unique: true,
        },
        { name: 'active', type: 'checkbox', admin: { description: 'Off: the promotion is not offered at all.' }, defaultValue: true },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'kind', type: 'select', defaultValue: 'percentage', options: PROMOTION_KINDS.map((value) => ({ label: KIND_LABELS[value], value })), required: true },
        integerField({ name: 'percentage', admin: { condition: (data) => data.kind === 'percentage', description: 'Percent off, 1–100.' }, max: 100, min: 1 }),
      ],
    },
    perCurrency(config, 'amounts', 'The amount off in each currency; orders in a currency not listed cannot use it.', (data) => data.kind === 'fixed'),
    {
      name: 'appliesTo',
      type: 'select',
      admin: { description: 'The whole order, or only the chosen products and categories (subcategories included).' },
      defaultValue: 'order',
      options: APPLIES_TO.map((value) => ({ label: value === 'order' ? 'The whole order' : 'Chosen products and categories', value })),
      required: true,
    },
    {
      type: 'row',
      fields: [
        { name: 'products', type: 'relationship', admin: { condition: (data) => data.appliesTo === 'items' }, hasMany: true, relationTo: config.slugs.products },
        { name: 'categories', type: 'relationship', admin: { condition: (data) => data.appliesTo === 'items' }, hasMany: true, relationTo: config.slugs.categories },
      ],
    },
    perCurrency(config, 'minimumSubtotals', 'Optional: the order subtotal (before discounts) needed, per currency. When set, orders in a currency not listed cannot use it.'),
    {
      type: 'row',
      fields: [
        { name: 'startsAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' }, description: 'Empty: from now.' } },
        { name: 'endsAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' }, description: 'Empty: no end.' } },
      ],
    },
    {
      type: 'row',
      fields: [
        integerField({ name: 'usageLimit', admin: { description: 'Orders that may use it in all; empty: no limit. Cancelled orders give their use back.' }, min: 1 }),
        integerField({ name: 'perCustomerLimit', admin: { description: 'Orders per email address; empty: no limit.' }, min: 1 }),
      ],
    },
    {
      name: 'combinable',
      type: 'checkbox',
      admin: { description: 'Combines with other combinable promotions (a code with automatic offers, automatic offers with each other).' },
      defaultValue: false,
    },
  ],
  hooks: { beforeValidate: [normalizeCode, validatePromotion] },
})
