import { RATE_LIMIT_ACCOUNT, RATE_LIMIT_CHECKOUT, RATE_LIMIT_WRITES } from 'astro:env/server'

import { createRateLimits, parseRateLimit, type RateVerdict } from './platform/http/rateLimits.server'
import { dictionaryOf } from './domains/i18n/dictionary'
import type { Locale } from './domains/i18n/locale'

/**
 * The shop's rate limits, per shopper address (docs/security.md, "Storefront rate limits"):
 * - `account`: sign-in, sign-up and both password forms together (guessing and spraying passwords,
 *   flooding inboxes);
 * - `checkout`: placing orders;
 * - `writes`: every other form, action or POST (the cart).
 */
const limits = createRateLimits({
  account: parseRateLimit('RATE_LIMIT_ACCOUNT', RATE_LIMIT_ACCOUNT),
  checkout: parseRateLimit('RATE_LIMIT_CHECKOUT', RATE_LIMIT_CHECKOUT),
  writes: parseRateLimit('RATE_LIMIT_WRITES', RATE_LIMIT_WRITES),
})

const ACCOUNT_ACTIONS = new Set(['account.forgot', 'account.login', 'account.register', 'account.reset'])

/** POSTs that are not the shopper's: the CMS's signed webhooks. */
const UNLIMITED_PATHS = new Set(['/api/webhooks/cms'])

/** Methods that change nothing, never limited. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Whether a request counts against a limit at all. */
export const isLimited = (method: string, pathname: string): boolean => !READS.has(method) && !UNLIMITED_PATHS.has(pathname)

/** Counts a request of `client` (running `action`, if any) against its bucket. */
export const throttle = (client: string, action: string | undefined): Promise<RateVerdict> => {
  const bucket = action === undefined ? 'writes' : ACCOUNT_ACTIONS.has(action) ? 'account' : action === 'checkout.place' ? 'checkout' : 'writes'
  return limits.consume(bucket, client)
}

/** What the shopper reads on the form, in the page's language: how long to wait, in words. */
export const tooManyMessage = (locale: Locale, retryAfterSeconds: number): string => {
  const words = dictionaryOf(locale).accountMessages
  return words.tooManyAttempts(words.wait(retryAfterSeconds))
}
