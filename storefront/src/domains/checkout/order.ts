import { z } from 'astro/zod'

import { dictionaryOf } from '../i18n/dictionary'
import { LOCALE_TAGS, type Locale } from '../i18n/locale'

/** Payload writes empty optional text fields as `null`. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined)

/** An order as the CMS gives it to its guest; only what the confirmation page shows. */
export const orderSchema = z.object({
  currency: z.string().length(3),
  id: z.number().int().positive(),
  items: z.array(
    z.object({
      /** The line's id: what a return request names. */
      id: z.string().min(1),
      lineTotal: z.number().int(),
      quantity: z.number().int().positive(),
      sku: z.string(),
      title: z.string(),
      unitPrice: z.number().int(),
      variantLabel: optionalText,
    }),
  ),
  createdAt: z.string(),
  orderNumber: z.string().min(1),
  /** `dueAt`: until when a pending order's payment must arrive; after it the order is cancelled. */
  payment: z.object({ dueAt: optionalText, method: optionalText, status: optionalText }).nullish(),
  shippingAddress: z
    .object({
      city: z.string(),
      country: z.string(),
      line1: z.string(),
      line2: optionalText,
      name: z.string(),
      postalCode: z.string(),
      region: optionalText,
    })
    .nullish(),
  shippingMethod: optionalText,
  /** Filled by staff when the parcel leaves. A link that is not http(s) is dropped (the CMS refuses one too). */
  shipment: z
    .object({
      trackingNumber: optionalText,
      trackingUrl: optionalText.transform((value) => (value && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) ? value : undefined)),
    })
    .nullish(),
  shippingTotal: z.number().int(),
  /** The promotions applied: each one's share of the discount, and the shipping a free-shipping one waived. */
  promotions: z
    .array(z.object({ amount: z.number().int(), code: optionalText, shippingDiscount: z.number().int().nullish(), title: z.string() }))
    .nullish()
    .transform((value) => value ?? []),
  status: z.string(),
  /** Every status the order went through; who changed it and their notes stay with the staff. `reason`: why the shop itself did. */
  statusHistory: z
    .array(z.object({ at: z.string(), from: optionalText, reason: optionalText, to: z.string() }))
    .nullish()
    .transform((value) => value ?? []),
  subtotal: z.number().int(),
  /** Figures the CMS computed (docs/pricing.md); an order placed before they existed has none. */
  discountTotal: z.number().int().nullish().transform((value) => value ?? 0),
  pricesIncludeTax: z.boolean().nullish().transform((value) => value ?? false),
  taxLines: z
    .array(z.object({ country: z.string(), name: z.string(), rate: z.number(), region: optionalText, taxAmount: z.number().int() }))
    .nullish()
    .transform((value) => value ?? []),
  taxTotal: z.number().int().nullish().transform((value) => value ?? 0),
  total: z.number().int(),
  /** What went back to the customer so far, and each refund (who made it and the provider's reference stay with the staff). */
  refundedTotal: z.number().int().nullish().transform((value) => value ?? 0),
  refunds: z
    .array(
      z.object({
        amount: z.number().int(),
        at: z.string(),
        lines: z.array(z.object({ item: z.string(), quantity: z.number().int().positive() })).nullish().transform((value) => value ?? []),
        reason: optionalText,
      }),
    )
    .nullish()
    .transform((value) => value ?? []),
  /** The customer's return requests and where each stands (requested, accepted, rejected). */
  returnRequests: z
    .array(
      z.object({
        decisionNote: optionalText,
        id: z.string(),
        lines: z.array(z.object({ item: z.string(), quantity: z.number().int().positive() })).nullish().transform((value) => value ?? []),
        reason: z.string(),
        requestedAt: z.string(),
        status: z.string(),
      }),
    )
    .nullish()
    .transform((value) => value ?? []),
})

export type Order = z.infer<typeof orderSchema>

/**
 * How a tax line reads on a receipt in `locale`: "VAT 19 % (DE)", "USt. 7,5 % (DE), enthalten" (the
 * rate written the locale's way; "included" when the prices contain the tax).
 */
export const taxLineLabel = (line: { country: string; name: string; rate: number; region?: string }, included: boolean, locale: Locale): string =>
  `${line.name} ${line.rate.toLocaleString(LOCALE_TAGS[locale], { maximumFractionDigits: 3 })} % (${line.region ? `${line.region}, ` : ''}${line.country})${
    included ? `, ${dictionaryOf(locale).common.taxIncluded}` : ''
  }`

/** One line of a customer's order history. */
export const orderSummarySchema = z.object({
  createdAt: z.string(),
  currency: z.string().length(3),
  id: z.number().int().positive(),
  items: z.array(z.object({ quantity: z.number().int().positive() })),
  orderNumber: z.string().min(1),
  status: z.string(),
  total: z.number().int(),
})

export type OrderSummary = z.infer<typeof orderSummarySchema>
