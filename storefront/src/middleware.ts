import { getActionContext, isInputError } from 'astro:actions'
import { defineMiddleware } from 'astro:middleware'

import { addFlash } from './features/cart/cart.server'
import { type FieldErrors, isCheckoutField, keptValues } from './features/checkout/checkout'
import { saveCheckoutState } from './features/checkout/checkout.server'
import { CheckoutFieldsError } from './features/checkout/checkoutError'

/**
 * Post-redirect-get for cart and checkout forms sent without JavaScript: the action runs here, its
 * outcome waits in the session, and the browser is sent on with a 303, so reloading never posts
 * again. Calls from client scripts (`calledFrom: 'rpc'`) are left to Astro.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next()
  const { action } = getActionContext(context)
  if (action?.calledFrom !== 'form') return next()
  if (action.name.startsWith('checkout.')) {
    // Read before the action consumes the body: the values are shown again after an error.
    const posted = await context.request.clone().formData()
    const result = await action.handler()
    if (!result.error) return context.redirect(`/order/${result.data.orderId}`, 303)
    const fields: FieldErrors = {}
    if (isInputError(result.error)) {
      for (const [name, messages] of Object.entries(result.error.fields)) {
        const [first] = messages ?? []
        if (isCheckoutField(name) && typeof first === 'string') fields[name] = first
      }
    } else if (result.error instanceof CheckoutFieldsError) {
      Object.assign(fields, result.error.fields)
    }
    const message = isInputError(result.error) ? 'Please check the fields marked below.' : result.error.message
    saveCheckoutState(context.session, { fields, message, values: keptValues(posted.entries()) })
    return context.redirect('/checkout', 303)
  }
  if (!action.name.startsWith('cart.')) return next()
  const result = await action.handler()
  if (result.error) {
    // Input errors carry one message per field; show the first, which is what the shopper changed.
    const fieldMessages: unknown[] = isInputError(result.error) ? Object.values(result.error.fields).flat() : []
    const text = fieldMessages.find((message): message is string => typeof message === 'string') ?? result.error.message
    await addFlash(context.session, [{ kind: 'error', text }])
  } else if (action.name === 'cart.add') {
    await addFlash(context.session, [{ kind: 'info', text: 'Added to your cart.' }])
  }
  return context.redirect('/cart', 303)
})
