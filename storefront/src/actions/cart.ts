import { ActionError, type ActionAPIContext, defineAction } from 'astro:actions'
import { z } from 'astro/zod'

import { addLine, type Cart, CartLimitError, findLine, itemCount, type LineKey, lineKeyInput, MAX_QUANTITY, removeLine, updateLine } from '../domains/cart/cart'
import { findCartProducts, readCart, writeCart } from '../domains/cart/cart.server'
import { variantLabel } from '../domains/catalogue/productDetail'
import { sessionOf, whileCmsAnswers } from './session'

const UNAVAILABLE = 'The shop could not update your cart just now. Please try again in a moment.'

const readCartOrFail = (context: ActionAPIContext): Promise<Cart> => whileCmsAnswers(() => readCart(sessionOf(context)), UNAVAILABLE)

const writeCartOrFail = (context: ActionAPIContext, next: Cart): Promise<void> => whileCmsAnswers(() => writeCart(sessionOf(context), next), UNAVAILABLE)

const quantityInput = z.coerce.number().int().min(1, 'Choose at least 1').max(MAX_QUANTITY, `At most ${MAX_QUANTITY} at a time`)

/**
 * How many of an item can be bought now, from the CMS (published products only). Throws `ActionError`
 * when the product, or the variant, is gone or a variant must be chosen first.
 */
const availableStock = async (key: LineKey): Promise<{ name: string; stock: number }> => {
  const [product] = await whileCmsAnswers(() => findCartProducts([key.product]), UNAVAILABLE)
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

/** Adding, changing and removing cart lines: stock is checked with the CMS, prices never come from the form. */
export const cart = {
  add: defineAction({
    accept: 'form',
    input: lineKeyInput.extend({ quantity: quantityInput.default(1) }),
    handler: async ({ product, quantity, variant }, context) => {
      const key = { product, variant }
      const cart = await readCartOrFail(context)
      const inCart = findLine(cart, key)?.quantity ?? 0
      await checkStock(key, inCart + quantity, inCart)
      let next
      try {
        next = addLine(cart, key, quantity)
      } catch (error) {
        if (error instanceof CartLimitError) throw new ActionError({ code: 'BAD_REQUEST', message: `${error.message}.` })
        throw error
      }
      await writeCartOrFail(context, next)
      return { added: quantity, count: itemCount(next) }
    },
  }),
  update: defineAction({
    accept: 'form',
    input: lineKeyInput.extend({ quantity: z.coerce.number().int().min(0).max(MAX_QUANTITY, `At most ${MAX_QUANTITY} at a time`) }),
    handler: async ({ product, quantity, variant }, context) => {
      const key = { product, variant }
      const cart = await readCartOrFail(context)
      const line = findLine(cart, key)
      if (!line) throw new ActionError({ code: 'NOT_FOUND', message: 'That item is no longer in your cart.' })
      if (quantity > line.quantity) await checkStock(key, quantity, 0)
      await writeCartOrFail(context, updateLine(cart, key, quantity))
      return { quantity }
    },
  }),
  remove: defineAction({
    accept: 'form',
    input: lineKeyInput,
    handler: async ({ product, variant }, context) => {
      const cart = await readCartOrFail(context)
      await writeCartOrFail(context, removeLine(cart, { product, variant }))
      return { removed: true }
    },
  }),
}
