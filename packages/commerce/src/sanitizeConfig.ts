import { createManualAdapter, createPaymentRegistry } from './payments'
import type {
  CommercePluginOptions,
  SanitizedCommercePluginConfig,
  SanitizedUnpaidOrdersConfig,
  SanitizedWebhooksConfig,
  ShippingMethod,
  TaxClass,
  UnpaidOrdersOptions,
  WebhooksOptions,
} from './types'

import { secretProblem } from './webhooks/signature'
import { STANDARD_TAX_CLASS } from './pricing/taxRate'
import { DEFAULT_GUEST_TOKEN_LIFETIME_DAYS } from './checkout/guestToken'

const ISO_4217 = /^[A-Z]{3}$/

const DEFAULT_SHIPPING = [
  { amount: 490, id: 'standard', label: 'Standard (3–5 working days)' },
  { amount: 990, id: 'express', label: 'Express (next working day)' },
] as const

const sanitizeShippingMethods = (
  methods: ShippingMethod[] | undefined,
  currencies: readonly string[],
): [ShippingMethod, ...ShippingMethod[]] => {
  const given = methods ?? DEFAULT_SHIPPING.map(({ amount, id, label }) => ({ id, label, prices: Object.fromEntries(currencies.map((code) => [code, amount])) }))
  const [first, ...rest] = given
  if (!first) throw new Error('commercePlugin: `shippingMethods` must list at least one method')
  const ids = new Set<string>()
  for (const method of given) {
    if (ids.has(method.id)) throw new Error(`commercePlugin: two shipping methods have the id "${method.id}"`)
    ids.add(method.id)
    for (const currency of currencies) {
      const amount = method.prices[currency]
      if (amount === undefined || !Number.isSafeInteger(amount) || amount < 0) {
        throw new Error(`commercePlugin: shipping method "${method.id}" needs a whole, non-negative price in ${currency} (minor units)`)
      }
    }
  }
  return [first, ...rest]
}

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`commercePlugin: \`${name.startsWith('checkout.') ? name : `webhooks.${name}`}\` must be a whole number ≥ 1, got ${value}`)
  return value
}

const nonNegativeOption = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`commercePlugin: \`${name}\` must be a whole number ≥ 0, got ${value}`)
  return value
}

const isHttpUrl = (value: string): boolean => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)

const sanitizeWebhooks = (options: WebhooksOptions = {}): SanitizedWebhooksConfig => {
  const { storefront } = options
  if (storefront) {
    if (!isHttpUrl(storefront.url)) throw new Error(`commercePlugin: \`webhooks.storefront.url\` must be an http(s) URL, got "${storefront.url}"`)
    const problem = secretProblem(storefront.secret)
    if (problem) throw new Error(`commercePlugin: \`webhooks.storefront.secret\`: ${problem}`)
  }
  const retry = {
    initialDelayMs: positiveInteger('retry.initialDelayMs', options.retry?.initialDelayMs ?? 5000),
    maxAttempts: positiveInteger('retry.maxAttempts', options.retry?.maxAttempts ?? 12),
    maxDelayMs: positiveInteger('retry.maxDelayMs', options.retry?.maxDelayMs ?? 3_600_000),
  }
  return {
    inProcess: options.inProcess,
    leaseMarginMs: positiveInteger('leaseMarginMs', options.leaseMarginMs ?? 30_000),
    onAttempt: options.onAttempt ?? (() => undefined),
    onJobRun: options.onJobRun ?? (() => undefined),
    onPollerError: options.onPollerError ?? (() => undefined),
    pendingSchema: options.pendingSchema,
    pollIntervalMs: positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 1000),
    pruneIntervalMs: positiveInteger('pruneIntervalMs', options.pruneIntervalMs ?? 3_600_000),
    retentionDays: positiveInteger('retentionDays', options.retentionDays ?? 30),
    retry,
    storefront: storefront ?? null,
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs ?? 10_000),
  }
}

const guestTokenLifetimeDays = (days: number): number => {
  if (!Number.isSafeInteger(days) || days < 1) throw new Error(`commercePlugin: \`guestTokenLifetimeDays\` must be a whole number ≥ 1, got ${days}`)
  return days
}

// No built-in "zero" class: a product in it would pay the standard rate wherever no 0 % rate is set,
// against what its name promises. A host that needs one adds it with its rates.
const DEFAULT_TAX_CLASSES: TaxClass[] = [{ label: 'Reduced rate', value: 'reduced' }]

/** The standard class first, then the host's (or the default) others; each value a slug, once. */
const sanitizeTaxClasses = (classes: TaxClass[] | undefined): [TaxClass, ...TaxClass[]] => {
  const all: [TaxClass, ...TaxClass[]] = [{ label: 'Standard rate', value: STANDARD_TAX_CLASS }, ...(classes ?? DEFAULT_TAX_CLASSES)]
  const seen = new Set<string>()
  for (const { value } of all) {
    if (!/^[a-z][a-z0-9-]{0,29}$/.test(value)) throw new Error(`commercePlugin: the tax class "${value}" must be a lower-case slug (letters, digits, dashes; at most 30)`)
    if (seen.has(value)) throw new Error(`commercePlugin: the tax class "${value}" is listed twice (\`standard\` is always there)`)
    seen.add(value)
  }
  return all
}

/** A year: a longer hold is a typo, and would keep stock off sale as surely as no expiry at all. */
export const MAX_HOLD_MINUTES = 525_600

