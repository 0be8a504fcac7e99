import { z } from 'astro/zod'

import type { Cart } from '../cart/cart'
import { type CheckoutOptions, detailsField, type PaymentMethod } from './checkoutOptions'
import type { Dictionary } from '../i18n/dictionary'

/** The form's own messages, in the page's language. */
type Words = Dictionary['checkoutErrors']

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

/** `value` as one of `COUNTRIES`' codes (any letter case), or undefined: what may be asked of the CMS. */
export const countryOf = (value: unknown): string | undefined => {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : undefined
  return COUNTRIES.find((item) => item.code === code)?.code
}

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
const addressFields = (words: Words) => ({
  email: z.string({ error: words.enterEmail }).trim().pipe(z.email(words.invalidEmail).max(254)),
  name: requiredText(200, words.enterName),
  line1: requiredText(200, words.enterStreet),
  line2: optionalText(200),
  postalCode: requiredText(20, words.enterPostalCode),
  city: requiredText(100, words.enterCity),
  country: z
    .string({ error: words.chooseCountry })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, words.chooseCountry),
  phone: optionalText(40),
  // The checkout attempt the form was rendered for (see `currentAttempt`): a resubmission after the
  // order was placed goes to that order, not to an empty cart.
  attempt: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
})

/** The inputs payment `method` declares, under their form names, checked as the CMS declared them. */
const detailsShape = (method: PaymentMethod | undefined, words: Words): Record<`details.${string}`, z.ZodType<string | undefined>> =>
  Object.fromEntries(
    (method?.fields ?? []).map((field) => {
      const tooLong = words.tooLong(field.label, field.maxLength)
      const schema = field.required ? requiredText(field.maxLength, words.missing(field.label)).max(field.maxLength, tooLong) : optionalText(field.maxLength)
      return [detailsField(method?.name ?? '', field.name), schema]
    }),
  )

/**
 * The checkout form as posted (field name → value), checked against the options the CMS published: a
 * shipping and a payment method it offers, and the fields the chosen payment method declares (required
 * ones filled in, none too long; their format is the CMS's to judge), every problem at once. Prices are
 * never part of it; other methods' fields are ignored. Messages are `words`, the page's language.
 */
export const parseCheckoutForm = (options: CheckoutOptions, posted: Record<string, unknown>, words: Words) => {
  const method = options.payment.methods.find((candidate) => candidate.name === posted.payment)
  return z
    .object({
      ...addressFields(words),
      shippingMethod: z
        .string({ error: words.chooseShipping })
        .refine((id) => options.shipping.methods.some((item) => item.id === id), words.chooseShippingShown),
      payment: z
        .string({ error: words.choosePayment })
        .refine(() => method !== undefined, words.choosePaymentShown),
    })
    .extend(detailsShape(method, words))
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
export const orderRequest = (cart: Cart, form: CheckoutInput, currency?: string, discountCode?: string, locale?: string) => ({
  ...(currency ? { currency } : {}),
  // The shopper's language: stored on the order, its lines' titles in it (emails can speak it).
  ...(locale ? { locale } : {}),
  ...(discountCode ? { discountCode } : {}),
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
