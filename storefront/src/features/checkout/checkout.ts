import { z } from 'astro/zod'

import type { Cart } from '../cart/cart'

/** Shipping choices shown at checkout; the CMS decides the amount actually charged. */
export const SHIPPING_METHODS = [
  { id: 'standard', label: 'Standard (3–5 working days)', price: 490 },
  { id: 'express', label: 'Express (next working day)', price: 990 },
] as const

export type ShippingMethodId = (typeof SHIPPING_METHODS)[number]['id']

/** Countries the form offers, as ISO 3166-1 alpha-2 codes. */
export const COUNTRIES = [
  { code: 'DE', name: 'Germany' },
  { code: 'AT', name: 'Austria' },
  { code: 'BE', name: 'Belgium' },
  { code: 'FR', name: 'France' },
  { code: 'IT', name: 'Italy' },
  { code: 'NL', name: 'Netherlands' },
  { code: 'ES', name: 'Spain' },
  { code: 'GB', name: 'United Kingdom' },
  { code: 'US', name: 'United States' },
] as const

export const PAYMENT_METHODS = [
  { id: 'test', label: 'Card (test card)' },
  { id: 'manual', label: 'Bank transfer' },
] as const

/** The checkout form's field names, which are also the keys of its error messages. */
export const CHECKOUT_FIELDS = [
  'email',
  'name',
  'line1',
  'line2',
  'postalCode',
  'city',
  'country',
  'phone',
  'shippingMethod',
  'payment',
  'cardNumber',
  'cardExpiry',
  'cardCvc',
] as const

export type CheckoutField = (typeof CHECKOUT_FIELDS)[number]

export const isCheckoutField = (name: string): name is CheckoutField => (CHECKOUT_FIELDS as readonly string[]).includes(name)

/** Fields whose values are never kept for redisplay. */
const SECRET_FIELDS: ReadonlySet<string> = new Set<CheckoutField>(['cardNumber', 'cardCvc'])

/** Astro passes `null` for a field the form did not send; an empty field is as good as none. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((value) => (value?.trim() ? value.trim() : undefined))

const requiredText = (max: number, message: string) => z.string({ error: message }).trim().min(1, message).max(max)

/** The checkout form as posted: what to ship where and how to pay. Prices are never part of it. */
export const checkoutInput = z
  .object({
    email: z.string({ error: 'Enter your email address' }).trim().pipe(z.email('Enter a valid email address, such as name@example.com').max(254)),
    name: requiredText(200, 'Enter your full name'),
    line1: requiredText(200, 'Enter your street address'),
    line2: optionalText(200),
    postalCode: requiredText(20, 'Enter your postal code'),
    city: requiredText(100, 'Enter your city'),
    country: z
      .string({ error: 'Choose your country' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Choose your country'),
    phone: optionalText(40),
    shippingMethod: z.enum(['standard', 'express'], { error: 'Choose a shipping method' }),
    payment: z.enum(['test', 'manual'], { error: 'Choose how to pay' }),
    cardNumber: optionalText(30),
    cardExpiry: optionalText(7),
    cardCvc: optionalText(4),
    // The checkout attempt the form was rendered for (see `currentAttempt`): a resubmission after the
    // order was placed goes to that order, not to an empty cart.
    attempt: z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number)
      .optional()
      .catch(undefined),
  })
  .superRefine((form, context) => {
    if (form.payment !== 'test') return
    if (!form.cardNumber) context.addIssue({ code: 'custom', message: 'Enter your card number', path: ['cardNumber'] })
    if (!form.cardExpiry || !/^\d{2}\s*\/\s*\d{2}$/.test(form.cardExpiry)) {
      context.addIssue({ code: 'custom', message: 'Enter the expiry date as MM/YY', path: ['cardExpiry'] })
    }
    if (!form.cardCvc || !/^\d{3,4}$/.test(form.cardCvc)) context.addIssue({ code: 'custom', message: 'Enter the 3 or 4 digit security code', path: ['cardCvc'] })
  })

export type CheckoutInput = z.infer<typeof checkoutInput>

/** The body of `POST /api/v1/orders`, built from the session's cart: never from prices the browser sent. */
export const orderRequest = (cart: Cart, form: CheckoutInput) => ({
  email: form.email,
  items: cart.lines.map((line) => ({ product: line.product, quantity: line.quantity, ...(line.variant ? { variant: line.variant } : {}) })),
  payment:
    form.payment === 'test'
      ? { details: { cvc: form.cardCvc, expiry: form.cardExpiry?.replace(/\s+/g, ''), number: form.cardNumber }, method: 'test' }
      : { method: 'manual' },
  shippingAddress: {
    city: form.city,
    country: form.country,
    line1: form.line1,
    name: form.name,
    postalCode: form.postalCode,
    ...(form.line2 ? { line2: form.line2 } : {}),
    ...(form.phone ? { phone: form.phone } : {}),
  },
  shippingMethod: form.shippingMethod,
})

/** Which form field a CMS issue path (`shippingAddress.city`, or a card detail such as `expiry`) is about. */
const FIELD_OF_PATH: Record<string, CheckoutField> = {
  cvc: 'cardCvc',
  email: 'email',
  expiry: 'cardExpiry',
  number: 'cardNumber',
  'payment.details.cvc': 'cardCvc',
  'payment.details.expiry': 'cardExpiry',
  'payment.details.number': 'cardNumber',
  'payment.method': 'payment',
  'shippingAddress.city': 'city',
  'shippingAddress.country': 'country',
  'shippingAddress.line1': 'line1',
  'shippingAddress.line2': 'line2',
  'shippingAddress.name': 'name',
  'shippingAddress.phone': 'phone',
  'shippingAddress.postalCode': 'postalCode',
  shippingMethod: 'shippingMethod',
}

export const fieldOfPath = (path: string): CheckoutField | undefined => FIELD_OF_PATH[path]

/** A message per field, for the form. */
export type FieldErrors = Partial<Record<CheckoutField, string>>

/** What the checkout page shows after a failed attempt: the message, per-field messages, the values entered. */
export const checkoutStateSchema = z.object({
  fields: z.partialRecord(z.enum(CHECKOUT_FIELDS), z.string().max(500)),
  message: z.string().max(1000),
  values: z.partialRecord(z.enum(CHECKOUT_FIELDS), z.string().max(300)),
})

export type CheckoutState = z.infer<typeof checkoutStateSchema>

export const parseCheckoutState = (value: unknown): CheckoutState | undefined => {
  const parsed = checkoutStateSchema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/** The posted values worth showing again: known fields only, never the card number or security code. */
export const keptValues = (form: Iterable<[string, unknown]>): CheckoutState['values'] => {
  const values: CheckoutState['values'] = {}
  for (const [name, value] of form) {
    if (typeof value !== 'string' || !isCheckoutField(name) || SECRET_FIELDS.has(name)) continue
    values[name] = value.slice(0, 300)
  }
  return values
}

/** A stable fingerprint of the cart's contents: a new idempotency key is taken when it changes. */
export const cartFingerprint = (cart: Cart): string =>
  JSON.stringify(cart.lines.map((line) => [line.product, line.variant ?? null, line.quantity]))
