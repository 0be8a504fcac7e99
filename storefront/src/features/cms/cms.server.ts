import { CMS_PUBLIC_URL, CMS_TIMEOUT_MS, CMS_URL } from 'astro:env/server'

import { createCmsClient } from './cmsClient'

/** The storefront's one connection to the CMS, configured from the environment. */
export const cms = createCmsClient({ baseUrl: CMS_URL, timeoutMs: CMS_TIMEOUT_MS })

/** The origin browsers load relative CMS media URLs from. */
export const cmsMediaOrigin: string = CMS_PUBLIC_URL ?? CMS_URL
