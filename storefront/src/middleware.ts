import type { APIContext, MiddlewareNext } from 'astro'
import { ActionError, getActionContext, isInputError } from 'astro:actions'
import { defineMiddleware } from 'astro:middleware'

import { ACCOUNT_FORMS, type AccountForm, isAccountForm, keptFormValues } from './domains/account/account'
import { saveFormState } from './domains/account/account.server'
import { fieldErrorText } from './domains/account/formMessages'
import { addFlash } from './domains/cart/cart.server'
import { type FieldErrors, isCheckoutField, keptValues } from './domains/checkout/checkout'
import { saveCheckoutState } from './domains/checkout/checkout.server'
import { dictionaryOf } from './domains/i18n/dictionary'
import { DEFAULT_LOCALE, isLocale, type Locale, localePath, splitLocalePath } from './domains/i18n/locale'
import { localizeLinks } from './domains/i18n/localizeLinks'
import { cacheControl } from './cacheControl'
import { FieldsError } from './platform/forms/fieldsError'
import { withPreviewFraming } from './platform/preview/preview.server'
import { currentRequest } from './platform/observability/requestContext.server'
import { isLimited, throttle, tooManyMessage } from './rateLimit'

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

/** The 303 after a form, to `path` in the page's language (`/de/cart` for a German shopper). */
const seeOther = (context: APIContext, path: string): Response => context.redirect(localePath(context.locals.locale, path), 303)

/** Only same-site paths; anything else is ignored. */
const redirectOf = (data: unknown, fallback: string): string => {
  if (data && typeof data === 'object' && 'redirect' in data && typeof data.redirect === 'string' && /^\/(?![/\\])/.test(data.redirect)) return data.redirect
  return fallback
}

/** Marks an answer to a POST (a redirect carrying a session, an action's JSON) as the visitor's own. */
const personal = (response: Response): Response => {
  let answer = response
  try {
    answer.headers.set('Cache-Control', cacheControl.private)
  } catch {
    // Immutable headers (a `Response.redirect`): copy the response.
    answer = new Response(response.body, response)
    answer.headers.set('Cache-Control', cacheControl.private)
  }
  if (!/\bcookie\b/i.test(answer.headers.get('Vary') ?? '')) answer.headers.append('Vary', 'Cookie')
  return answer
}

/** Whether `contentType` is one a browser sends a form as. */
const isFormBody = (contentType: null | string): boolean => {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data'
}

/** A 429 as the shopper meets it: `Retry-After`, never stored. */
const tooMany = (response: Response, retryAfterSeconds: number): Response => {
  const answer = new Response(response.body, { headers: response.headers, status: 429, statusText: 'Too Many Requests' })
  answer.headers.set('Retry-After', String(retryAfterSeconds))
  return personal(answer)
}

/** An account form's page; the reset page needs its emailed token back. */
const accountFormPath = (name: AccountForm, posted: ReadonlyArray<[string, FormDataEntryValue]>): string => {
  const token = posted.find(([key]) => key === 'token')?.[1]
  return name === 'reset' && typeof token === 'string' ? `${ACCOUNT_FORMS.reset}?${new URLSearchParams({ token })}` : ACCOUNT_FORMS[name]
}

/**
 * Where a refused form shows its message: the waiting state its page reads is saved (as for any
 * refused form) and the page's path returned; `undefined` for a form of no known page.
 */
const showOnForm = async (context: APIContext, actionName: string, message: string): Promise<string | undefined> => {
  const [area, name = ''] = actionName.split('.')
  const posted = area === 'account' || area === 'checkout' ? [...(await context.request.clone().formData().catch(() => new FormData())).entries()] : []
  if (area === 'checkout') {
    saveCheckoutState(context.session, { fields: {}, message, values: keptValues(posted) })
    return '/checkout'
  }
  if (area === 'account' && isAccountForm(name)) {
    saveFormState(context.session, { fields: {}, form: name, message, values: keptFormValues(posted) })
    return accountFormPath(name, posted)
  }
  if (area === 'cart') {
    await addFlash(context.session, [{ kind: 'error', text: message }])
    return '/cart'
  }
  return undefined
}

/**
 * Post-redirect-get for the forms sent without JavaScript (cart, checkout, account): the action
 * runs here, its outcome waits in the session, and the browser is sent on with a 303, so reloading
 * never posts again. Calls from client scripts (`calledFrom: 'rpc'`) are left to Astro.
 */
