import { createManualAdapter, createPaymentRegistry } from './payments'
import type { CommercePluginOptions, SanitizedCommercePluginConfig, ShippingMethod } from './types'

const ISO_4217 = /^[A-Z]{3}$/

const DEFAULT_SHIPPING: [ShippingMethod, ...ShippingMethod[]] = [
  { amount: 490, id: 'standard', label: 'Standard (3–5 working days)' },
  { amount: 990, id: 'express', label: 'Express (next working day)' },
]

const sanitizeShippingMethods = (methods: ShippingMethod[] | undefined): [ShippingMethod, ...ShippingMethod[]] => {
  if (!methods) return DEFAULT_SHIPPING
  const [first, ...rest] = methods
  if (!first) throw new Error('commercePlugin: `shippingMethods` must list at least one method')
  const bad = methods.find((method) => !Number.isInteger(method.amount) || method.amount < 0)
  if (bad) throw new Error(`commercePlugin: shipping method "${bad.id}" needs a whole, non-negative amount`)
  return [first, ...rest]
}

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
  const storefrontUrl = options.storefrontUrl ?? 'http://localhost:4321'
  if (!URL.canParse(storefrontUrl) || !/^https?:$/.test(new URL(storefrontUrl).protocol)) {
    throw new Error(`commercePlugin: \`storefrontUrl\` must be an http(s) URL, got "${storefrontUrl}"`)
  }
  return {
    currencies: [defaultCurrency, ...rest],
    defaultCurrency,
    disabled: options.disabled ?? false,
    maxPublicPageSize: options.maxPublicPageSize ?? 100,
    mediaDir: options.mediaDir ?? 'media',
    overrides: options.overrides ?? {},
    payments: createPaymentRegistry(options.paymentAdapters ?? [createManualAdapter()]),
    secureCookies: options.secureCookies ?? true,
    shippingMethods: sanitizeShippingMethods(options.shippingMethods),
    slugs: {
      categories: 'categories',
      media: 'media',
      orders: 'orders',
      products: 'products',
      users: 'users',
      ...options.slugs,
    },
    storefrontUrl: storefrontUrl.replace(/\/+$/, ''),
  }
}
