import { formatMoney } from '../catalogue/money'
import { type Locale, LOCALE_TAGS } from './locale'

/**
 * Prices, numbers and dates as shoppers of `locale` write them (`de-DE`: 1.234,56 €, 7.12.2026; `en-GB`:
 * €1,234.56, 7 Dec 2026), through Intl. Money stays an integer in minor units until shown.
 */
export const formatsOf = (locale: Locale) => {
  const tag = LOCALE_TAGS[locale]
  return {
    date: (value: Date | string, style: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string => new Intl.DateTimeFormat(tag, style).format(new Date(value)),
    money: (amountMinor: number, currency: string): string => formatMoney(amountMinor, currency, tag),
    number: (value: number): string => new Intl.NumberFormat(tag).format(value),
    tag,
  }
}
