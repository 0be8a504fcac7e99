import type { Endpoint } from 'payload'

import { z } from 'zod'

import type { SanitizedCommercePluginConfig } from '../types'

import { catalogueLocales, parseLocaleParam } from '../localization/catalogueLocales'
import { checkoutOptions } from './checkoutOptions'
import { readStoreSettings } from '../pricing/storeSettings'

const querySchema = z.object({
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'country: use a two-letter country code, such as DE.').optional(),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'currency: use a three-letter currency code, such as EUR.').optional(),
})

const badRequest = (message: string): Response => Response.json({ errors: [{ message }] }, { status: 400 })

/**
 * `GET /orders/checkout-options[?country=DE&currency=EUR&locale=de]` → `{ currencies, pricesIncludeTax, shipping,
 * payment }`: the shipping methods of the country's zone (without `country`: the zone covering every
 * other country) with their prices (in `currency`; without it, in every currency the shop sells in),
 * and the payment methods (with the fields each needs) that `POST /orders` accepts, and which of each
 * is the default. Shipping labels are in `locale` (English where a method has none in it); payment
 * methods' words too, where their adapter has them (`translations`), else in English. Public: checkout shows them to anyone. Shared caches may keep them for a minute.
 */
export const checkoutOptionsEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    const parsed = querySchema.safeParse({ country: req.searchParams.get('country') ?? undefined, currency: req.searchParams.get('currency') ?? undefined })
    if (!parsed.success) return badRequest(parsed.error.issues.map((issue) => issue.message).join('; '))
    // The shipping methods' labels in this language, the default one's where staff gave none.
    const locale = parseLocaleParam(catalogueLocales(req.payload), req.searchParams.get('locale'))
    if (!locale.ok) return badRequest(locale.message)
    const { currency } = parsed.data
    if (currency !== undefined) {
      const { currencies } = await readStoreSettings(req, config)
      if (!currencies.includes(currency)) return badRequest(`The shop does not sell in ${currency}. Choose one of: ${currencies.join(', ')}.`)
    }
    return new Response(JSON.stringify(await checkoutOptions(req, config, { ...parsed.data, locale: locale.locale })), {
      headers: { 'Cache-Control': 'public, max-age=60', 'Content-Type': 'application/json' },
    })
  },
  method: 'get',
  path: '/checkout-options',
})
