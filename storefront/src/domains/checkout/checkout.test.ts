import { describe, expect, it } from 'vitest'

import { cartFingerprint, type CheckoutInput, fieldOfPath, keptValues, orderRequest, parseCheckoutForm, parseCheckoutState } from './checkout'
import { type CheckoutOptions, checkoutOptionsSchema, chosenPayment, chosenShipping, priceIn } from './checkoutOptions'
import { dictionaryOf } from '../i18n/dictionary'

const { missing: missingMessage } = dictionaryOf('en').checkoutErrors
const deWords = dictionaryOf('de').checkoutErrors

const card = {
  description: 'An offline test card.',
  fields: [
    { autocomplete: 'cc-number', inputMode: 'numeric', label: 'Card number', maxLength: 23, name: 'number', required: true, type: 'text' },
    { autocomplete: 'cc-exp', label: 'Expiry (MM/YY)', maxLength: 7, name: 'expiry', placeholder: 'MM/YY', required: true, type: 'text' },
    { autocomplete: 'cc-csc', inputMode: 'numeric', label: 'Security code (CVC)', maxLength: 4, name: 'cvc', required: true, type: 'text' },
  ],
  label: 'Test card (no real money)',
  name: 'test',
}
const manual = { description: 'Transfer the total.', fields: [], label: 'Pay by bank transfer', name: 'manual' }
const shipping = {
  default: 'standard',
  methods: [
    { id: 'standard', label: 'Standard', prices: [{ amount: 490, currency: 'EUR' }, { amount: 450, currency: 'GBP' }] },
    { id: 'express', label: 'Express', prices: [{ amount: 990, currency: 'EUR' }] },
  ],
}
const development: CheckoutOptions = checkoutOptionsSchema.parse({ payment: { default: 'manual', methods: [manual, card] }, shipping })
const production: CheckoutOptions = checkoutOptionsSchema.parse({ payment: { default: 'manual', methods: [manual] }, shipping })

const posted = {
  'details.test.cvc': '123',
  'details.test.expiry': '12/40',
  'details.test.number': '4242 4242 4242 4242',
  city: ' Berlin ',
  country: 'de',
  email: 'ada@example.test',
  line1: 'Torstraße 1',
  line2: '',
  name: 'Ada Guest',
  payment: 'test',
  postalCode: '10119',
  shippingMethod: 'express',
}

/** The form checked against `options`, with the English messages. */
const check = (options: CheckoutOptions, form: Record<string, unknown>) => parseCheckoutForm(options, form, dictionaryOf('en').checkoutErrors)

/** The form as the action reads it, checked against `options`; throws when it is refused. */
const parsed = (options: CheckoutOptions, form: Record<string, unknown>): CheckoutInput => {
  const result = check(options, form)
  if (!result.success) throw new Error(`refused: ${JSON.stringify(result.error.issues)}`)
  return result.data
}

