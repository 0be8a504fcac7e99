import { createManualAdapter, createPaymentRegistry } from './payments'
import type { CommercePluginOptions, SanitizedCommercePluginConfig, SanitizedWebhooksConfig, ShippingMethod, WebhooksOptions } from './types'

import { secretProblem } from './webhooks/signature'

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

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`commercePlugin: \`${name.startsWith('checkout.') ? name : `webhooks.${name}`}\` must be a whole number ≥ 1, got ${value}`)
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
    leaseMarginMs: positiveInteger('leaseMarginMs', options.leaseMarginMs ?? 30_000),
    onAttempt: options.onAttempt ?? (() => undefined),
    onJobRun: options.onJobRun ?? (() => undefined),
    pollIntervalMs: positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 1000),
    pruneIntervalMs: positiveInteger('pruneIntervalMs', options.pruneIntervalMs ?? 3_600_000),
    retentionDays: positiveInteger('retentionDays', options.retentionDays ?? 30),
    retry,
    storefront: storefront ?? null,
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs ?? 10_000),
  }
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
  return {
    checkout: {
      reconcileIntervalMs: positiveInteger('checkout.reconcileIntervalMs', options.checkout?.reconcileIntervalMs ?? 60_000),
      stuckAfterMs: positiveInteger('checkout.stuckAfterMs', options.checkout?.stuckAfterMs ?? 120_000),
    },
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
      stockMovements: 'stock-movements',
      users: 'users',
      webhookDeliveries: 'webhook-deliveries',
      webhookEndpoints: 'webhook-endpoints',
      ...options.slugs,
    },
    storefrontUrl: storefrontUrl.replace(/\/+$/, ''),
    webhooks: sanitizeWebhooks(options.webhooks),
  }
}
