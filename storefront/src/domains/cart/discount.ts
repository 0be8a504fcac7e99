import { z } from 'astro/zod'

import { formError } from '../account/formMessages'

/** What the shopper may type as a code; the CMS decides whether it is one. Its messages are `formErrors` keys. */
export const discountCodeInput = z.string().trim().min(1, formError('discountCodeMissing')).max(40, formError('discountCodeTooLong'))

/** The CMS's answer to `POST /promotions/apply`: the saving, computed by the CMS. */
export const discountQuoteSchema = z.object({
  currency: z.string().length(3),
  discountTotal: z.number().int().min(0),
  freeShipping: z.boolean(),
  promotions: z.array(z.object({ amount: z.number().int().min(0), code: z.string().nullable(), shippingDiscount: z.number().int().min(0), title: z.string() })),
  saving: z.number().int().min(0),
  shippingDiscount: z.number().int().min(0),
  subtotal: z.number().int().min(0),
})
export type DiscountQuote = z.infer<typeof discountQuoteSchema>

/** A refused code: the CMS's message says why, and `quote` is the cart without it. */
export const refusedCodeSchema = z.object({
  errors: z.array(z.object({ data: z.object({ quote: discountQuoteSchema, reason: z.string() }), message: z.string() })).min(1),
})

/** The code, the automatic promotions and the saving, as the cart shows them. */
export type CartDiscount =
  | { code: string | undefined; kind: 'applied'; quote: DiscountQuote }
  /** The stored code no longer applies (the cart changed, it expired…): `message` says why, `reason` names it (`REFUSAL_REASONS`). */
  | { code: string; kind: 'refused'; message: string; quote: DiscountQuote; reason: string }

/** The promotions part of a `POST /orders/quote` answer (checkout asks the quote alone). */
type QuotedPromotions = Pick<DiscountQuote, 'currency' | 'discountTotal' | 'promotions' | 'shippingDiscount' | 'subtotal'> & {
  discountRefusal?: { message: string; reason: string }
}

/**
 * The discount as checkout's quote priced it: the same saving, promotions and refusal the cart shows
 * from `POST /promotions/apply`, taken from the figures checkout then charges.
 */
export const discountOfQuote = (code: string | undefined, quote: QuotedPromotions): CartDiscount => {
  const { currency, discountRefusal, discountTotal, promotions, shippingDiscount, subtotal } = quote
  const figures = { currency, discountTotal, freeShipping: shippingDiscount > 0, promotions, saving: discountTotal + shippingDiscount, shippingDiscount, subtotal }
  if (discountRefusal && code) return { code, kind: 'refused', message: discountRefusal.message, quote: figures, reason: discountRefusal.reason }
  return { code, kind: 'applied', quote: figures }
}
