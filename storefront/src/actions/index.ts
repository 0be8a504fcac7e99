import { ActionError, type ActionAPIContext, defineAction } from 'astro:actions'
import { z } from 'astro/zod'

import { addLine, CartLimitError, emptyCart, findLine, type LineKey, lineKeyInput, MAX_QUANTITY, removeLine, updateLine } from '../features/cart/cart'
import { findCartProducts, readCart, writeCart } from '../features/cart/cart.server'
import { variantLabel } from '../features/catalogue/productDetail'
import { type FieldErrors, checkoutInput, fieldOfPath, orderRequest } from '../features/checkout/checkout'
import { endAttempt, idempotencyKeyFor, placeOrder, type PlaceOrderResult, rememberOrder } from '../features/checkout/checkout.server'
import { CheckoutFieldsError } from '../features/checkout/checkoutError'
import { CmsError } from '../features/cms/cmsError'

const quantityInput = z.coerce.number().int().min(1, 'Choose at least 1').max(MAX_QUANTITY, `At most ${MAX_QUANTITY} at a time`)

/**
 * How many of an item can be bought now, from the CMS (published products only). Throws `ActionError`
 * when the product, or the variant, is gone or a variant must be chosen first.
 */
const availableStock = async (key: LineKey): Promise<{ name: string; stock: number }> => {
  let product
  try {
    ;[product] = await findCartProducts([key.product])
  } catch (error) {
    if (!(error instanceof CmsError)) throw error
    console.error(error)
    throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'The shop could not check this item just now. Please try again in a moment.' })
  }
  if (!product) throw new ActionError({ code: 'NOT_FOUND', message: 'Sorry, that product is no longer available.' })
  if (key.variant === undefined) {
    if (product.variants.length > 0) throw new ActionError({ code: 'BAD_REQUEST', message: `Choose an option of “${product.title}” first.` })
    return { name: `“${product.title}”`, stock: product.stock }
  }
  const variant = product.variants.find((item) => item.id === key.variant)
  if (!variant) throw new ActionError({ code: 'NOT_FOUND', message: `Sorry, that option of “${product.title}” is no longer available.` })
  return { name: `“${product.title}” (${variantLabel(variant)})`, stock: variant.stock }
}

const checkStock = async (key: LineKey, wanted: number, inCart: number): Promise<void> => {
  const { name, stock } = await availableStock(key)
  if (stock <= 0) throw new ActionError({ code: 'CONFLICT', message: `Sorry, ${name} has sold out.` })
  if (wanted > stock) {
    const already = inCart > 0 ? ` and you already have ${inCart} in your cart` : ''
    throw new ActionError({ code: 'CONFLICT', message: `Sorry, only ${stock} of ${name} left${already}.` })
  }
}

const session = (context: ActionAPIContext): NonNullable<ActionAPIContext['session']> => {
  if (!context.session) throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: 'The cart is not available.' })
  return context.session
}

/** The ActionError for a CMS refusal of an order: 400 invalid, 402 declined, 409 out of stock, 422 key reused. */
const refusal = (status: number, message: string, issues: ReadonlyArray<{ message: string; path: string }>): ActionError => {
  if (status === 402) return new ActionError({ code: 'PAYMENT_REQUIRED', message: `${message} Nothing was charged: try another card or pay by bank transfer.` })
  if (status === 409) return new ActionError({ code: 'CONFLICT', message: `${message} Please review your cart.` })
  if (status === 422) return new ActionError({ code: 'CONFLICT', message: 'Your cart changed while the order was being placed. Please check it and place the order again.' })
  const fields: FieldErrors = {}
  for (const issue of issues) {
    const field = fieldOfPath(issue.path)
    if (field && !fields[field]) fields[field] = issue.message
  }
  if (Object.keys(fields).length > 0) return new CheckoutFieldsError({ code: 'BAD_REQUEST', fields, message: 'Please check the fields marked below.' })
  return new ActionError({ code: 'BAD_REQUEST', message })
}

export const server = {
  checkout: {
    /**
     * Places the order for the session's cart (quantities re-checked and prices set by the CMS, never
     * taken from the form). The same cart always goes with the same `Idempotency-Key`, so a double
     * submit or a retry after a lost answer places one order.
     */
    place: defineAction({
      accept: 'form',
      input: checkoutInput,
      handler: async (form, context) => {
        const store = session(context)
        const cart = await readCart(store)
        if (cart.lines.length === 0) throw new ActionError({ code: 'BAD_REQUEST', message: 'Your cart is empty: add something before checking out.' })
        const key = await idempotencyKeyFor(store, cart)
        let result: PlaceOrderResult
        try {
          result = await placeOrder(orderRequest(cart, form), key)
        } catch (error) {
          if (!(error instanceof CmsError)) throw error
          console.error(error)
          // The key stays: trying again replays the order if the CMS did place it.
          throw new ActionError({
            code: 'SERVICE_UNAVAILABLE',
            message: 'The shop could not confirm your order just now. Please try again: it will not be placed twice.',
          })
        }
        if (result.kind === 'refused') {
          // The CMS wrote nothing for a refused request; a 422 means the key belongs to another request.
          if (result.status === 422) await endAttempt(store)
          throw refusal(result.status, result.message, result.issues)
        }
        writeCart(store, emptyCart())
        await endAttempt(store)
        await rememberOrder(store, { guestToken: result.guestToken, orderId: result.order.id })
        return { orderId: result.order.id }
      },
    }),
  },

  cart: {
    add: defineAction({
      accept: 'form',
      input: lineKeyInput.extend({ quantity: quantityInput.default(1) }),
      handler: async ({ product, quantity, variant }, context) => {
        const key = { product, variant }
        const cart = await readCart(session(context))
        const inCart = findLine(cart, key)?.quantity ?? 0
        await checkStock(key, inCart + quantity, inCart)
        try {
          writeCart(context.session, addLine(cart, key, quantity))
        } catch (error) {
          if (error instanceof CartLimitError) throw new ActionError({ code: 'BAD_REQUEST', message: `${error.message}.` })
          throw error
        }
        return { added: quantity }
      },
    }),
    update: defineAction({
      accept: 'form',
      input: lineKeyInput.extend({ quantity: z.coerce.number().int().min(0).max(MAX_QUANTITY, `At most ${MAX_QUANTITY} at a time`) }),
      handler: async ({ product, quantity, variant }, context) => {
        const key = { product, variant }
        const cart = await readCart(session(context))
        const line = findLine(cart, key)
        if (!line) throw new ActionError({ code: 'NOT_FOUND', message: 'That item is no longer in your cart.' })
        if (quantity > line.quantity) await checkStock(key, quantity, 0)
        writeCart(context.session, updateLine(cart, key, quantity))
        return { quantity }
      },
    }),
    remove: defineAction({
      accept: 'form',
      input: lineKeyInput,
      handler: async ({ product, variant }, context) => {
        const cart = await readCart(session(context))
        writeCart(context.session, removeLine(cart, { product, variant }))
        return { removed: true }
      },
    }),
  },
}
