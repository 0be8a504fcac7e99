import type { CommercePluginOptions, SanitizedCommercePluginConfig } from './types'

const ISO_4217 = /^[A-Z]{3}$/

/** Fills every default once, so everything downstream works with a complete config. */
export const sanitizeConfig = (options: CommercePluginOptions = {}): SanitizedCommercePluginConfig => {
  const currencies = options.currencies ?? ['EUR']
  const [defaultCurrency, ...rest] = currencies
  if (!defaultCurrency) {
    throw new Error('commercePlugin: `currencies` must name at least one ISO 4217 currency')
  }
  const invalid = currencies.filter((code) => !ISO_4217.test(code))
  if (invalid.length > 0) {
    throw new Error(`commercePlugin: not ISO 4217 currency codes: ${invalid.join(', ')}`)
  }
  return {
    currencies: [defaultCurrency, ...rest],
    defaultCurrency,
    disabled: options.disabled ?? false,
    maxPublicPageSize: options.maxPublicPageSize ?? 100,
    mediaDir: options.mediaDir ?? 'media',
    overrides: options.overrides ?? {},
    secureCookies: options.secureCookies ?? true,
    slugs: {
      categories: 'categories',
      media: 'media',
      orders: 'orders',
      products: 'products',
      users: 'users',
      ...options.slugs,
    },
  }
}
