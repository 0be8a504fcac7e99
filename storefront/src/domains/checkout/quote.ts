import { z } from 'astro/zod'

import type { CartLine } from '../cart/cart'

/** `POST /api/v1/orders/quote`: what the CMS would charge for the cart; the page shows it as is. */
export const quoteSchema = z.object({
  currency: z.string().length(3),
  discountTotal: z.number().int().min(0),
  /** Set when the code sent cannot be used: why; the figures are the cart's without it. */
  discountRefusal: z.object({ message: z.string(), reason: z.string() }).optional(),
  pricesIncludeTax: z.boolean(),
  promotions: z.array(z.object({ amount: z.number().int().min(0), code: z.string().nullable(), shippingDiscount: z.number().int().min(0), title: z.string() })).default([]),
  shippingDiscount: z.number().int().min(0).default(0),
  shippingTotal: z.number().int().min(0),
  subtotal: z.number().int().min(0),
  taxLines: z.array(z.object({ country: z.string(), name: z.string(), rate: z.number(), region: z.string().nullish().transform((value) => value ?? undefined), taxAmount: z.number().int() })),
  taxTotal: z.number().int().min(0),
  total: z.number().int().min(0),
})

export type Quote = z.infer<typeof quoteSchema>

/** A quote, or why the shop would refuse the order as it stands (its own words). */
export type QuoteResult = { message: string; quote?: undefined } | { message?: undefined; quote: Quote }

/** Where the cart goes, how, in which currency, and the code the shopper applied. */
export type QuoteTarget = { country: string; currency: string; discountCode?: string; shippingMethod: string }

/** The quote request for the cart's lines, to `country` by `shippingMethod`, in `currency`, with the code. */
export const quoteRequest = (lines: readonly CartLine[], to: QuoteTarget) => ({
  currency: to.currency,
  ...(to.discountCode ? { discountCode: to.discountCode } : {}),
  items: lines.map((line) => ({ product: line.product, quantity: line.quantity, ...(line.variant ? { variant: line.variant } : {}) })),
  shippingAddress: { country: to.country },
  shippingMethod: to.shippingMethod,
})
