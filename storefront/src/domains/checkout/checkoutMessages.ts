import { cmsWaitText } from '../account/formMessages'
import { dictionaryOf } from '../i18n/dictionary'
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale'

/**
 * Checkout's and the discount code's messages in the shopper's language (docs/languages.md). The CMS
 * answers in English; its refusals are recognised by what its answer carries (a code's `reason`, the
 * stock `shortages`, the status) or by their wording (its rate limits), as the account forms' are
 * (`account/formMessages.ts`). English keeps the CMS's words; in another language, a refusal the
 * storefront does not know is a generic message, never English text on a German page.
 */

/** Why the CMS refused a discount code (`reason`, one of the plugin's `REFUSAL_REASONS`), in `locale`. */
export const codeRefusalText = (locale: Locale, refusal: { message: string; reason?: string | undefined }): string => {
  if (locale === DEFAULT_LOCALE) return refusal.message
  const words = dictionaryOf(locale)
  const known = refusal.reason === undefined ? undefined : words.codeRefusals[refusal.reason]
  return known ?? words.codeRefusals.unknown ?? words.checkoutMessages.generic
}

/** A line the CMS could not take for lack of stock (`POST /orders`' 409 `data.shortages`). */
export type Shortage = { available: number; requested: number; sku: string; title: string }

/** A CMS refusal of an order or a code request, as the storefront read it. */
export type CmsRefusal = { message: string; reason?: string | undefined; shortages?: readonly Shortage[] | undefined; status: number }

/** The CMS's rate limits on orders and codes (`rateLimitGuard.ts`): "<what> Try again in 5 minutes." */
const rateLimitText = (locale: Locale, message: string): string | undefined => {
  const words = dictionaryOf(locale).checkoutMessages
  const wait = cmsWaitText(locale, message)
  if (wait === undefined) return undefined
  if (/^Too many orders/.test(message)) return words.tooManyOrders(wait)
  if (/^Too many discount codes/.test(message)) return words.tooManyCodes(wait)
  return undefined
}

/**
 * The message for an order the CMS refused without naming a field: 402 a declined payment, 409 too
 * little stock (each short line with what is left), 429 a rate limit; anything else is shown as the CMS
 * wrote it in English and as a generic message in another language.
 */
export const orderRefusalText = (locale: Locale, refusal: CmsRefusal): string => {
  const words = dictionaryOf(locale).checkoutMessages
  const english = locale === DEFAULT_LOCALE
  if (refusal.status === 402) return words.declined(english ? refusal.message : words.paymentDeclined)
  if (refusal.status === 409) {
    if (english) return words.reviewCart(refusal.message)
    const lines = refusal.shortages?.map((line) => words.shortage(line.title, line.sku, line.available, line.requested)) ?? []
    return lines.length > 0 ? words.notEnoughStock(lines.join('; ')) : words.generic
  }
  if (refusal.status === 429) return rateLimitRefusalText(locale, refusal.message)
  return english ? refusal.message : words.generic
}

/** The CMS's rate limit on orders or codes (its 429 message), in `locale`; see `orderRefusalText`. */
export const rateLimitRefusalText = (locale: Locale, message: string): string =>
  locale === DEFAULT_LOCALE ? message : (rateLimitText(locale, message) ?? dictionaryOf(locale).checkoutMessages.generic)

/** A quote's refusal ("no shipping there", "not sold in EUR"), in `locale`; see `orderRefusalText`. */
export const quoteRefusalText = (locale: Locale, message: string): string => (locale === DEFAULT_LOCALE ? message : dictionaryOf(locale).checkoutMessages.generic)
