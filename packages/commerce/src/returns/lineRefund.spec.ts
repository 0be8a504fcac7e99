import { describe, expect, it } from 'vitest'

import { linePaid, lineRefund } from './lineRefund'

describe('lineRefund', () => {
  // 3 × 10.00, 1.00 off, 19 % tax on 29.00 = 5.51: the shopper paid 34.51 for the line.
  const line = { discountAmount: 100, lineTotal: 3000, quantity: 3, taxAmount: 551, unitPrice: 1000 }

  it('gives back what was paid for the line: its total after its discount, plus its tax when prices exclude it', () => {
    expect(linePaid({ pricesIncludeTax: false }, line)).toBe(3451)
    expect(linePaid({ pricesIncludeTax: true }, { ...line, taxAmount: 463 })).toBe(2900)
    expect(linePaid({}, { quantity: 2, unitPrice: 500 })).toBe(1000)
  })

  it('splits a line in proportion, rounded down on the units refunded so far, so the parts add up to exactly what was paid', () => {
    const order = { pricesIncludeTax: false }
    const parts = [lineRefund(order, line, 0, 1), lineRefund(order, line, 1, 1), lineRefund(order, line, 2, 1)]
    // 34.51 / 3 = 11.503…: 11.50, then 23.00 − 11.50, then the last unit takes the cent left.
    expect(parts).toEqual([1150, 1150, 1151])
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(3451)
    expect(lineRefund(order, line, 0, 3)).toBe(3451)
    expect(lineRefund(order, line, 1, 2)).toBe(2301)
  })
})
