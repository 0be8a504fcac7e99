import { describe, expect, it } from 'vitest'

import { paymentActionSchema, stripeCspSources, stripeKeyOf } from './stripe'

describe('Stripe on the storefront', () => {
  it('uses the publishable key of the CMS’s stripe method only, and only a well-formed one', () => {
    expect(stripeKeyOf({ client: { publishableKey: 'pk_test_abc' }, name: 'stripe' })).toBe('pk_test_abc')
    expect(stripeKeyOf({ client: { publishableKey: 'pk_test_abc' }, name: 'test' })).toBeUndefined()
    expect(stripeKeyOf({ client: { publishableKey: 'sk_test_abc' }, name: 'stripe' })).toBeUndefined()
    expect(stripeKeyOf({ name: 'stripe' })).toBeUndefined()
  })

  it('widens the page’s CSP by Stripe’s documented origins, or by a stand-in’s origin alone', () => {
    expect(stripeCspSources('https://js.stripe.com/v3/')).toEqual({
      connect: ['https://api.stripe.com'],
      frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
      script: ['https://js.stripe.com', 'https://*.js.stripe.com'],
    })
    expect(stripeCspSources('http://127.0.0.1:4010/v3/')).toEqual({ connect: ['http://127.0.0.1:4010'], frame: ['http://127.0.0.1:4010'], script: ['http://127.0.0.1:4010'] })
  })

  it('accepts only a PaymentIntent client secret as the action the order page runs', () => {
    const action = { clientSecret: 'pi_123_secret_abc', publishableKey: 'pk_test_abc', type: 'stripe.handleNextAction' }
    expect(paymentActionSchema.safeParse(action).success).toBe(true)
    expect(paymentActionSchema.safeParse({ ...action, clientSecret: '"><script>' }).success).toBe(false)
    expect(paymentActionSchema.safeParse({ ...action, type: 'redirect' }).success).toBe(false)
  })
})
