import { CMS_PUBLIC_URL, CMS_TIMEOUT_MS, CMS_URL } from 'astro:env/server'

import { currentRequest } from '../observability/requestContext.server'
import { cmsDuration, cmsRequests } from '../observability/storefrontMetrics'
import { createCmsClient } from './cmsClient'

/**
 * In development, Next compiles each CMS route on its first request, which takes longer than a
 * production timeout allows; the demo's first page should wait for it rather than show a 503.
 */
const DEV_MIN_TIMEOUT_MS = 30_000

/** The storefront's one connection to the CMS, configured from the environment. */
export const cms = createCmsClient({
  baseUrl: CMS_URL,
  // The CMS logs the same id, so one shopper's request can be followed across both apps.
  observe: ({ durationMs, method, outcome }) => {
    cmsRequests.inc({ method, outcome })
    cmsDuration.observe({ method }, durationMs / 1000)
  },
  // The shopper's address goes along (the CMS trusts the storefront through its own TRUSTED_PROXIES), so
  // the CMS's rate limits on sign-in, sign-up, passwords and orders count each shopper, not the shop.
  requestHeaders: (): Record<string, string> => {
    const request = currentRequest()
    if (!request) return {}
    return { 'x-request-id': request.requestId, ...(request.clientAddress ? { 'x-forwarded-for': request.clientAddress } : {}) }
  },
  // A page in German reads the catalogue in German (`?locale=de`, English where a text is untranslated).
  readParams: (): Record<string, string> => {
    const locale = currentRequest()?.locale
    return locale ? { locale } : {}
  },
  timeoutMs: import.meta.env.DEV ? Math.max(CMS_TIMEOUT_MS, DEV_MIN_TIMEOUT_MS) : CMS_TIMEOUT_MS,
})

/** The origin browsers load relative CMS media URLs from. */
export const cmsMediaOrigin: string = CMS_PUBLIC_URL ?? CMS_URL
