import type { AstroGlobal } from 'astro'

import { cms } from '../../platform/cms/cms.server'
import { CmsError } from '../../platform/cms/cmsError'
import { markUnavailable } from '../../platform/http/pageStatus'
import { type CheckoutOptions, checkoutOptionsSchema } from './checkoutOptions'

/**
 * How long this process reuses the CMS's answer: as long as the CMS lets shared caches keep it
 * (`Cache-Control: public, max-age=60`). The options change only when the CMS is redeployed, and a
 * refusal that says the storefront's copy is out of date drops it at once (`forgetCheckoutOptions`).
 */
const KEEP_MS = 60_000

let kept: { expiresAt: number; options: CheckoutOptions } | undefined
/** One request at a time: a burst of checkouts after the copy expired asks the CMS once. */
let pending: Promise<CheckoutOptions> | undefined

/**
 * The shipping and payment methods the CMS accepts, defaults first, kept for a minute. Memory per
 * process, not Redis: it is the same small public document for every visitor, and each instance asking
 * once a minute costs nothing. Throws `CmsError` when the CMS cannot answer (nothing stale is served).
 */
export const readCheckoutOptions = async (): Promise<CheckoutOptions> => {
  if (kept && kept.expiresAt > Date.now()) return kept.options
  pending ??= cms
    .get('/orders/checkout-options', checkoutOptionsSchema)
    .then((options) => {
      kept = { expiresAt: Date.now() + KEEP_MS, options }
      return options
    })
    .finally(() => {
      pending = undefined
    })
  return pending
}

/** Drops the kept copy: the CMS refused a method this storefront offered, so the next page asks again. */
export const forgetCheckoutOptions = (): void => {
  kept = undefined
}

/** The options for a page; when the CMS cannot answer, the page is marked 503 and this returns undefined. */
export const loadCheckoutOptions = async (astro: Pick<AstroGlobal, 'cache' | 'response'>): Promise<CheckoutOptions | undefined> => {
  try {
    return await readCheckoutOptions()
  } catch (error) {
    if (!(error instanceof CmsError)) throw error
    markUnavailable(astro, error)
    return undefined
  }
}
