import { z } from 'zod'

/** Most units of one line a single order may take; larger quantities are a wholesale enquiry. */
export const MAX_QUANTITY = 100
export const MAX_LINES = 50

const text = (max: number) => z.string().trim().min(1).max(max)

export const address = z.object({
  city: text(100),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Use a two-letter country code, such as DE.'),
  line1: text(200),
  line2: z.string().trim().max(200).optional(),
  name: text(200),
  phone: z.string().trim().max(40).optional(),
  postalCode: text(20),
  region: z.string().trim().max(100).optional(),
})

const line = z.object({
  product: z.number().int().positive(),
  quantity: z
    .number({ error: 'quantity must be a number' })
    .int('quantity must be a whole number')
    .min(1, 'quantity must be at least 1')
    .max(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`),
  variant: z.string().min(1).max(64).optional(),
})

/**
 * What a shopper sends to place an order: what they want, where it goes, how to pay. Prices, totals
 * and currency are not part of it — the server computes them; any such keys are dropped, never stored.
 */
export const orderInputSchema = z.object({
  /** The currency to buy in (ISO 4217); without it, the one the lines' base prices share. */
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code, such as EUR.')
    .optional(),
  /** A promotion code (docs/promotions.md); matched without regard to case. */
  discountCode: z
    .string()
    .trim()
    .min(1, 'discountCode must not be empty')
    .max(40, 'discountCode is at most 40 characters')
    .optional(),
  email: z.email().max(254).optional(),
  /** The shopper's language (a locale code such as `de`): stored on the order, line titles in it. */
  locale: z.string().trim().min(1).max(10, 'locale is at most 10 characters').optional(),
  items: z.array(line).min(1, 'the order has no items').max(MAX_LINES, `an order holds at most ${MAX_LINES} lines`),
  payment: z.object({
    details: z.unknown().optional(),
    method: text(40),
  }),
  shippingAddress: address,
  shippingMethod: text(40),
})

export type OrderInput = z.infer<typeof orderInputSchema>

/** What `POST /orders/quote` prices: the lines, the currency, where they go and how. */
export const quoteInputSchema = orderInputSchema
  .pick({ currency: true, discountCode: true, email: true, items: true, locale: true, shippingMethod: true })
  .extend({ shippingAddress: address.pick({ country: true, region: true }) })

export type QuoteInput = z.infer<typeof quoteInputSchema>
