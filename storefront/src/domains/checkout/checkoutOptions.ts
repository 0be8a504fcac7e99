import { z } from 'astro/zod'

/** The characters a payment field's name may hold (the CMS checks the same): it becomes a form field name. */
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9]*$/

const label = z.string().trim().min(1).max(200)

const paymentFieldSchema = z.object({
  autocomplete: z.string().max(100),
  // A mode this storefront does not know is shown as plain text rather than refusing every option.
  inputMode: z.enum(['decimal', 'email', 'numeric', 'tel', 'text']).optional().catch(undefined),
  label,
  maxLength: z.number().int().min(1).max(1000),
  name: z.string().regex(FIELD_NAME),
  placeholder: z.string().max(100).optional(),
  required: z.boolean(),
  type: z.enum(['email', 'tel', 'text']).catch('text'),
})

export type PaymentField = z.infer<typeof paymentFieldSchema>

const paymentMethodSchema = z.object({
  description: z.string().max(1000),
  fields: z.array(paymentFieldSchema).max(20),
  /** Public settings for the browser, such as Stripe's `publishableKey`. */
  client: z.record(z.string(), z.string().max(500)).optional(),
  label,
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
})

export type PaymentMethod = z.infer<typeof paymentMethodSchema>

const shippingMethodSchema = z.object({
  id: z.string().min(1).max(40),
  label,
  prices: z.array(z.object({ amount: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) })).min(1),
})

export type ShippingMethod = z.infer<typeof shippingMethodSchema>

/** `GET /api/v1/orders/checkout-options`: the only shipping and payment choices the CMS accepts, defaults first. */
export const checkoutOptionsSchema = z
  .object({
    // The store settings' currencies (a CMS before them publishes none: the products' own currencies apply).
    currencies: z.object({ default: z.string().regex(/^[A-Z]{3}$/), offered: z.array(z.string().regex(/^[A-Z]{3}$/)).min(1).max(20) }).optional(),
    payment: z.object({ default: z.string(), methods: z.array(paymentMethodSchema).min(1).max(20) }),
    // For a country no shipping zone covers: no methods, no default (the quote says why).
    shipping: z.object({ default: z.string().nullable(), methods: z.array(shippingMethodSchema).max(20) }),
  })
  .refine((options) => options.payment.methods.some((method) => method.name === options.payment.default), 'the default payment method is not listed')
  .refine(
    (options) => (options.shipping.default === null ? options.shipping.methods.length === 0 : options.shipping.methods.some((method) => method.id === options.shipping.default)),
    'the default shipping method is not listed',
  )

export type CheckoutOptions = z.infer<typeof checkoutOptionsSchema>

/** What `method` costs on an order in `currency`, in minor units; undefined when the CMS names no such price. */
export const priceIn = (method: ShippingMethod, currency: string): number | undefined =>
  method.prices.find((price) => price.currency === currency)?.amount

/** The form field that carries payment `method`'s field `field`: `details.test.number`. */
export const detailsField = (method: string, field: string): `details.${string}` => `details.${method}.${field}`

/** The chosen option when the CMS still offers it, else its default: what the form pre-selects. */
export const chosenShipping = (options: CheckoutOptions, id: string | undefined): string | undefined =>
  id !== undefined && options.shipping.methods.some((method) => method.id === id) ? id : (options.shipping.default ?? undefined)

export const chosenPayment = (options: CheckoutOptions, name: string | undefined): string =>
  name !== undefined && options.payment.methods.some((method) => method.name === name) ? name : options.payment.default
