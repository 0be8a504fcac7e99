import type { JSONField } from 'payload'

import { z } from 'zod'

/** Most lines a saved cart holds; the storefront's session cart has the same limit. */
export const MAX_CART_LINES = 50
/** Most units of one line; the storefront's and the order API's limit. */
export const MAX_CART_QUANTITY = 100

/**
 * A signed-in customer's cart as the storefront keeps it (`storefront/src/domains/cart/cart.ts`):
 * what and how many, never a price — prices come from the catalogue when the cart is shown or
 * ordered. Unknown keys are refused rather than stored, so nothing but this shape reaches the row.
 */
export const cartSchema = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        product: z.number({ error: 'product must be a product id (a number)' }).int('product must be a whole number').positive('product must be a positive id'),
        quantity: z
          .number({ error: 'quantity must be a number' })
          .int('quantity must be a whole number')
          .min(1, 'quantity must be at least 1')
          .max(MAX_CART_QUANTITY, `quantity must be at most ${MAX_CART_QUANTITY}`),
        variant: z
          .string({ error: 'variant must be a string' })
          .min(1, 'variant must not be empty')
          .max(100, 'variant must be at most 100 characters')
          .optional(),
      }),
      { error: 'lines must be an array' },
    )
    .max(MAX_CART_LINES, `a cart holds at most ${MAX_CART_LINES} lines`),
}, { error: 'the cart must be an object { lines: [...] }' })

export type Cart = z.infer<typeof cartSchema>

/** What a user without a saved cart reads. */
export const emptyCart = (): Cart => ({ lines: [] })

/** How many problems one error message lists; a 10,000-line body should not echo 10,000 of them. */
const MAX_LISTED_ISSUES = 5

/**
 * `true` for a valid cart or `null` (no saved cart), else one message naming each problem by its
 * path, such as `lines.0.quantity: quantity must be at least 1`.
 */
export const checkCart = (value: unknown): string | true => {
  if (value === null || value === undefined) return true
  const parsed = cartSchema.safeParse(value)
  if (parsed.success) return true
  const problems = parsed.error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const path = issue.path.map(String).join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
  const more = parsed.error.issues.length - problems.length
  return `Invalid cart: ${problems.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`
}

type TypescriptSchema = NonNullable<JSONField['typescriptSchema']>[number]

/**
 * Gives the generated `User['cart']` the cart's type instead of Payload's loose JSON. It shapes
 * types only; `checkCart` is what validates.
 */
export const cartTypescriptSchema: TypescriptSchema = () => ({
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    lines: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          product: { type: 'integer' },
          quantity: { type: 'integer' },
          variant: { type: 'string' },
        },
        required: ['product', 'quantity'],
      },
    },
  },
  required: ['lines'],
})
