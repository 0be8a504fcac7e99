import { ActionError, type ActionAPIContext, defineAction } from 'astro:actions'
import { z } from 'astro/zod'

import { addLine, type Cart, CartLimitError, findLine, itemCount, type LineKey, lineKeyInput, MAX_LINES, MAX_QUANTITY, removeLine, updateLine } from '../domains/cart/cart'
import { addFlash, findCartProducts, readCart, writeCart } from '../domains/cart/cart.server'
import { discountCodeInput } from '../domains/cart/discount'
import { saveDiscountCode } from '../domains/cart/discount.server'
import { applyDiscountCode } from './discountCode'
import { chooseCurrency, shopCurrencies } from '../domains/cart/currency.server'
import { variantLabel } from '../domains/catalogue/productDetail'
import { formError } from '../domains/account/formMessages'
import { type Dictionary, dictionaryOf } from '../domains/i18n/dictionary'
import { sessionOf, whileCmsAnswers } from './session'

/** The cart's messages in the page's language. */
const wordsOf = (context: ActionAPIContext): Dictionary['cartMessages'] => dictionaryOf(context.locals.locale).cartMessages

const readCartOrFail = (context: ActionAPIContext): Promise<Cart> => whileCmsAnswers(() => readCart(sessionOf(context)), wordsOf(context).unavailable)

const writeCartOrFail = (context: ActionAPIContext, next: Cart): Promise<void> =>
  whileCmsAnswers(() => writeCart(sessionOf(context), next), wordsOf(context).unavailable)

// Input checks name their messages by key (`formErrors`), shown in the page's language by the middleware.
const quantityInput = z.coerce.number().int().min(1, formError('quantityMissing')).max(MAX_QUANTITY, formError('quantityTooHigh'))

/**
 * How many of an item can be bought now, from the CMS (published products only). Throws `ActionError`
 * when the product, or the variant, is gone or a variant must be chosen first.
 */
const availableStock = async (key: LineKey, words: Dictionary['cartMessages']): Promise<{ name: string; stock: number }> => {
  const [product] = await whileCmsAnswers(() => findCartProducts([key.product]), words.unavailable)
  if (!product) throw new ActionError({ code: 'NOT_FOUND', message: words.productGone })
  if (key.variant === undefined) {
    if (product.variants.length > 0) throw new ActionError({ code: 'BAD_REQUEST', message: words.chooseOption(product.title) })
    return { name: words.itemName(product.title), stock: product.stock }
  }
  const variant = product.variants.find((item) => item.id === key.variant)
  if (!variant) throw new ActionError({ code: 'NOT_FOUND', message: words.optionGone(product.title) })
  return { name: words.itemName(product.title, variantLabel(variant)), stock: variant.stock }
}

const checkStock = async (key: LineKey, wanted: number, inCart: number, words: Dictionary['cartMessages']): Promise<void> => {
  const { name, stock } = await availableStock(key, words)
  if (stock <= 0) throw new ActionError({ code: 'CONFLICT', message: words.soldOut(name) })
  if (wanted > stock) throw new ActionError({ code: 'CONFLICT', message: words.onlyLeft(name, stock, inCart) })
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
      await checkStock(key, inCart + quantity, inCart, wordsOf(context))
      let next
      try {
        next = addLine(cart, key, quantity)
      } catch (error) {
        if (error instanceof CartLimitError) throw new ActionError({ code: 'BAD_REQUEST', message: wordsOf(context).cartFull(MAX_LINES) })
        throw error
      }
      await writeCartOrFail(context, next)
      return { added: quantity, count: itemCount(next) }
    },
  }),
  update: defineAction({
    accept: 'form',
    input: lineKeyInput.extend({ quantity: z.coerce.number().int().min(0).max(MAX_QUANTITY, formError('quantityTooHigh')) }),
    handler: async ({ product, quantity, variant }, context) => {
      const key = { product, variant }
      const cart = await readCartOrFail(context)
      const line = findLine(cart, key)
      if (!line) throw new ActionError({ code: 'NOT_FOUND', message: wordsOf(context).notInCart })
      if (quantity > line.quantity) await checkStock(key, quantity, 0, wordsOf(context))
      await writeCartOrFail(context, updateLine(cart, key, quantity))
      return { quantity }
    },
  }),
  /** The visitor's currency, remembered in her session: one the shop sells in (store settings). */
  currency: defineAction({
    accept: 'form',
    input: z.object({ currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, formError('currencyInvalid')) }),
    handler: async ({ currency }, context) => {
      const currencies = await whileCmsAnswers(shopCurrencies, wordsOf(context).unavailable)
      if (!currencies?.offered.includes(currency)) throw new ActionError({ code: 'BAD_REQUEST', message: wordsOf(context).notSold(currency) })
      chooseCurrency(sessionOf(context), currency)
      return { currency }
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
  /** Tries a discount code with the CMS (`applyDiscountCode`); the cart page shows the outcome. */
  applyCode: defineAction({
    accept: 'form',
    input: z.object({ code: discountCodeInput }),
    handler: async ({ code }, context) => {
      const { message, saving } = await applyDiscountCode(context, code)
      await addFlash(sessionOf(context), [{ kind: 'info', text: message }])
      return { saving }
    },
  }),
  removeCode: defineAction({
    accept: 'form',
    handler: async (_, context) => {
      saveDiscountCode(sessionOf(context), undefined)
      return { removed: true }
    },
  }),
}
