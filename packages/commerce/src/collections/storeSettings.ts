import type { GlobalConfig } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { anyone } from '../access/anyone'
import { isAdmin } from '../access/isAdmin'

export const STORE_SETTINGS_SLUG = 'store-settings'

/**
 * The shop's pricing settings: its default currency, the currencies it sells in, and whether prices are
 * entered with tax included. Anyone reads them (the storefront shows prices by them); only admins change
 * them. Unsaved, they read as the plugin's defaults (`readStoreSettings`).
 */
export const createStoreSettingsGlobal = (config: SanitizedCommercePluginConfig): GlobalConfig => {
  const options = config.currencies.map((code) => ({ label: code, value: code }))
  return {
    slug: STORE_SETTINGS_SLUG,
    access: { read: anyone, update: isAdmin(config.roles) },
    admin: { group: 'Shop settings' },
    fields: [
      {
        name: 'defaultCurrency',
        type: 'select',
        admin: { description: 'What shoppers see first, until they choose another currency.' },
        defaultValue: config.defaultCurrency,
        options,
        required: true,
      },
      {
        name: 'currencies',
        type: 'select',
        admin: { description: 'The currencies shoppers may buy in. A product is sold in a currency only when it has a price in it.' },
        defaultValue: [...config.currencies],
        hasMany: true,
        options,
        required: true,
        validate: (value: null | string[] | undefined, { siblingData }: { siblingData: { defaultCurrency?: string } }) =>
          !value || value.length === 0
            ? 'Offer at least one currency.'
            : siblingData.defaultCurrency && !value.includes(siblingData.defaultCurrency)
              ? 'The default currency must be one of the currencies offered.'
              : true,
      },
      {
        name: 'pricesIncludeTax',
        type: 'checkbox',
        admin: { description: 'Prices (products, variants and shipping) are entered with tax included, as shops selling to consumers in the EU do. Off: tax is added on top at checkout.' },
        defaultValue: false,
      },
      {
        name: 'taxShipping',
        type: 'checkbox',
        admin: { description: 'Shipping is taxed at the destination’s rate, like the goods.' },
        defaultValue: true,
      },
    ],
  }
}
