import { ActionError, defineAction } from 'astro:actions'
import { z } from 'astro/zod'

import { readAccount } from '../domains/account/account.server'
import { emptyCart } from '../domains/cart/cart'
import { readCart, writeCart } from '../domains/cart/cart.server'
import { discountCodeInput } from '../domains/cart/discount'
import { readDiscountCode, saveDiscountCode } from '../domains/cart/discount.server'
import { applyDiscountCode } from './discountCode'
import { type CheckoutField, type FieldErrors, type CheckoutInput, countryOf, fieldOfPath, isCheckoutField, orderRequest, parseCheckoutForm } from '../domains/checkout/checkout'
import type { CheckoutOptions } from '../domains/checkout/checkoutOptions'
import { forgetCheckoutOptions, readCheckoutOptions } from '../domains/checkout/checkoutOptions.server'
import { readCurrency } from '../domains/cart/currency.server'
import { currentAttempt, endAttempt, idempotencyKeyFor, placedInAttempt, placeOrder, type PlaceOrderResult, rememberOrder } from '../domains/checkout/checkout.server'
import { FieldsError } from '../platform/forms/fieldsError'
import { CmsError } from '../platform/cms/cmsError'
import { sessionOf, whileCmsAnswers } from './session'
import { log } from '../platform/observability/log'
import { cmsFieldText } from '../domains/account/formMessages'
import { codeRefusalText, orderRefusalText } from '../domains/checkout/checkoutMessages'
import { dictionaryOf } from '../domains/i18n/dictionary'
import type { Locale } from '../domains/i18n/locale'

/**
 * The ActionError for a CMS refusal of an order, in `locale`: 400 invalid, 402 declined, 409 out of
 * stock, 422 key reused, 429 rate-limited (`checkoutMessages.ts` words the CMS's refusals).
 */
const refusal = (
  locale: Locale,
  result: Extract<PlaceOrderResult, { kind: 'refused' }>,
  payment: CheckoutOptions['payment']['methods'][number] | undefined,
): ActionError => {
  const { status } = result
  const message = orderRefusalText(locale, result)
  if (status === 402) return new ActionError({ code: 'PAYMENT_REQUIRED', message })
  if (status === 409) return new ActionError({ code: 'CONFLICT', message })
  if (status === 422) return new ActionError({ code: 'CONFLICT', message: dictionaryOf(locale).checkoutMessages.cartChanged })
  if (status === 429) return new ActionError({ code: 'TOO_MANY_REQUESTS', message })
  const fields: FieldErrors = {}
  for (const issue of result.issues) {
    const field = fieldOfPath(issue.path, payment)
    if (field && !fields[field]) fields[field] = cmsFieldText(locale, issue.message)
  }
  if (Object.keys(fields).length > 0) return new FieldsError<CheckoutField>({ code: 'BAD_REQUEST', fields, message: dictionaryOf(locale).formErrors.checkFields })
  return new ActionError({ code: 'BAD_REQUEST', message })
}

