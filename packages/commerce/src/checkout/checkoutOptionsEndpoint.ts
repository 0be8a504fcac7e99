import type { Endpoint } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { checkoutOptions } from './checkoutOptions'

/**
 * `GET /orders/checkout-options` → `{ shipping, payment }`: the shipping methods (with a price per
 * currency) and payment methods (with the fields each needs) that `POST /orders` accepts in this
 * environment, and which of each is the default. Public: checkout shows them to anyone. They change
 * only with the CMS's configuration, so shared caches may keep them for a minute.
 */
export const checkoutOptionsEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => {
  // Built once: the config does not change while the process runs.
  const body = JSON.stringify(checkoutOptions(config))
  return {
    handler: () =>
      new Response(body, {
        headers: { 'Cache-Control': 'public, max-age=60', 'Content-Type': 'application/json' },
      }),
    method: 'get',
    path: '/checkout-options',
  }
}
