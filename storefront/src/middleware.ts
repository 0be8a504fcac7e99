import { getActionContext, isInputError } from 'astro:actions'
import { defineMiddleware } from 'astro:middleware'

import { ACCOUNT_FORMS, isAccountForm, keptFormValues } from './domains/account/account'
import { saveFormState } from './domains/account/account.server'
import { addFlash } from './domains/cart/cart.server'
import { type FieldErrors, isCheckoutField, keptValues } from './domains/checkout/checkout'
import { saveCheckoutState } from './domains/checkout/checkout.server'
import { FieldsError } from './platform/forms/fieldsError'

type ActionResult = Awaited<ReturnType<NonNullable<ReturnType<typeof getActionContext>['action']>['handler']>>
type ActionFailure = NonNullable<ActionResult['error']>

/** The first message of each field an action refused, from input validation or from the CMS. */
const fieldMessages = (error: ActionFailure): Record<string, string> => {
  const fields: Record<string, string> = {}
  if (isInputError(error)) {
    for (const [name, messages] of Object.entries(error.fields)) {
      const [first] = messages ?? []
      if (typeof first === 'string') fields[name] = first
    }
  } else if (error instanceof FieldsError) {
    for (const [name, message] of Object.entries(error.fields)) if (typeof message === 'string') fields[name] = message
  }
  return fields
}

/** Only same-site paths; anything else is ignored. */
const redirectOf = (data: unknown, fallback: string): string => {
  if (data && typeof data === 'object' && 'redirect' in data && typeof data.redirect === 'string' && /^\/(?![/\\])/.test(data.redirect)) return data.redirect
  return fallback
}

/**
 * Post-redirect-get for the forms sent without JavaScript (cart, checkout, account): the action
 * runs here, its outcome waits in the session, and the browser is sent on with a 303, so reloading
 * never posts again. Calls from client scripts (`calledFrom: 'rpc'`) are left to Astro.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next()
  const { action } = getActionContext(context)
  if (action?.calledFrom !== 'form') return next()
  const [area, name = ''] = action.name.split('.')
  if (area !== 'account' && area !== 'cart' && area !== 'checkout') return next()

  // Read before the action consumes the body: the values are shown again after an error.
  const posted = area === 'cart' ? undefined : [...(await context.request.clone().formData()).entries()]
  const result = await action.handler()

  if (area === 'checkout') {
    if (!result.error) return context.redirect(redirectOf(result.data, '/checkout'), 303)
    const fields: FieldErrors = {}
    for (const [field, message] of Object.entries(fieldMessages(result.error))) if (isCheckoutField(field)) fields[field] = message
    const message = isInputError(result.error) ? 'Please check the fields marked below.' : result.error.message
    saveCheckoutState(context.session, { fields, message, values: keptValues(posted ?? []) })
    return context.redirect('/checkout', 303)
  }

  if (area === 'account') {
    if (!result.error) return context.redirect(redirectOf(result.data, '/account'), 303)
    if (!isAccountForm(name)) return context.redirect('/account', 303)
    const fields = fieldMessages(result.error)
    const message = isInputError(result.error) ? 'Please check the fields marked below.' : result.error.message
    const values = keptFormValues(posted ?? [])
    saveFormState(context.session, { fields, form: name, message, values })
    // The reset page needs its emailed token back; the login page where to go afterwards.
    const token = posted?.find(([key]) => key === 'token')?.[1]
    const query = name === 'reset' && typeof token === 'string' ? `?${new URLSearchParams({ token })}` : ''
    return context.redirect(`${ACCOUNT_FORMS[name]}${query}`, 303)
  }

  if (result.error) {
    // Input errors carry one message per field; show the first, which is what the shopper changed.
    const text = Object.values(fieldMessages(result.error))[0] ?? result.error.message
    await addFlash(context.session, [{ kind: 'error', text }])
  } else if (action.name === 'cart.add') {
    await addFlash(context.session, [{ kind: 'info', text: 'Added to your cart.' }])
  }
  return context.redirect('/cart', 303)
})
