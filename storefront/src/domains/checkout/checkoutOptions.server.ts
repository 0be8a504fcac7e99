import type { AstroGlobal } from 'astro'

import { cms } from '../../platform/cms/cms.server'
import { CmsError } from '../../platform/cms/cmsError'
import { markUnavailable } from '../../platform/http/pageStatus'
import { currentRequest } from '../../platform/observability/requestContext.server'
import { DEFAULT_LOCALE, isLocale } from '../i18n/locale'
import { type CheckoutOptions, checkoutOptionsSchema } from './checkoutOptions'

/**
 * How long this process reuses the CMS's answer: as long as the CMS lets shared caches keep it
 * (`Cache-Control: public, max-age=60`). The options change only when the CMS is redeployed, and a
 * refusal that says the storefront's copy is out of date drops it at once (`forgetCheckoutOptions`).
 */
const KEEP_MS = 60_000

/** The copies kept, one per language and destination country asked about (at most the countries checkout lists, plus none). */
const kept = new Map<string, { expiresAt: number; options: CheckoutOptions }>()
/** One request at a time per country: a burst of checkouts after the copy expired asks the CMS once. */
const pending = new Map<string, Promise<CheckoutOptions>>()

/**
 * The shipping methods of `country`'s zone (none: the zone covering every other country) and the
 * payment methods the CMS accepts, defaults first, kept for a minute. Memory per process, not Redis: it
 * is a small public document per country, the same for every visitor, and each instance asking once a
 * minute costs nothing. `country` must be one the checkout form offers (`COUNTRIES`), which bounds the
 * copies. The labels are in the page's language (the request's locale): the CMS words shipping methods as
 * staff did and payment methods as their adapters do, in English where they have no other words.
 * Throws `CmsError` when the CMS cannot answer (nothing stale is served).
 */
export const readCheckoutOptions = async (country?: string): Promise<CheckoutOptions> => {
  const asked = currentRequest()?.locale
  const locale = asked && isLocale(asked) ? asked : DEFAULT_LOCALE
  const key = `${locale}:${country ?? ''}`
  const copy = kept.get(key)
  if (copy && copy.expiresAt > Date.now()) return copy.options
  const asking =
    pending.get(key) ??
    cms
      .get('/orders/checkout-options', checkoutOptionsSchema, new URLSearchParams({ ...(country ? { country } : {}), locale }))
      .then((options) => {
        kept.set(key, { expiresAt: Date.now() + KEEP_MS, options })
        return options
      })
      .finally(() => {
        pending.delete(key)
      })
  pending.set(key, asking)
  return asking
}

/** Drops the kept copies: the CMS refused a method this storefront offered, so the next page asks again. */
export const forgetCheckoutOptions = (): void => {
  kept.clear()
}

/** The options for a page; when the CMS cannot answer, the page is marked 503 and this returns undefined. */
export const loadCheckoutOptions = async (astro: Pick<AstroGlobal, 'cache' | 'response'>, country?: string): Promise<CheckoutOptions | undefined> => {
  try {
    return await readCheckoutOptions(country)
  } catch (error) {
    if (!(error instanceof CmsError)) throw error
    markUnavailable(astro, error)
    return undefined
  }
}
