import { z } from 'astro/zod'

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
  status: z.string(),
  /** Every status the order went through; who changed it and their notes stay with the staff. `reason`: why the shop itself did. */
  statusHistory: z
    .array(z.object({ at: z.string(), from: optionalText, reason: optionalText, to: z.string() }))
    .nullish()
    .transform((value) => value ?? []),
  subtotal: z.number().int(),
  total: z.number().int(),
})

export type Order = z.infer<typeof orderSchema>

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