const fieldMessages = (result: { error?: { issues: Array<{ message: string; path: PropertyKey[] }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))

describe('parseCheckoutForm', () => {
  it('trims, upper-cases the country and treats empty optional fields as absent', () => {
    const form = parsed(development, posted)
    expect(form).toMatchObject({ city: 'Berlin', country: 'DE', line2: undefined, phone: undefined })
    expect(form.details).toEqual({ cvc: '123', expiry: '12/40', number: '4242 4242 4242 4242' })
  })

  it('names each missing field, the payment method’s own fields by their form names', () => {
    const result = check(development, { ...posted, 'details.test.cvc': ' ', city: '', email: 'nope' })
    expect(fieldMessages(result)).toEqual({
      city: 'Enter your city',
      'details.test.cvc': 'Enter the security code (CVC)',
      email: expect.stringMatching(/valid email/),
    })
  })

  it('refuses a method the CMS does not offer: the test card in production', () => {
    expect(fieldMessages(check(production, posted))).toEqual({ payment: 'Choose one of the payment methods shown' })
    expect(fieldMessages(check(development, { ...posted, shippingMethod: 'pigeon' }))).toEqual({
      shippingMethod: 'Choose one of the shipping methods shown',
    })
  })

  it('words its messages in the page’s language', () => {
    const result = parseCheckoutForm(development, { ...posted, 'details.test.cvc': ' ', city: '', shippingMethod: 'pigeon' }, deWords)
    expect(fieldMessages(result)).toEqual({
      city: 'Geben Sie Ihren Ort ein',
      'details.test.cvc': 'Bitte ausfüllen: Security code (CVC)',
      shippingMethod: 'Wählen Sie eine der angezeigten Versandarten',
    })
  })

  it('refuses a detail longer than the method declares', () => {
    expect(fieldMessages(check(development, { ...posted, 'details.test.cvc': '12345' }))).toEqual({
      'details.test.cvc': 'Security code (CVC): at most 4 characters',
    })
  })

  it('needs no details for a method that declares none, and ignores other methods’ fields', () => {
    const form = parsed(production, { ...posted, payment: 'manual' })
    expect(form.details).toEqual({})
  })

  it('reads the attempt the form was rendered for, and ignores a missing or forged one', () => {
    expect(parsed(development, { ...posted, attempt: '3' }).attempt).toBe(3)
    for (const attempt of [null, '', '-1', '1e3', 'x', '9999999999']) expect(parsed(development, { ...posted, attempt }).attempt).toBeUndefined()
  })
})

describe('checkout options', () => {
  it('pre-selects what the shopper chose when it is still offered, else the default', () => {
    expect([chosenPayment(development, 'test'), chosenPayment(production, 'test'), chosenPayment(production, undefined)]).toEqual(['test', 'manual', 'manual'])
    expect([chosenShipping(development, 'express'), chosenShipping(development, 'pigeon')]).toEqual(['express', 'standard'])
  })

  it('prices a shipping method in the cart’s currency only', () => {
    const [standard, express] = development.shipping.methods
    if (!standard || !express) throw new Error('no shipping methods')
    expect([priceIn(standard, 'GBP'), priceIn(express, 'GBP')]).toEqual([450, undefined])
  })

  it('refuses an answer whose default is not among its methods', () => {
    expect(checkoutOptionsSchema.safeParse({ payment: { default: 'test', methods: [manual] }, shipping }).success).toBe(false)
  })

  it('phrases a missing field from its label', () => {
    expect([missingMessage('Card number'), missingMessage('IBAN')]).toEqual(['Enter the card number', 'Enter the IBAN'])
  })
})

describe('orderRequest', () => {
  it('takes items from the cart (never prices) and details only for a method that declares fields', () => {
    const cart = { lines: [{ product: 3, quantity: 2 }, { product: 4, quantity: 1, variant: 'v1' }] }
    const body = orderRequest(cart, parsed(development, posted))
    expect(body).toEqual({
      email: 'ada@example.test',
      items: [{ product: 3, quantity: 2 }, { product: 4, quantity: 1, variant: 'v1' }],
      payment: { details: { cvc: '123', expiry: '12/40', number: '4242 4242 4242 4242' }, method: 'test' },
      shippingAddress: { city: 'Berlin', country: 'DE', line1: 'Torstraße 1', name: 'Ada Guest', postalCode: '10119' },
      shippingMethod: 'express',
    })
    expect(orderRequest(cart, parsed(development, { ...posted, payment: 'manual' })).payment).toEqual({ method: 'manual' })
  })
})

describe('keptValues, fieldOfPath and the saved state', () => {
  it('keeps the address and choices but nothing typed for a payment method', () => {
    expect(keptValues(Object.entries({ ...posted, phone: '', price: '1' }))).toEqual({
      city: ' Berlin ',
      country: 'de',
      email: 'ada@example.test',
      line1: 'Torstraße 1',
      line2: '',
      name: 'Ada Guest',
      payment: 'test',
      phone: '',
      postalCode: '10119',
      shippingMethod: 'express',
    })
  })

  it('maps CMS issue paths to form fields, a payment detail to the chosen method’s field', () => {
    const [, test] = development.payment.methods
    expect(fieldOfPath('shippingAddress.city')).toBe('city')
    expect(fieldOfPath('payment.method')).toBe('payment')
    expect(fieldOfPath('expiry', test)).toBe('details.test.expiry')
    expect(fieldOfPath('payment.details.number', test)).toBe('details.test.number')
    expect(fieldOfPath('expiry')).toBeUndefined()
    expect(fieldOfPath('items.0.quantity', test)).toBeUndefined()
  })

  it('keeps field messages for known fields only', () => {
    const state = parseCheckoutState({ fields: { 'details.test.cvc': 'Too short', __proto__x: 'no', city: 'Enter your city' }, message: 'Check', values: {} })
    expect(state?.fields).toEqual({ city: 'Enter your city', 'details.test.cvc': 'Too short' })
  })

  it('fingerprints a cart by its contents', () => {
    expect(cartFingerprint({ lines: [{ product: 1, quantity: 2 }] })).not.toBe(cartFingerprint({ lines: [{ product: 1, quantity: 3 }] }))
  })
})