const sanitizeUnpaidOrders = (options: UnpaidOrdersOptions = {}): SanitizedUnpaidOrdersConfig => {
  const holdMinutes = options.holdMinutes ?? 4320
  if (!Number.isSafeInteger(holdMinutes) || holdMinutes < 1 || holdMinutes > MAX_HOLD_MINUTES) {
    throw new Error(`commercePlugin: \`unpaidOrders.holdMinutes\` must be a whole number from 1 to ${MAX_HOLD_MINUTES}, got ${holdMinutes}`)
  }
  const actionHoldMinutes = options.actionHoldMinutes ?? 30
  if (!Number.isSafeInteger(actionHoldMinutes) || actionHoldMinutes < 1 || actionHoldMinutes > MAX_HOLD_MINUTES) {
    throw new Error(`commercePlugin: \`unpaidOrders.actionHoldMinutes\` must be a whole number from 1 to ${MAX_HOLD_MINUTES}, got ${actionHoldMinutes}`)
  }
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000
  if (!Number.isSafeInteger(sweepIntervalMs) || sweepIntervalMs < 10) {
    throw new Error(`commercePlugin: \`unpaidOrders.sweepIntervalMs\` must be a whole number ≥ 10, got ${sweepIntervalMs}`)
  }
  return { actionHoldMinutes, holdMinutes, sweepIntervalMs }
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
  if (!isHttpUrl(storefrontUrl)) {
    throw new Error(`commercePlugin: \`storefrontUrl\` must be an http(s) URL, got "${storefrontUrl}"`)
  }
  const catalogue = options.catalogue ?? {}
  const nonNegative = (name: string, value: number): number => nonNegativeOption(`catalogue.${name}`, value)
  const roles = { admin: 'admin', customer: 'customer', editor: 'editor', ...options.roles }
  if (new Set(Object.values(roles)).size !== 3 || Object.values(roles).some((name) => typeof name !== 'string' || !name.trim())) {
    throw new Error(`commercePlugin: \`roles\` must name three different, non-empty roles, got ${JSON.stringify(roles)}`)
  }
  const passwordReset = options.storefrontPaths?.passwordReset ?? '/account/reset'
  if (!passwordReset.startsWith('/')) {
    throw new Error(`commercePlugin: \`storefrontPaths.passwordReset\` must be a path starting with "/", got "${passwordReset}"`)
  }
  return {
    access: options.access ?? {},
    catalogue: {
      listing: catalogue.listing ?? true,
      redisPrefix: catalogue.redisPrefix ?? 'showroom:',
      redisUrl: catalogue.redisUrl,
      responseCacheMaxBytes: nonNegative('responseCacheMaxBytes', catalogue.responseCacheMaxBytes ?? 64 * 1024 * 1024),
      responseCacheTtlMs: nonNegative('responseCacheTtlMs', catalogue.responseCacheTtlMs ?? 300_000),
      sharedMaxAgeSeconds: nonNegative('sharedMaxAgeSeconds', catalogue.sharedMaxAgeSeconds ?? 10),
      staleWhileRevalidateSeconds: nonNegative('staleWhileRevalidateSeconds', catalogue.staleWhileRevalidateSeconds ?? 60),
    },
    checkout: {
      reconcileIntervalMs: positiveInteger('checkout.reconcileIntervalMs', options.checkout?.reconcileIntervalMs ?? 60_000),
      stuckAfterMs: positiveInteger('checkout.stuckAfterMs', options.checkout?.stuckAfterMs ?? 120_000),
    },
    currencies: [defaultCurrency, ...rest],
    dashboard: { lowStockThreshold: nonNegativeOption('dashboard.lowStockThreshold', options.dashboard?.lowStockThreshold ?? 5) },
    defaultCurrency,
    disabled: options.disabled ?? false,
    maxPublicPageSize: options.maxPublicPageSize ?? 100,
    mediaDir: options.mediaDir ?? 'media',
    overrides: options.overrides ?? {},
    payments: createPaymentRegistry(options.paymentAdapters ?? [createManualAdapter()]),
    roles,
    guestTokenLifetimeDays: guestTokenLifetimeDays(options.guestTokenLifetimeDays ?? DEFAULT_GUEST_TOKEN_LIFETIME_DAYS),
    secureCookies: options.secureCookies ?? true,
    shippingMethods: sanitizeShippingMethods(options.shippingMethods, currencies),
    taxClasses: sanitizeTaxClasses(options.taxClasses),
    slugs: {
      auditLog: 'audit-log',
      categories: 'categories',
      media: 'media',
      orders: 'orders',
      productImports: 'product-imports',
      products: 'products',
      shippingZones: 'shipping-zones',
      promotionRedemptions: 'promotion-redemptions',
      promotions: 'promotions',
      stockMovements: 'stock-movements',
      taxRates: 'tax-rates',
      users: 'users',
      webhookDeliveries: 'webhook-deliveries',
      webhookEndpoints: 'webhook-endpoints',
      ...options.slugs,
    },
    storefrontPaths: {
      category: options.storefrontPaths?.category ?? ((slugs) => `/c/${slugs.join('/')}`),
      passwordReset,
    },
    storefrontUrl: storefrontUrl.replace(/\/+$/, ''),
    unpaidOrders: sanitizeUnpaidOrders(options.unpaidOrders),
    webhooks: sanitizeWebhooks(options.webhooks),
  }
}
