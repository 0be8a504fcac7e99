import { type Dictionary, dictionaryOf } from '../i18n/dictionary'
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale'

/**
 * The account forms' messages in the shopper's language (docs/languages.md). The forms' schemas name
 * their messages by key (`formErrors` in the dictionary); the CMS answers in English, so its known
 * refusals are recognised by their wording and shown as the storefront's own message. What the
 * storefront does not know is shown as the CMS wrote it in English, and as a generic message in
 * any other language, never as English text on a German page.
 */
export type FormErrorKey = keyof Dictionary['formErrors']

/** A schema's message: the key of its text in `formErrors` (checked at compile time). */
export const formError = (key: FormErrorKey): FormErrorKey => key

const isFormErrorKey = (value: string): value is FormErrorKey => Object.hasOwn(dictionaryOf(DEFAULT_LOCALE).formErrors, value)

/** A field's message from an input check in `locale`: its key's text, else "check this field". */
export const fieldErrorText = (locale: Locale, message: string): string => {
  const words = dictionaryOf(locale).formErrors
  return isFormErrorKey(message) ? words[message] : words.invalid
}

/** The CMS's field refusals it is known to give an account form (`passwordPolicy.ts`, Payload's unique email). */
const CMS_FIELD_ERRORS: ReadonlyArray<[RegExp, FormErrorKey]> = [
  [/already registered/i, 'emailTaken'],
  [/^Use at least \d+ characters/, 'passwordTooShort'],
  [/^Use at most \d+ characters/, 'passwordTooLong'],
  [/^(This password is too easy to guess|The password must not)/, 'passwordTooEasy'],
]

/**
 * A field message the CMS gave, in `locale`. Payload's duplicate-email wording names its database, so
 * it becomes the shop's own in every language; otherwise English keeps the CMS's words.
 */
export const cmsFieldText = (locale: Locale, message: string): string => {
  const key = CMS_FIELD_ERRORS.find(([pattern]) => pattern.test(message))?.[1]
  const words = dictionaryOf(locale).formErrors
  if (key === 'emailTaken') return words.emailTaken
  if (locale === DEFAULT_LOCALE) return message
  return key ? words[key] : words.invalid
}

/** Every field message the CMS gave, in `locale`. */
export const cmsFieldTexts = (locale: Locale, fields: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, cmsFieldText(locale, message)]))

type AccountMessages = Dictionary['accountMessages']

/** The CMS's rate limits (`rateLimitGuard.ts`): "<what> Try again in 5 minutes." */
const TRY_AGAIN = /Try again in (\d+) (second|minute)s?\./

/** The CMS's known refusals of account forms and return requests, and the message each is shown as (`wait`: a rate limit's, in words). */
const CMS_MESSAGES: ReadonlyArray<[RegExp, (words: AccountMessages, wait: string | undefined) => string]> = [
  [/^Too many (sign-in attempts|failed sign-ins)/, (words, wait) => (wait ? words.tooManySignIns(wait) : words.generic)],
  [/^Too many password reset requests/, (words, wait) => (wait ? words.tooManyResets(wait) : words.generic)],
  [/^Too many new accounts/, (words, wait) => (wait ? words.tooManySignUps(wait) : words.generic)],
  [/^Only a delivered order can be returned/, (words) => words.returnNotDelivered],
  [/^(Nothing of .+ is left to refund or return|Only \d+ of .+ can still be refunded or returned)/, (words) => words.returnTooMany],
  [/^Only the order’s customer can ask to return it/, (words) => words.returnNotYours],
  [/order changed meanwhile/, (words) => words.orderChanged],
]

/** How long a CMS rate limit's message ("… Try again in 5 minutes.") says to wait, in words of `locale`. */
export const cmsWaitText = (locale: Locale, message: string): string | undefined => {
  const wait = TRY_AGAIN.exec(message)
  return wait ? dictionaryOf(locale).accountMessages.wait(Number(wait[1]) * (wait[2] === 'minute' ? 60 : 1)) : undefined
}

/** A message the CMS gave (a refusal, a rate limit), in `locale`: English keeps the CMS's words. */
export const cmsMessageText = (locale: Locale, message: string): string => {
  if (locale === DEFAULT_LOCALE) return message
  const words = dictionaryOf(locale).accountMessages
  const text = CMS_MESSAGES.find(([pattern]) => pattern.test(message))?.[1]
  return text ? text(words, cmsWaitText(locale, message)) : words.generic
}