const postRedirectGet = async (context: APIContext, next: MiddlewareNext): Promise<Response> => {
  if (context.isPrerendered) return next()
  const { action } = getActionContext(context)
  if (action?.calledFrom !== 'form') return next()
  const [area, name = ''] = action.name.split('.')
  if (area !== 'account' && area !== 'cart' && area !== 'checkout') return next()

  // Read before the action consumes the body: the values are shown again after an error.
  const form = area === 'cart' ? undefined : await context.request.clone().formData().catch(() => null)
  // A body that claims to be a form but is not one (a multipart body without its boundary).
  if (form === null) return new Response('The form could not be read.\n', { headers: { 'content-type': 'text/plain; charset=utf-8' }, status: 400 })
  const posted = form ? [...form.entries()] : undefined
  const result = await action.handler()

  if (area === 'checkout') {
    if (!result.error) return seeOther(context, redirectOf(result.data, '/checkout'))
    const fields: FieldErrors = {}
    for (const [field, message] of Object.entries(fieldMessages(result.error))) if (isCheckoutField(field)) fields[field] = message
    const message = isInputError(result.error) ? dictionaryOf(context.locals.locale).formErrors.checkFields : result.error.message
    saveCheckoutState(context.session, { fields, message, values: keptValues(posted ?? []) })
    return seeOther(context, '/checkout')
  }

  if (area === 'account') {
    if (!result.error) return seeOther(context, redirectOf(result.data, '/account'))
    if (!isAccountForm(name)) return seeOther(context, '/account')
    // An input check names its messages by key (`account.ts`), shown in the page's language; the
    // action's own refusals are already in it.
    const input = isInputError(result.error)
    const fields = fieldMessages(result.error)
    if (input) for (const [field, key] of Object.entries(fields)) fields[field] = fieldErrorText(context.locals.locale, key)
    const message = input ? dictionaryOf(context.locals.locale).formErrors.checkFields : result.error.message
    const values = keptFormValues(posted ?? [])
    saveFormState(context.session, { fields, form: name, message, values })
    return seeOther(context, accountFormPath(name, posted ?? []))
  }

  if (result.error) {
    // Input errors carry one message per field, named by key (`formErrors`); show the first, which is
    // what the shopper changed, in the page's language.
    const first = Object.values(fieldMessages(result.error))[0]
    const text = first === undefined ? result.error.message : isInputError(result.error) ? fieldErrorText(context.locals.locale, first) : first
    await addFlash(context.session, [{ kind: 'error', text }])
  } else if (action.name === 'cart.add') {
    await addFlash(context.session, [{ kind: 'info', text: dictionaryOf(context.locals.locale).cartMessages.added }])
  }
  return seeOther(context, '/cart')
}

/**
 * Every POST first counts against the shopper's rate limit (`rateLimit.ts`). Over it, the answer is
 * a 429 with `Retry-After`: a form's own page with the message on it (without JavaScript), the
 * action's JSON error (`TOO_MANY_REQUESTS`) for client scripts, plain text otherwise.
 * Every answer to a POST is personal: `private, no-store`, `Vary: Cookie`.
 */
const guarded = async (context: APIContext, next: MiddlewareNext): Promise<Response> => {
  if (context.isPrerendered || !isLimited(context.request.method, context.url.pathname)) return postRedirectGet(context, next)
  const { action } = getActionContext(context)
  // A form action reads a form: any other body is refused before it is parsed (or counted).
  if (action?.calledFrom === 'form' && !isFormBody(context.request.headers.get('content-type'))) {
    return personal(new Response('Send this form as application/x-www-form-urlencoded or multipart/form-data.\n', { headers: { 'content-type': 'text/plain; charset=utf-8' }, status: 415 }))
  }
  const verdict = await throttle(currentRequest()?.clientAddress ?? context.clientAddress, action?.name)
  if (verdict.allowed) return personal(await postRedirectGet(context, next))
  const message = tooManyMessage(context.locals.locale, verdict.retryAfterSeconds)
  if (action?.calledFrom === 'rpc') {
    const error = new ActionError({ code: 'TOO_MANY_REQUESTS', message })
    const json = Response.json({ ...error, message })
    return tooMany(json, verdict.retryAfterSeconds)
  }
  const page = action ? await showOnForm(context, action.name, message) : undefined
  if (page === undefined) return tooMany(new Response(`${message}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } }), verdict.retryAfterSeconds)
  return tooMany(await next(page), verdict.retryAfterSeconds)
}

/**
 * Every request passes the POST guards above; a preview page whose token was accepted then lets the
 * admin frame it (`markPreview`, docs/preview.md), and no other response.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  // `/de/…` is the German shop: the same pages, rendered for the path without the prefix (a rewrite,
  // so the address, and with it the route cache's key, stays `/de/…`), reading the catalogue in German.
  const { locale: prefixed, path } = splitLocalePath(context.url.pathname)
  const locale = prefixed === DEFAULT_LOCALE ? (actionCallLocale(context.url) ?? prefixed) : prefixed
  context.locals.locale = locale
  const request = currentRequest()
  if (request) request.locale = locale === DEFAULT_LOCALE ? '' : locale
  const onward: MiddlewareNext = prefixed === DEFAULT_LOCALE ? next : (payload) => next(payload ?? `${path}${context.url.search}`)
  const response = withPreviewFraming(await guarded(context, onward), context.locals.frameAncestors)
  return prefixed === DEFAULT_LOCALE ? response : inLocale(response, prefixed)
})

/**
 * The language a client script's action call answers in. Astro serves those calls at `/_actions/<name>`
 * only, whatever the page's language, so a script on a German page names it: `?locale=de`.
 */
const actionCallLocale = (url: URL): Locale | undefined => {
  if (!url.pathname.startsWith('/_actions/')) return undefined
  const named = url.searchParams.get('locale')
  return isLocale(named) ? named : undefined
}

/** A German page's HTML with its links to shop pages under `/de/` (`localizeLinks`); anything else as it is. */
const inLocale = async (response: Response, locale: Locale): Promise<Response> => {
  if (!response.body || !(response.headers.get('content-type') ?? '').startsWith('text/html')) return response
  const html = localizeLinks(await response.text(), locale)
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return new Response(html, { headers, status: response.status, statusText: response.statusText })
}
