import { describe, expect, it } from 'vitest'

import { sanitizeConfig } from './sanitizeConfig'

describe('sanitizeConfig shipping methods', () => {
  it('prices the default methods in every shop currency', () => {
    const { shippingMethods } = sanitizeConfig({ currencies: ['EUR', 'GBP'] })
    expect(shippingMethods.map(({ id, prices }) => ({ id, prices }))).toEqual([
      { id: 'standard', prices: { EUR: 490, GBP: 490 } },
      { id: 'express', prices: { EUR: 990, GBP: 990 } },
    ])
  })

  it('refuses a method without a whole price in one of the shop currencies, or two methods with one id', () => {
    const method = { id: 'post', label: 'Post', prices: { EUR: 300 } }
    expect(() => sanitizeConfig({ currencies: ['EUR', 'GBP'], shippingMethods: [method] })).toThrow('shipping method "post" needs a whole, non-negative price in GBP')
    expect(() => sanitizeConfig({ shippingMethods: [{ ...method, prices: { EUR: 2.5 } }] })).toThrow('in EUR')
    expect(() => sanitizeConfig({ shippingMethods: [method, method] })).toThrow('two shipping methods have the id "post"')
    expect(() => sanitizeConfig({ shippingMethods: [] })).toThrow('at least one method')
  })
})