/** The posted form checked against the options the CMS publishes; a FieldsError names each field to fix. */
const parseForm = (formData: FormData, options: CheckoutOptions, locale: Locale): CheckoutInput => {
  const posted = Object.fromEntries([...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
  const parsed = parseCheckoutForm(options, posted, dictionaryOf(locale).checkoutErrors)
  if (parsed.success) return parsed.data
  const fields: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const [name] = issue.path
    if (typeof name === 'string' && isCheckoutField(name) && !fields[name]) fields[name] = issue.message
  }
  throw new FieldsError<CheckoutField>({ code: 'BAD_REQUEST', fields, message: dictionaryOf(locale).formErrors.checkFields })
}

/** The CMS refused a shipping or payment method the page offered: the storefront's copy of the options is out of date. */
const refusedAnOption = (issues: ReadonlyArray<{ path: string }>): boolean =>
  issues.some((issue) => issue.path === 'shippingMethod' || issue.path === 'payment.method')

export const checkout = {
  /**
   * Places the order for the session's cart (quantities re-checked and prices set by the CMS, never
   * taken from the form). The same cart always goes with the same `Idempotency-Key`, so a double
   * submit or a retry after a lost answer places one order.
   */
  place: defineAction({
    accept: 'form',
    // Checked in the handler, against the options the CMS publishes: which fields a payment method
    // needs is the CMS's to say, so no schema fixed at build time can describe the form.
    handler: async (formData: FormData, context) => {
      // The shipping methods of the submitted country's zone (an unknown country: the form's check names it).
      const { locale } = context.locals
      const words = dictionaryOf(locale).checkoutMessages
      const country = countryOf(formData.get('country'))
      const options = await whileCmsAnswers(() => readCheckoutOptions(country), words.unavailableOptions)
      const form = parseForm(formData, options, locale)
      const store = sessionOf(context)
      const account = await readAccount(store)
      const attempt = await currentAttempt(store)
      // The same form again after its order was placed (a double click answered after the first, a
      // resubmit from history): the order it placed is what the shopper wants to see, whatever the cart
      // holds now (a customer's saved cart may not have been emptied).
      if (form.attempt !== undefined && form.attempt < attempt) {
        const placed = await placedInAttempt(store, form.attempt)
        if (placed) return { orderId: placed.orderId, redirect: `/order/${placed.orderId}` }
      }
      const cart = await whileCmsAnswers(() => readCart(store), words.unavailableCart)
      if (cart.lines.length === 0) throw new ActionError({ code: 'BAD_REQUEST', message: words.cartEmpty })
      // The currency the cart and checkout pages showed (the visitor's choice, else the shop's default).
      const currency = await whileCmsAnswers(() => readCurrency(store), words.unavailableCurrencies)
      const key = await idempotencyKeyFor(store, cart)
      let result: PlaceOrderResult
      try {
        result = await placeOrder(orderRequest(cart, form, currency, await readDiscountCode(store), locale), key, account)
      } catch (error) {
        if (!(error instanceof CmsError)) throw error
        log.error('CMS unavailable while placing the order', { err: error })
        // The key stays: trying again replays the order if the CMS did place it.
        throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: words.unavailableOrder })
      }
      if (result.kind === 'refused') {
        // The CMS wrote nothing for a refused request; a 422 means the key belongs to another request.
        if (result.status === 422) await endAttempt(store)
        if (result.status === 400 && refusedAnOption(result.issues)) forgetCheckoutOptions()
        if (result.issues.some((issue) => issue.path === 'discountCode')) {
          // The code was refused (used up meanwhile, expired…): nothing was placed; it goes, the shopper decides again.
          saveDiscountCode(store, undefined)
          throw new ActionError({ code: 'CONFLICT', message: words.codeRemoved(codeRefusalText(locale, result)) })
        }
        throw refusal(locale, result, options.payment.methods.find((method) => method.name === form.payment))
      }
      await endAttempt(store)
      saveDiscountCode(store, undefined)
      // A guest can only see the order again through the token this session keeps; a customer signs in.
      await rememberOrder(store, { attempt, guestToken: result.guestToken, orderId: result.order.id, paymentAction: result.paymentAction })
      try {
        await writeCart(store, emptyCart())
      } catch (error) {
        // The order stands; its lines staying in the saved cart is the lesser harm than hiding it.
        if (!(error instanceof CmsError)) throw error
        log.error('CMS unavailable while clearing the saved cart after an order', { err: error })
      }
      return { orderId: result.order.id, redirect: `/order/${result.order.id}` }
    },
  }),
  /** The cart's code form, on the checkout page: the page shows the code and saving, or why it was refused. */
  applyCode: defineAction({
    accept: 'form',
    input: z.object({ code: discountCodeInput }),
    handler: async ({ code }, context) => ({ redirect: '/checkout', saving: (await applyDiscountCode(context, code)).saving }),
  }),
  removeCode: defineAction({
    accept: 'form',
    handler: async (_, context) => {
      saveDiscountCode(sessionOf(context), undefined)
      return { redirect: '/checkout' }
    },
  }),
}
