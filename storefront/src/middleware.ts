import { getActionContext, isInputError } from 'astro:actions'
import { defineMiddleware } from 'astro:middleware'

import { addFlash } from './features/cart/cart.server'

/**
 * Post-redirect-get for cart forms sent without JavaScript: the action runs here, its outcome waits in
 * the session as a message, and the browser is sent to the cart with a 303, so reloading never posts
 * again. Calls from client scripts (`calledFrom: 'rpc'`) are left to Astro.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next()
  const { action } = getActionContext(context)
  if (action?.calledFrom !== 'form' || !action.name.startsWith('cart.')) return next()
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
