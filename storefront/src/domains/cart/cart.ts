import { z } from 'astro/zod'

/** Most lines a cart holds; more is refused rather than growing the session without bound. */
export const MAX_LINES = 50
/** Most of one line a shopper can ask for at once. */
export const MAX_QUANTITY = 100

const variantId = z.string().trim().min(1).max(100)

/** One line as the session stores it: what and how many, never a price (prices come from the CMS). */
export const cartLineSchema = z.object({
  product: z.number().int().positive(),
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
  variant: variantId.optional(),
})

export type CartLine = z.infer<typeof cartLineSchema>

export const cartSchema = z.object({ lines: z.array(cartLineSchema).max(MAX_LINES) })

export type Cart = z.infer<typeof cartSchema>

export const emptyCart = (): Cart => ({ lines: [] })

/** The cart read from the session: anything that is not a valid cart (old shape, tampering) becomes empty. */
export const parseCart = (value: unknown): Cart => {
  const parsed = cartSchema.safeParse(value)
  return parsed.success ? parsed.data : emptyCart()
}

/** What a line is about: a product, or one variant of it. */
export type LineKey = Pick<CartLine, 'product' | 'variant'>

const sameItem = (line: LineKey, key: LineKey): boolean => line.product === key.product && (line.variant ?? null) === (key.variant ?? null)

export const findLine = (cart: Cart, key: LineKey): CartLine | undefined => cart.lines.find((line) => sameItem(line, key))

export class CartLimitError extends Error {}

/**
 * Adds `quantity` of an item: to its line when there is one (capped at `MAX_QUANTITY`), else as a new
 * line at the end. Throws `CartLimitError` when the cart already holds `MAX_LINES` other items.
 */
export const addLine = (cart: Cart, key: LineKey, quantity: number): Cart => {
  const existing = findLine(cart, key)
  if (existing) return updateLine(cart, key, existing.quantity + quantity)
  if (cart.lines.length >= MAX_LINES) throw new CartLimitError(`A cart holds at most ${MAX_LINES} different items`)
  const line: CartLine = { product: key.product, quantity: clampQuantity(quantity), ...(key.variant ? { variant: key.variant } : {}) }
  return { lines: [...cart.lines, line] }
}

/** Sets an item's quantity (1…100); 0 or less removes the line. Unknown items leave the cart as it is. */
export const updateLine = (cart: Cart, key: LineKey, quantity: number): Cart =>
  quantity <= 0
    ? removeLine(cart, key)
    : { lines: cart.lines.map((line) => (sameItem(line, key) ? { ...line, quantity: clampQuantity(quantity) } : line)) }

export const removeLine = (cart: Cart, key: LineKey): Cart => ({ lines: cart.lines.filter((line) => !sameItem(line, key)) })

/**
 * The cart a shopper filled as a guest, folded into the one saved on their account when they sign
 * in: saved lines first, then the guest's new items. An item in both keeps the larger quantity — the
 * same wish made on two devices, not two wishes. Items past `MAX_LINES` are left out and counted.
 */
export const mergeCarts = (saved: Cart, guest: Cart): { cart: Cart; dropped: number } => {
  let cart = saved
  let dropped = 0
  for (const line of guest.lines) {
    const existing = findLine(cart, line)
    if (existing) {
      if (line.quantity > existing.quantity) cart = updateLine(cart, line, line.quantity)
    } else if (cart.lines.length < MAX_LINES) {
      cart = { lines: [...cart.lines, line] }
    } else {
      dropped += 1
    }
  }
  return { cart, dropped }
}

/** How many items the cart holds, for the header. */
export const itemCount = (cart: Cart): number => cart.lines.reduce((sum, line) => sum + line.quantity, 0)

const clampQuantity = (quantity: number): number => Math.min(MAX_QUANTITY, Math.max(1, Math.trunc(quantity)))

/** A message for the shopper, carried across the redirect after a form post. */
export const flashSchema = z.array(z.object({ kind: z.enum(['error', 'info']), text: z.string().max(500) })).max(10)

export type Flash = z.infer<typeof flashSchema>

export const parseFlash = (value: unknown): Flash => {
  const parsed = flashSchema.safeParse(value)
  return parsed.success ? parsed.data : []
}

/** Form input naming a cart item; a missing (Astro passes `null`) or empty variant field means none. */
export const lineKeyInput = z.object({
  product: z.coerce.number().int().positive(),
  variant: z
    .string()
    .max(100)
    .nullish()
    .transform((value) => (value?.trim() ? value.trim() : undefined)),
})
