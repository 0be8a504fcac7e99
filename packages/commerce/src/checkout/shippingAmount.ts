import type { ShippingMethod } from '../types'

/**
 * What `method` costs on an order in `currency`, in minor units. The plugin's config check makes every
 * method carry a price in every shop currency, so a missing one is a bug, not the shopper's mistake.
 */
export const shippingAmount = (method: ShippingMethod, currency: string): number => {
  const amount = method.prices[currency]
  if (amount === undefined) throw new Error(`Shipping method "${method.id}" has no price in ${currency}`)
  return amount
}
