import { describe, expect, it } from 'vitest'

import { checkCart, MAX_CART_LINES } from './cart'

const line = (product: number, quantity = 1, variant?: string) => ({ product, quantity, ...(variant ? { variant } : {}) })

describe('checkCart', () => {
  it('accepts an empty cart, lines with and without a variant, and null (no saved cart)', () => {
    expect(checkCart({ lines: [] })).toBe(true)
    expect(checkCart({ lines: [line(1, 2), line(1, 100, 'var-1'), line(7, 1, 'x'.repeat(100))] })).toBe(true)
    expect(checkCart({ lines: Array.from({ length: MAX_CART_LINES }, (_, index) => line(index + 1)) })).toBe(true)
    expect(checkCart(null)).toBe(true)
  })

  it('names the line and field of each problem', () => {
    expect(checkCart({ lines: [line(1, 0)] })).toBe('Invalid cart: lines.0.quantity: quantity must be at least 1')
    expect(checkCart({ lines: [line(1), line(2, 101)] })).toBe('Invalid cart: lines.1.quantity: quantity must be at most 100')
    expect(checkCart({ lines: [line(1, 1.5)] })).toBe('Invalid cart: lines.0.quantity: quantity must be a whole number')
    expect(checkCart({ lines: [{ product: '1', quantity: 1 }] })).toBe('Invalid cart: lines.0.product: product must be a product id (a number)')
    expect(checkCart({ lines: [line(0)] })).toBe('Invalid cart: lines.0.product: product must be a positive id')
    expect(checkCart({ lines: [{ product: 1, quantity: 1, variant: '' }] })).toBe('Invalid cart: lines.0.variant: variant must not be empty')
    expect(checkCart({ lines: [line(1, 1, 'x'.repeat(101))] })).toBe('Invalid cart: lines.0.variant: variant must be at most 100 characters')
  })

  it('refuses more than 50 lines, other shapes and unknown keys such as prices', () => {
    expect(checkCart({ lines: Array.from({ length: MAX_CART_LINES + 1 }, (_, index) => line(index + 1)) })).toBe(
      'Invalid cart: lines: a cart holds at most 50 lines',
    )
    expect(checkCart({})).toBe('Invalid cart: lines: lines must be an array')
    expect(checkCart('cart')).toBe('Invalid cart: the cart must be an object { lines: [...] }')
    expect(checkCart({ lines: [{ ...line(1), price: 0 }] })).toBe('Invalid cart: lines.0: Unrecognized key: "price"')
  })

  it('lists at most five problems', () => {
    const result = checkCart({ lines: Array.from({ length: 8 }, (_, index) => line(index + 1, 0)) })
    expect(result).toMatch(/^Invalid cart: (lines\.\d\.quantity: quantity must be at least 1; ){4}lines\.4\.quantity: quantity must be at least 1 \(and 3 more\)$/)
  })
})
