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
  orderNumber: z.string().min(1),
  payment: z.object({ method: optionalText, status: optionalText }).nullish(),
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
  shippingTotal: z.number().int(),
  status: z.string(),
  subtotal: z.number().int(),
  total: z.number().int(),
})

export type Order = z.infer<typeof orderSchema>
