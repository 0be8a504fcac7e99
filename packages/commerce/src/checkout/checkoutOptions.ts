import type { PayloadRequest } from 'payload'

import type { PaymentField } from '../payments'
import type { SanitizedCommercePluginConfig } from '../types'

import { translateField } from '../payments/paymentTexts'
import { readShippingZones, type ZoneMethod, zoneFor } from '../pricing/shippingZones'
import { readStoreSettings } from '../pricing/storeSettings'

/** An amount in minor units (1999 means 19.99) and its ISO 4217 currency. */
export type Money = { amount: number; currency: string }

export type PublishedShippingMethod = {
  id: string
  label: string
  /**
   * What it costs from, per currency it ships in, in the shop's currency order: the cheapest rate that
   * applies to any subtotal. An order's own figure (by its subtotal and weight) is `POST /orders/quote`'s.
   */
  prices: Money[]
  /** Free from this subtotal (after discounts) on, per currency, where the zone sets a threshold. */
  freeFrom: Money[]
}

export type PublishedPaymentMethod = {
  /** What `POST /orders` sends as `payment.method`. */
  name: string
  label: string
  description: string
  /** What to send as `payment.details`: one string per field, under its `name`. */
  fields: PaymentField[]
  /** Public settings for collecting the details in the browser (Stripe: `publishableKey`); absent when none. */
  client?: Record<string, string>
}

/** What `GET /orders/checkout-options` answers: exactly the choices `POST /orders` accepts here and now. */
export type CheckoutOptions = {
  /** The currencies the shop sells in, and the one shown first. */
  currencies: { default: string; offered: string[] }
  payment: { default: string; methods: PublishedPaymentMethod[] }
  /** Whether prices include tax (the store setting). */
  pricesIncludeTax: boolean
  /** `default` is null when nothing ships to the country asked about. */
  shipping: { default: null | string; methods: PublishedShippingMethod[] }
}

/**
 * Which shipping methods to list: those of `country`'s zone (none: the everywhere-else zone), with
 * prices in `currency` (none: every one), labels in `locale` (none: the default locale's); payment
 * methods' words in `locale` too, where their adapter has them (`PaymentAdapter.translations`).
 */
export type CheckoutOptionsQuery = { country?: string; currency?: string; locale?: string }

/** The cheapest rate of `method` in `currency` that any subtotal gets, or undefined when it has none. */
const priceFrom = (method: ZoneMethod, currency: string): number | undefined => {
  const amounts = method.rates.filter((rate) => rate.currency === currency && !rate.fromSubtotal).map((rate) => rate.amount)
  return amounts.length > 0 ? Math.min(...amounts) : undefined
}

/**
 * The shipping and payment methods this shop accepts, from the same zones, settings and payment
 * registry `placeOrder` checks against, so a storefront never offers a choice the shop would refuse.
 * The first of each is the default.
 */
export const checkoutOptions = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, query: CheckoutOptionsQuery = {}): Promise<CheckoutOptions> => {
  const adapters = config.payments.adapters()
  const [firstPayment] = adapters
  if (!firstPayment) throw new Error('checkoutOptions: the payment registry is empty')
  const [settings, zones] = await Promise.all([readStoreSettings(req, config), readShippingZones(req, config, query.locale)])
  const currencies = query.currency === undefined ? settings.currencies : [query.currency]
  const zone = zoneFor(zones, query.country)
  const methods = (zone?.methods ?? [])
    .map((method) => ({
      freeFrom: method.freeFrom.filter((free) => currencies.includes(free.currency)),
      id: method.code,
      label: method.label,
      prices: currencies.flatMap((currency) => {
        const amount = priceFrom(method, currency)
        return amount === undefined ? [] : [{ amount, currency }]
      }),
    }))
    .filter((method) => method.prices.length > 0)
  return {
    currencies: { default: settings.defaultCurrency, offered: settings.currencies },
    payment: {
      default: firstPayment.name,
      methods: adapters.map((adapter) => {
        const texts = query.locale === undefined ? undefined : adapter.translations?.[query.locale]
        return {
          description: texts?.description ?? adapter.description,
          fields: adapter.fields.map((field) => translateField(field, texts)),
          ...(adapter.client && { client: { ...adapter.client } }),
          label: texts?.label ?? adapter.label,
          name: adapter.name,
        }
      }),
    },
    pricesIncludeTax: settings.pricesIncludeTax,
    shipping: { default: methods[0]?.id ?? null, methods },
  }
}
