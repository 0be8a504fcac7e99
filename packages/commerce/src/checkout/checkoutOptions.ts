import type { PaymentField } from '../payments'
import type { SanitizedCommercePluginConfig } from '../types'

import { shippingAmount } from './shippingAmount'

/** An amount in minor units (1999 means 19.99) and its ISO 4217 currency. */
export type Money = { amount: number; currency: string }

export type PublishedShippingMethod = {
  id: string
  label: string
  /** One price per currency the shop sells in, in the shop's currency order: the order's currency decides which applies. */
  prices: Money[]
}

export type PublishedPaymentMethod = {
  /** What `POST /orders` sends as `payment.method`. */
  name: string
  label: string
  description: string
  /** What to send as `payment.details`: one string per field, under its `name`. */
  fields: PaymentField[]
}

/** What `GET /orders/checkout-options` answers: exactly the choices `POST /orders` accepts here and now. */
export type CheckoutOptions = {
  payment: { default: string; methods: PublishedPaymentMethod[] }
  shipping: { default: string; methods: PublishedShippingMethod[] }
}

/**
 * The shipping and payment methods this shop accepts, from the same config `placeOrder` checks against
 * (the shipping methods and the payment registry), so a storefront never offers a choice the shop would
 * refuse. The first of each is the default.
 */
export const checkoutOptions = (config: SanitizedCommercePluginConfig): CheckoutOptions => {
  const adapters = config.payments.adapters()
  const [firstShipping] = config.shippingMethods
  const [firstPayment] = adapters
  if (!firstPayment) throw new Error('checkoutOptions: the payment registry is empty')
  return {
    payment: {
      default: firstPayment.name,
      methods: adapters.map((adapter) => ({
        description: adapter.description,
        fields: adapter.fields.map((field) => ({ ...field })),
        label: adapter.label,
        name: adapter.name,
      })),
    },
    shipping: {
      default: firstShipping.id,
      methods: config.shippingMethods.map((method) => ({
        id: method.id,
        label: method.label,
        prices: config.currencies.map((currency) => ({ amount: shippingAmount(method, currency), currency })),
      })),
    },
  }
}
