import { ActionError, type ActionAPIContext, defineAction } from 'astro:actions'

import { forgotInput, loginInput, profileInput, registerInput, resetInput, type SignedIn } from '../domains/account/account'
import {
  beginAccountSession,
  isSpentResetLink,
  logIn,
  logOut,
  readAccount,
  register,
  requestPasswordReset,
  resetPassword,
  storeAccount,
  updateMe,
} from '../domains/account/account.server'
import { addFlash, adoptGuestCart } from '../domains/cart/cart.server'
import { cmsFieldTexts, cmsMessageText, fieldErrorText } from '../domains/account/formMessages'
import { parseReturnForm } from '../domains/account/returns'
import { requestReturn } from '../domains/account/returns.server'
import { placedHere } from '../domains/checkout/checkout.server'
import { dictionaryOf } from '../domains/i18n/dictionary'
import { FieldsError } from '../platform/forms/fieldsError'
import { type ActionSession, sessionOf, whileCmsAnswers } from './session'

/**
 * The messages of an action in the shopper's language (`/de/…` forms answer in German): the
 * storefront's own, and the CMS's refusals through `formMessages.ts`.
 */
const wordsOf = (context: ActionAPIContext) => {
  const { locale } = context.locals
  return {
    ...dictionaryOf(locale),
    cmsFields: (fields: Record<string, string>) => cmsFieldTexts(locale, fields),
    cmsMessage: (message: string) => cmsMessageText(locale, message),
    locale,
  }
}

/** Where the browser goes after a successful account form (the middleware redirects there). */
type Done = { redirect: string }

/**
 * Makes the session the customer's: their guest cart is folded into the saved one first, so a CMS
 * that cannot save it leaves the visitor as they were (signed out, cart untouched).
 */
const signIn = async (session: ActionSession, account: SignedIn, savedCart: unknown, unavailable: string): Promise<void> => {
  const notices = await whileCmsAnswers(() => adoptGuestCart(session, account, savedCart), unavailable)
  await beginAccountSession(session, account)
  await addFlash(session, notices)
}

const signedInOrFail = async (session: ActionSession, sessionEnded: string): Promise<SignedIn> => {
  const account = await readAccount(session)
  if (!account) throw new ActionError({ code: 'UNAUTHORIZED', message: sessionEnded })
  return account
}

