import { z } from 'astro/zod'

import type { Cart } from '../cart/cart'
import { type CheckoutOptions, detailsField, missingMessage, type PaymentMethod } from './checkoutOptions'

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

/** The checkout form's fixed field names, which are also the keys of its error messages. */
export const CHECKOUT_FIELDS = ['email', 'name', 'line1', 'line2', 'postalCode', 'city', 'country', 'phone', 'shippingMethod', 'payment'] as const

type FixedField = (typeof CHECKOUT_FIELDS)[number]

/** A fixed field, or one a payment method declares (`details.<method>.<field>`, see `detailsField`). */
export type CheckoutField = FixedField | `details.${string}`

const DETAILS_FIELD = /^details\.[a-z][a-z0-9-]{0,39}\.[a-zA-Z][a-zA-Z0-9]{0,39}$/

const isFixedField = (name: string): name is FixedField => (CHECKOUT_FIELDS as readonly string[]).includes(name)

export const isCheckoutField = (name: string): name is CheckoutField => isFixedField(name) || DETAILS_FIELD.test(name)

/** Astro passes `null` for a field the form did not send; an empty field is as good as none. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((value) => (value?.trim() ? value.trim() : undefined))

const requiredText = (max: number, message: string) => z.string({ error: message }).trim().min(1, message).max(max)

/** What the shopper fills in whatever the shop offers: who they are and where the parcel goes. */
const addressFields = {
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
  // The checkout attempt the form was rendered for (see `currentAttempt`): a resubmission after the
  // order was placed goes to that order, not to an empty cart.
  attempt: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
}

/** The inputs payment `method` declares, under their form names, checked as the CMS declared them. */
const detailsShape = (method: PaymentMethod | undefined): Record<`details.${string}`, z.ZodType<string | undefined>> =>
  Object.fromEntries(
    (method?.fields ?? []).map((field) => {
      const tooLong = `${field.label}: at most ${field.maxLength} characters`
      const schema = field.required ? requiredText(field.maxLength, missingMessage(field.label)).max(field.maxLength, tooLong) : optionalText(field.maxLength)
      return [detailsField(method?.name ?? '', field.name), schema]
    }),
  )

/**
 * The checkout form as posted (field name → value), checked against the options the CMS published: a
 * shipping and a payment method it offers, and the fields the chosen payment method declares (required
 * ones filled in, none too long; their format is the CMS's to judge), every problem at once. Prices are
 * never part of it; other methods' fields are ignored.
 */
export const parseCheckoutForm = (options: CheckoutOptions, posted: Record<string, unknown>) => {
  const method = options.payment.methods.find((candidate) => candidate.name === posted.payment)
  return z
    .object({
      ...addressFields,
      shippingMethod: z
        .string({ error: 'Choose a shipping method' })
        .refine((id) => options.shipping.methods.some((item) => item.id === id), 'Choose one of the shipping methods shown'),
      payment: z
        .string({ error: 'Choose how to pay' })
        .refine(() => method !== undefined, 'Choose one of the payment methods shown'),
    })
    .extend(detailsShape(method))
    .transform(({ attempt, city, country, email, line1, line2, name, payment, phone, postalCode, shippingMethod, ...rest }) => {
      const details: Record<string, string> = {}
      for (const field of method?.fields ?? []) {
        const value = rest[detailsField(payment, field.name)]
        if (typeof value === 'string') details[field.name] = value
      }
      return { attempt, city, country, details, email, line1, line2, name, payment, phone, postalCode, shippingMethod }
    })
    .safeParse(posted)
}

export type CheckoutInput = NonNullable<ReturnType<typeof parseCheckoutForm>['data']>

/** The body of `POST /api/v1/orders`, built from the session's cart: never from prices the browser sent. */
export const orderRequest = (cart: Cart, form: CheckoutInput) => ({
  email: form.email,
  items: cart.lines.map((line) => ({ product: line.product, quantity: line.quantity, ...(line.variant ? { variant: line.variant } : {}) })),
  payment: Object.keys(form.details).length > 0 ? { details: form.details, method: form.payment } : { method: form.payment },
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

/** Which form field a CMS issue path (`shippingAddress.city`) is about. */
const FIELD_OF_PATH: Record<string, CheckoutField> = {
  email: 'email',
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

/**
 * Which form field a CMS issue path is about: a fixed one, or a detail of the payment method the shopper
 * chose (the CMS names it `payment.details.number`, or `number` when its payment adapter refused it).
 */
export const fieldOfPath = (path: string, payment?: { fields: ReadonlyArray<{ name: string }>; name: string }): CheckoutField | undefined => {
  const fixed = FIELD_OF_PATH[path]
  if (fixed) return fixed
  const detail = path.replace(/^payment\.details\./, '')
  return payment?.fields.some((field) => field.name === detail) ? detailsField(payment.name, detail) : undefined
}

/** A message per field, for the form. */
export type FieldErrors = Partial<Record<CheckoutField, string>>

/** What the checkout page shows after a failed attempt: the message, per-field messages, the values entered. */
export const checkoutStateSchema = z.object({
  fields: z.record(z.string().max(100), z.string().max(500)).transform((fields): FieldErrors => {
    const known: FieldErrors = {}
    for (const [name, message] of Object.entries(fields)) if (isCheckoutField(name)) known[name] = message
    return known
  }),
  message: z.string().max(1000),
  values: z.partialRecord(z.enum(CHECKOUT_FIELDS), z.string().max(300)),
})

export type CheckoutState = z.infer<typeof checkoutStateSchema>

export const parseCheckoutState = (value: unknown): CheckoutState | undefined => {
  const parsed = checkoutStateSchema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/**
 * The posted values worth showing again: the fixed fields only. What the shopper typed for a payment
 * method (a card number, its expiry, a security code) is never kept in the session.
 */
export const keptValues = (form: Iterable<[string, unknown]>): CheckoutState['values'] => {
  const values: CheckoutState['values'] = {}
  for (const [name, value] of form) {
    if (typeof value === 'string' && isFixedField(name)) values[name] = value.slice(0, 300)
  }
  return values
}

/** A stable fingerprint of the cart's contents: a new idempotency key is taken when it changes. */
export const cartFingerprint = (cart: Cart): string =>
  JSON.stringify(cart.lines.map((line) => [line.product, line.variant ?? null, line.quantity]))
