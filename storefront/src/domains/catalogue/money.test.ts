import { describe, expect, it } from 'vitest'

import { currencyFormat, formatMoney } from './money'

describe('formatMoney', () => {
  it('formats minor units in the currency of the amount', () => {
    expect(formatMoney(1999, 'EUR', 'en-GB')).toBe('€19.99')
    expect(formatMoney(1999, 'GBP', 'en-GB')).toBe('£19.99')
    expect(formatMoney(1999, 'USD', 'en-GB')).toBe('US$19.99')
    expect(formatMoney(123456789, 'EUR', 'en-GB')).toBe('€1,234,567.89')
    expect(formatMoney(0, 'EUR', 'en-GB')).toBe('€0.00')
  })

  it("scales by the currency's own decimals", () => {
    expect(formatMoney(1999, 'JPY', 'en-GB')).toBe('JP¥1,999')
    expect(formatMoney(1999, 'KWD', 'en-GB')).toBe('KWD\u00a01.999')
  })

  it('follows the locale', () => {
    expect(formatMoney(1999, 'EUR', 'de-DE')).toBe('19,99\u00a0€')
    expect(formatMoney(1999, 'USD', 'en-US')).toBe('$19.99')
  })

  it('refuses amounts that are not integer minor units', () => {
    expect(() => formatMoney(19.99, 'EUR', 'en-GB')).toThrow(RangeError)
    expect(() => formatMoney(Number.NaN, 'EUR', 'en-GB')).toThrow(RangeError)
  })

  it('refuses a malformed currency code', () => {
    expect(() => formatMoney(100, 'EURO', 'en-GB')).toThrow(RangeError)
  })
})

describe('currencyFormat', () => {
  it('creates one formatter per locale and currency and reuses it', () => {
    expect(currencyFormat('EUR', 'en-GB')).toBe(currencyFormat('EUR', 'en-GB'))
    expect(currencyFormat('EUR', 'en-GB')).not.toBe(currencyFormat('EUR', 'de-DE'))
    expect(currencyFormat('EUR', 'en-GB')).not.toBe(currencyFormat('GBP', 'en-GB'))
  })
})
