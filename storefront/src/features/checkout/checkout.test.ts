import { describe, expect, it } from 'vitest'

import { cartFingerprint, checkoutInput, fieldOfPath, keptValues, orderRequest } from './checkout'

const posted = {
  cardCvc: '123',
  cardExpiry: '12 / 40',
  cardNumber: '4242 4242 4242 4242',
  city: ' Berlin ',
  country: 'de',
  email: 'ada@example.test',
  line1: 'Torstraße 1',
  line2: '',
  name: 'Ada Guest',
  payment: 'test',
  phone: null,
  postalCode: '10119',
  shippingMethod: 'express',
}

describe('checkoutInput', () => {
  it('trims, upper-cases the country and treats empty optional fields as absent', () => {
    const form = checkoutInput.parse(posted)
    expect(form).toMatchObject({ city: 'Berlin', country: 'DE', line2: undefined, phone: undefined })
  })

  it('names each missing or malformed field', () => {
    const result = checkoutInput.safeParse({ ...posted, cardCvc: '12', city: '', email: 'nope', payment: 'test' })
    expect(result.success).toBe(false)
    const fields = Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))
    expect(fields).toMatchObject({ cardCvc: 'Enter the 3 or 4 digit security code', city: 'Enter your city', email: expect.stringMatching(/valid email/) })
  })

  it('reads the attempt the form was rendered for, and ignores a missing or forged one', () => {
    expect(checkoutInput.parse({ ...posted, attempt: '3' }).attempt).toBe(3)
    for (const attempt of [null, '', '-1', '1e3', 'x', '9999999999']) expect(checkoutInput.parse({ ...posted, attempt }).attempt).toBeUndefined()
  })

  it('needs no card for a bank transfer', () => {
    expect(checkoutInput.safeParse({ ...posted, cardCvc: '', cardExpiry: '', cardNumber: '', payment: 'manual' }).success).toBe(true)
  })
})

describe('orderRequest', () => {
  it('takes items from the cart (never prices) and the card only for the test adapter', () => {
    const cart = { lines: [{ product: 3, quantity: 2 }, { product: 4, quantity: 1, variant: 'v1' }] }
    const body = orderRequest(cart, checkoutInput.parse(posted))
    expect(body).toEqual({
      email: 'ada@example.test',
      items: [{ product: 3, quantity: 2 }, { product: 4, quantity: 1, variant: 'v1' }],
      payment: { details: { cvc: '123', expiry: '12/40', number: '4242 4242 4242 4242' }, method: 'test' },
      shippingAddress: { city: 'Berlin', country: 'DE', line1: 'Torstraße 1', name: 'Ada Guest', postalCode: '10119' },
      shippingMethod: 'express',
    })
    expect(orderRequest(cart, checkoutInput.parse({ ...posted, payment: 'manual' })).payment).toEqual({ method: 'manual' })
  })
})

describe('keptValues and fieldOfPath', () => {
  it('keeps known fields but never the card number or security code', () => {
    expect(keptValues(Object.entries({ ...posted, price: '1', phone: '' }))).toEqual({
      cardExpiry: '12 / 40',
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

  it('maps CMS issue paths to form fields', () => {
    expect(fieldOfPath('shippingAddress.city')).toBe('city')
    expect(fieldOfPath('expiry')).toBe('cardExpiry')
    expect(fieldOfPath('items.0.quantity')).toBeUndefined()
  })

  it('fingerprints a cart by its contents', () => {
    expect(cartFingerprint({ lines: [{ product: 1, quantity: 2 }] })).not.toBe(cartFingerprint({ lines: [{ product: 1, quantity: 3 }] }))
  })
})
