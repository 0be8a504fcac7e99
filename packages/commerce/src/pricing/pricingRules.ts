import type { PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'
import type { PricingRules } from '../checkout/priceLines'

import { CheckoutError } from '../checkout/errors'
import { catalogueLocales, parseLocaleParam } from '../localization/catalogueLocales'
import { readPricingData } from './readPricingData'

type Destination = {
  country: string
  /** Asked for by the shopper; none: the currency of the lines' base prices. */
  currency?: string
  /** The shopper's locale (a code of the host's localization); none: the default locale. */
  locale?: string
  region?: string
  shippingMethod: string
}

/**
 * The rules an order to `country` is priced by: the shop's currencies and tax settings, the shipping
 * method of the country's zone, the destination's tax rate. A country no zone ships to, a method its
 * zone does not offer and a currency the shop does not sell in are the shopper's 400s. Read just before
 * the order's statement; the catalogue's prices are read inside it (docs/pricing.md#consistency).
 */
export const pricingRulesFor = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, to: Destination): Promise<PricingRules> => {
  const { automaticPromotions, methods, settings, tax } = await readPricingData(req, config, to.country, to.region)
  if (!methods || methods.length === 0) {
    const message = `The shop does not ship to ${to.country}.`
    throw new CheckoutError(message, 400, { issues: [{ message, path: 'shippingAddress.country' }] })
  }
  const method = methods.find((candidate) => candidate.code === to.shippingMethod)
  if (!method) {
    const known = methods.map((candidate) => candidate.code).join(', ')
    const message = `Unknown shipping method "${to.shippingMethod}" for ${to.country}. Choose one of: ${known}.`
    throw new CheckoutError(message, 400, { issues: [{ message, path: 'shippingMethod' }] })
  }
  const locale = parseLocaleParam(catalogueLocales(req.payload), to.locale)
  if (!locale.ok) throw new CheckoutError(locale.message, 400, { issues: [{ message: locale.message, path: 'locale' }] })
  if (to.currency !== undefined && !settings.currencies.includes(to.currency)) {
    const message = `The shop does not sell in ${to.currency}. Choose one of: ${settings.currencies.join(', ')}.`
    throw new CheckoutError(message, 400, { issues: [{ message, path: 'currency' }] })
  }
  return {
    automaticPromotions,
    currency: to.currency ?? null,
    locale: locale.locale,
    method,
    offered: settings.currencies,
    pricesIncludeTax: settings.pricesIncludeTax,
    tax,
    taxShipping: settings.taxShipping,
  }
}
