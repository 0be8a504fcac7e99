import type { PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { STORE_SETTINGS_SLUG } from '../collections/storeSettings'

export type StoreSettings = {
  /** The currencies shoppers may buy in, default first. */
  currencies: string[]
  defaultCurrency: string
  pricesIncludeTax: boolean
  taxShipping: boolean
}

export type SavedSettings = Partial<{ currencies: null | string[]; defaultCurrency: null | string; pricesIncludeTax: boolean | null; taxShipping: boolean | null }>

/**
 * The store settings as checkout applies them. Never saved: the plugin's currencies (its first the
 * default), prices without tax, shipping taxed like the goods. Only currencies the plugin knows count.
 */
export const readStoreSettings = async (req: PayloadRequest, config: SanitizedCommercePluginConfig): Promise<StoreSettings> =>
  storeSettingsOf((await req.payload.findGlobal({ slug: STORE_SETTINGS_SLUG, depth: 0, overrideAccess: true, req })) as SavedSettings, config)

/** The settings as saved (any field may be missing), with the defaults `readStoreSettings` describes. */
export const storeSettingsOf = (saved: SavedSettings, config: SanitizedCommercePluginConfig): StoreSettings => {
  const known = (code: unknown): code is string => typeof code === 'string' && config.currencies.includes(code)
  const offered = (saved.currencies ?? []).filter(known)
  const currencies = offered.length > 0 ? offered : [...config.currencies]
  const defaultCurrency = known(saved.defaultCurrency) && currencies.includes(saved.defaultCurrency) ? saved.defaultCurrency : (currencies[0] ?? config.defaultCurrency)
  return {
    currencies: [defaultCurrency, ...currencies.filter((code) => code !== defaultCurrency)],
    defaultCurrency,
    pricesIncludeTax: saved.pricesIncludeTax === true,
    taxShipping: saved.taxShipping !== false,
  }
}