/** Register, sign in and out, profile, and the forgotten-password pair; each form works without JavaScript. */
export const account = {
  login: defineAction({
    accept: 'form',
    input: loginInput,
    handler: async ({ email, next, password }, context): Promise<Done> => {
      const session = sessionOf(context)
      const words = wordsOf(context)
      const { unavailable } = words.accountMessages
      const result = await whileCmsAnswers(() => logIn(email, password), unavailable)
      if (result.kind === 'refused') {
        // Too many failed sign-ins from this shopper's address (the CMS's limits): its message says how long to wait.
        if (result.status === 429) throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: `${words.cmsMessage(result.message)} ${words.accountMessages.resetMeanwhile}` })
        throw new ActionError({ code: 'UNAUTHORIZED', message: words.accountMessages.wrongPassword })
      }
      await signIn(session, result.account, result.cart, unavailable)
      return { redirect: next }
    },
  }),

  register: defineAction({
    accept: 'form',
    input: registerInput,
    handler: async (input, context): Promise<Done> => {
      const session = sessionOf(context)
      const words = wordsOf(context)
      const { unavailable } = words.accountMessages
      const created = await whileCmsAnswers(() => register(input), unavailable)
      if (created.kind === 'refused') {
        const message = Object.keys(created.fields).length > 0 ? words.formErrors.checkFields : words.cmsMessage(created.message)
        throw new FieldsError({ code: 'BAD_REQUEST', fields: words.cmsFields(created.fields), message })
      }
      const result = await whileCmsAnswers(() => logIn(input.email, input.password), unavailable)
      if (result.kind === 'refused') throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: words.accountMessages.createdSignInFailed })
      await signIn(session, result.account, result.cart, unavailable)
      await addFlash(session, [{ kind: 'info', text: words.accountMessages.welcome(input.name) }])
      return { redirect: '/account' }
    },
  }),

  logout: defineAction({
    accept: 'form',
    handler: async (_input, context): Promise<Done> => {
      await logOut(sessionOf(context))
      return { redirect: '/' }
    },
  }),

  profile: defineAction({
    accept: 'form',
    input: profileInput,
    handler: async ({ name }, context): Promise<Done> => {
      const session = sessionOf(context)
      const words = wordsOf(context)
      const { sessionEnded, unavailable } = words.accountMessages
      const account = await signedInOrFail(session, sessionEnded)
      const result = await whileCmsAnswers(() => updateMe(account, { name }), unavailable)
      if (result === 'signed-out') throw new ActionError({ code: 'UNAUTHORIZED', message: sessionEnded })
      if (result !== 'saved') throw new FieldsError({ code: 'BAD_REQUEST', fields: words.cmsFields(result.fields), message: words.cmsMessage(result.message) })
      storeAccount(session, { ...account, user: { ...account.user, name } })
      await addFlash(session, [{ kind: 'info', text: words.accountMessages.detailsSaved }])
      return { redirect: '/account' }
    },
  }),

  forgot: defineAction({
    accept: 'form',
    input: forgotInput,
    handler: async ({ email }, context): Promise<Done> => {
      const words = wordsOf(context)
      const refusal = await whileCmsAnswers(() => requestPasswordReset(email, context.locals.locale), words.accountMessages.unavailable)
      if (refusal) throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: words.cmsMessage(refusal.message) })
      // The same answer whether or not the address has an account: the form reveals nobody's.
      await addFlash(sessionOf(context), [{ kind: 'info', text: words.accountMessages.resetSent(email) }])
      return { redirect: '/account/login' }
    },
  }),

  reset: defineAction({
    accept: 'form',
    input: resetInput,
    handler: async ({ password, token }, context): Promise<Done> => {
      const session = sessionOf(context)
      const words = wordsOf(context)
      const { unavailable } = words.accountMessages
      const result = await whileCmsAnswers(() => resetPassword(token, password), unavailable)
      if (result.kind === 'refused') {
        const message = isSpentResetLink(result) ? words.accountMessages.resetExpired : words.cmsMessage(result.message)
        throw new FieldsError({ code: 'BAD_REQUEST', fields: words.cmsFields(result.fields), message })
      }
      await signIn(session, result.account, result.cart, unavailable)
      await addFlash(session, [{ kind: 'info', text: words.accountMessages.passwordSet }])
      return { redirect: '/account' }
    },
  }),

  /**
   * A return request for lines of a delivered order, from its page. The outcome (sent, or the CMS's
   * reason for refusing) waits as a notice on that page; the CMS checks every rule.
   */
  requestReturn: defineAction({
    accept: 'form',
    handler: async (form: FormData, context): Promise<Done> => {
      const session = sessionOf(context)
      const words = wordsOf(context)
      const parsed = parseReturnForm(form)
      const orderId = Number(form.get('orderId'))
      const back = Number.isSafeInteger(orderId) && orderId > 0 ? `/order/${orderId}` : '/account/orders'
      if (!parsed.success) {
        await addFlash(session, [{ kind: 'error', text: fieldErrorText(words.locale, parsed.error.issues[0]?.message ?? '') }])
        return { redirect: back }
      }
      // The checkout's token (this session placed it), else her account; an email's link token only reads the order.
      const account = await readAccount(session)
      const placed = await placedHere(session, parsed.data.orderId)
      const guestToken = placed && !placed.fromLink ? placed.guestToken : undefined
      const viewer = guestToken ? { guestToken } : account ? { account } : undefined
      if (!viewer) throw new ActionError({ code: 'UNAUTHORIZED', message: words.accountMessages.signInToReturn })
      const result = await whileCmsAnswers(() => requestReturn(parsed.data, viewer), words.accountMessages.unavailable)
      await addFlash(session, [
        result.kind === 'requested' ? { kind: 'info', text: words.accountMessages.returnSent } : { kind: 'error', text: words.cmsMessage(result.message) },
      ])
      return { redirect: back }
    },
  }),
}
