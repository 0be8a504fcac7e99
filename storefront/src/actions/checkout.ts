import { ActionError, defineAction } from 'astro:actions'

import { readAccount } from '../domains/account/account.server'
import { emptyCart } from '../domains/cart/cart'
import { readCart, writeCart } from '../domains/cart/cart.server'
import { type CheckoutField, type FieldErrors, type CheckoutInput, fieldOfPath, isCheckoutField, orderRequest, parseCheckoutForm } from '../domains/checkout/checkout'
import type { CheckoutOptions } from '../domains/checkout/checkoutOptions'
import { forgetCheckoutOptions, readCheckoutOptions } from '../domains/checkout/checkoutOptions.server'
import { currentAttempt, endAttempt, idempotencyKeyFor, placedInAttempt, placeOrder, type PlaceOrderResult, rememberOrder } from '../domains/checkout/checkout.server'
import { FieldsError } from '../platform/forms/fieldsError'
import { CmsError } from '../platform/cms/cmsError'
import { sessionOf, whileCmsAnswers } from './session'
import { log } from '../platform/observability/log'

/** The ActionError for a CMS refusal of an order: 400 invalid, 402 declined, 409 out of stock, 422 key reused. */
const refusal = (
  status: number,
  message: string,
  issues: ReadonlyArray<{ message: string; path: string }>,
  payment: CheckoutOptions['payment']['methods'][number] | undefined,
): ActionError => {
  if (status === 402) return new ActionError({ code: 'PAYMENT_REQUIRED', message: `${message} Nothing was charged: try another card or another way to pay.` })
  if (status === 409) return new ActionError({ code: 'CONFLICT', message: `${message} Please review your cart.` })
  if (status === 422) return new ActionError({ code: 'CONFLICT', message: 'Your cart changed while the order was being placed. Please check it and place the order again.' })
  const fields: FieldErrors = {}
  for (const issue of issues) {
    const field = fieldOfPath(issue.path, payment)
    if (field && !fields[field]) fields[field] = issue.message
  }
  if (Object.keys(fields).length > 0) return new FieldsError<CheckoutField>({ code: 'BAD_REQUEST', fields, message: 'Please check the fields marked below.' })
  return new ActionError({ code: 'BAD_REQUEST', message })
}

/** The posted form checked against the options the CMS publishes; a FieldsError names each field to fix. */
const parseForm = (formData: FormData, options: CheckoutOptions): CheckoutInput => {
  const posted = Object.fromEntries([...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
  const parsed = parseCheckoutForm(options, posted)
  if (parsed.success) return parsed.data
  const fields: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const [name] = issue.path
    if (typeof name === 'string' && isCheckoutField(name) && !fields[name]) fields[name] = issue.message
  }
  throw new FieldsError<CheckoutField>({ code: 'BAD_REQUEST', fields, message: 'Please check the fields marked below.' })
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
      const options = await whileCmsAnswers(readCheckoutOptions, 'The shop could not load its shipping and payment options just now. Please try again in a moment.')
      const form = parseForm(formData, options)
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
      const cart = await whileCmsAnswers(() => readCart(store), 'The shop could not read your cart just now. Please try again in a moment.')
      if (cart.lines.length === 0) throw new ActionError({ code: 'BAD_REQUEST', message: 'Your cart is empty: add something before checking out.' })
      const key = await idempotencyKeyFor(store, cart)
      let result: PlaceOrderResult
      try {
        result = await placeOrder(orderRequest(cart, form), key, account)
      } catch (error) {
        if (!(error instanceof CmsError)) throw error
        log.error('CMS unavailable while placing the order', { err: error })
        // The key stays: trying again replays the order if the CMS did place it.
        throw new ActionError({
          code: 'SERVICE_UNAVAILABLE',
          message: 'The shop could not confirm your order just now. Please try again: it will not be placed twice.',
        })
      }
      if (result.kind === 'refused') {
        // The CMS wrote nothing for a refused request; a 422 means the key belongs to another request.
        if (result.status === 422) await endAttempt(store)
        if (result.status === 400 && refusedAnOption(result.issues)) forgetCheckoutOptions()
        throw refusal(result.status, result.message, result.issues, options.payment.methods.find((method) => method.name === form.payment))
      }
      await endAttempt(store)
      // A guest can only see the order again through the token this session keeps; a customer signs in.
      await rememberOrder(store, { attempt, guestToken: result.guestToken, orderId: result.order.id })
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
}
