import type { ArrayField } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { currencyField } from './currency'
import { moneyField } from './money'

/** `prices`: amounts in currencies besides the base one, one row per currency (checked by `validateDraftValues`). */
export const priceListField = (config: SanitizedCommercePluginConfig, description: string): ArrayField => ({
  name: 'prices',
  type: 'array',
  admin: { description, initCollapsed: true },
  fields: [{ type: 'row', fields: [currencyField(config.currencies, config.defaultCurrency, { defaultValue: undefined }), moneyField({ name: 'amount', required: true })] }],
  labels: { plural: 'Prices', singular: 'Price' },
  maxRows: config.currencies.length,
})
