import { ActionError, type ActionAPIContext } from 'astro:actions'

import { readAccount } from '../domains/account/account.server'
import { readCart } from '../domains/cart/cart.server'
import { readCurrency } from '../domains/cart/currency.server'
import { quoteCart, saveDiscountCode, TooManyCodeChecks } from '../domains/cart/discount.server'
import { codeRefusalText, rateLimitRefusalText } from '../domains/checkout/checkoutMessages'
import { dictionaryOf } from '../domains/i18n/dictionary'
import { formatsOf } from '../domains/i18n/formats'
import { sessionOf, whileCmsAnswers } from './session'

/**
 * Asks the CMS what `code` takes off the visitor's cart and keeps it in the session when the CMS
 * accepts it (for the cart and checkout pages, and the order). A refused code is an `ActionError`
 * with the CMS's reason; nothing is kept. Answers the message to show and the saving (minor units).
 */
export const applyDiscountCode = async (context: ActionAPIContext, code: string): Promise<{ message: string; saving: number }> => {
  const store = sessionOf(context)
  const { locale } = context.locals
  const words = dictionaryOf(locale).checkoutMessages
  const unavailable = words.codeUnavailable
  const cart = await whileCmsAnswers(() => readCart(store), unavailable)
  if (cart.lines.length === 0) throw new ActionError({ code: 'BAD_REQUEST', message: words.codeNeedsCart })
  const account = await readAccount(store)
  const currency = await whileCmsAnswers(() => readCurrency(store), unavailable)
  const result = await whileCmsAnswers(
    () =>
      quoteCart(cart, code, { account, currency }).catch((error: unknown) => {
        // Too many codes tried from this shopper's address: say so, and how long to wait.
        if (error instanceof TooManyCodeChecks) throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: rateLimitRefusalText(locale, error.cmsMessage) })
        throw error
      }),
    unavailable,
  )
  if (result.kind === 'refused') throw new ActionError({ code: 'BAD_REQUEST', message: words.codeNotApplied(code, codeRefusalText(locale, result)) })
  saveDiscountCode(store, code)
  const saving = formatsOf(locale).money(result.quote.saving, result.quote.currency)
  return { message: words.codeApplied(code.toUpperCase(), saving), saving: result.quote.saving }
}
