import { describe, expect, it } from 'vitest'

import { addLine, CartLimitError, emptyCart, itemCount, MAX_LINES, parseCart, removeLine, updateLine } from './cart'

describe('cart', () => {
  it('falls back to an empty cart for anything that is not a cart', () => {
    expect(parseCart(undefined)).toEqual({ lines: [] })
    expect(parseCart({ lines: [{ product: 1, quantity: 0 }] })).toEqual({ lines: [] })
    expect(parseCart({ lines: [{ price: 1, product: 1, quantity: 2 }] })).toEqual({ lines: [{ product: 1, quantity: 2 }] })
  })

  it('adds to an existing line of the same item, keeps variants apart, caps at 100', () => {
    let cart = addLine(emptyCart(), { product: 1 }, 2)
    cart = addLine(cart, { product: 1 }, 3)
    cart = addLine(cart, { product: 1, variant: 'm' }, 1)
    expect(cart.lines).toEqual([
      { product: 1, quantity: 5 },
      { product: 1, quantity: 1, variant: 'm' },
    ])
    expect(addLine(cart, { product: 1 }, 500).lines[0]?.quantity).toBe(100)
    expect(itemCount(cart)).toBe(6)
  })

  it('updates, removes at 0 and on request, and refuses a 51st line', () => {
    const cart = addLine(addLine(emptyCart(), { product: 1 }, 1), { product: 2 }, 1)
    expect(updateLine(cart, { product: 2 }, 4).lines[1]?.quantity).toBe(4)
    expect(updateLine(cart, { product: 2 }, 0).lines).toHaveLength(1)
    expect(removeLine(cart, { product: 1 }).lines).toEqual([{ product: 2, quantity: 1 }])
    const full = { lines: Array.from({ length: MAX_LINES }, (_, index) => ({ product: index + 1, quantity: 1 })) }
    expect(() => addLine(full, { product: 999 }, 1)).toThrow(CartLimitError)
    expect(addLine(full, { product: 1 }, 1).lines[0]?.quantity).toBe(2)
  })
})
