import { describe, expect, it } from 'vitest'

import { addLine, CartLimitError, emptyCart, itemCount, MAX_LINES, mergeCarts, parseCart, removeLine, updateLine } from './cart'

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

describe('mergeCarts', () => {
  it('keeps the saved lines first, adds the guest’s new items, and takes the larger quantity of an item in both', () => {
    const saved = { lines: [{ product: 1, quantity: 2 }, { product: 2, quantity: 5, variant: 'm' }] }
    const guest = { lines: [{ product: 2, quantity: 1, variant: 'm' }, { product: 1, quantity: 4 }, { product: 3, quantity: 1 }] }
    expect(mergeCarts(saved, guest)).toEqual({
      cart: { lines: [{ product: 1, quantity: 4 }, { product: 2, quantity: 5, variant: 'm' }, { product: 3, quantity: 1 }] },
      dropped: 0,
    })
  })

  it('leaves out and counts guest items that no longer fit', () => {
    const saved = { lines: Array.from({ length: MAX_LINES - 1 }, (_, index) => ({ product: index + 1, quantity: 1 })) }
    const guest = { lines: [{ product: 1000, quantity: 1 }, { product: 1001, quantity: 1 }, { product: 1, quantity: 3 }] }
    const { cart, dropped } = mergeCarts(saved, guest)
    expect(cart.lines).toHaveLength(MAX_LINES)
    expect(cart.lines.at(-1)).toEqual({ product: 1000, quantity: 1 })
    expect(cart.lines[0]).toEqual({ product: 1, quantity: 3 })
    expect(dropped).toBe(1)
  })
})

