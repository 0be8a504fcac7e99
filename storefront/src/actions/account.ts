import { ActionError, defineAction } from 'astro:actions'

import { forgotInput, loginInput, profileInput, registerInput, resetInput, type SignedIn } from '../domains/account/account'
import {
  beginAccountSession,
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
import { FieldsError } from '../platform/forms/fieldsError'
import { type ActionSession, sessionOf, whileCmsAnswers } from './session'

const UNAVAILABLE = 'The shop could not reach your account just now. Please try again in a moment.'

/** Where the browser goes after a successful account form (the middleware redirects there). */
type Done = { redirect: string }

/**
 * Makes the session the customer's: their guest cart is folded into the saved one first, so a CMS
 * that cannot save it leaves the visitor as they were (signed out, cart untouched).
 */
const signIn = async (session: ActionSession, account: SignedIn, savedCart: unknown): Promise<void> => {
  const notices = await whileCmsAnswers(() => adoptGuestCart(session, account, savedCart), UNAVAILABLE)
  await beginAccountSession(session, account)
  await addFlash(session, notices)
}

const signedInOrFail = async (session: ActionSession): Promise<SignedIn> => {
  const account = await readAccount(session)
  if (!account) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please sign in again: your session has ended.' })
  return account
}

/** Register, sign in and out, profile, and the forgotten-password pair; each form works without JavaScript. */
export const account = {
  login: defineAction({
    accept: 'form',
    input: loginInput,
    handler: async ({ email, next, password }, context): Promise<Done> => {
      const session = sessionOf(context)
      const result = await whileCmsAnswers(() => logIn(email, password), UNAVAILABLE)
      if (result.kind === 'refused') {
        // Too many failed sign-ins from this shopper's address (the CMS's limits): its message says how long to wait.
        if (result.status === 429) throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: `${result.message} You can reset your password meanwhile.` })
        throw new ActionError({ code: 'UNAUTHORIZED', message: 'The email or password is incorrect.' })
      }
      await signIn(session, result.account, result.cart)
      return { redirect: next }
    },
  }),

  register: defineAction({
    accept: 'form',
    input: registerInput,
    handler: async (input, context): Promise<Done> => {
      const session = sessionOf(context)
      const created = await whileCmsAnswers(() => register(input), UNAVAILABLE)
      if (created.kind === 'refused') {
        throw new FieldsError({ code: 'BAD_REQUEST', fields: created.fields, message: Object.keys(created.fields).length > 0 ? 'Please check the fields marked below.' : created.message })
      }
      const result = await whileCmsAnswers(() => logIn(input.email, input.password), UNAVAILABLE)
      if (result.kind === 'refused') throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: 'Your account was created, but signing in failed. Please sign in.' })
      await signIn(session, result.account, result.cart)
      await addFlash(session, [{ kind: 'info', text: `Welcome, ${input.name}! Your account is ready.` }])
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
      const account = await signedInOrFail(session)
      const result = await whileCmsAnswers(() => updateMe(account, { name }), UNAVAILABLE)
      if (result === 'signed-out') throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please sign in again: your session has ended.' })
      if (result !== 'saved') throw new FieldsError({ code: 'BAD_REQUEST', fields: result.fields, message: result.message })
      storeAccount(session, { ...account, user: { ...account.user, name } })
      await addFlash(session, [{ kind: 'info', text: 'Your details are saved.' }])
      return { redirect: '/account' }
    },
  }),

  forgot: defineAction({
    accept: 'form',
    input: forgotInput,
    handler: async ({ email }, context): Promise<Done> => {
      const refusal = await whileCmsAnswers(() => requestPasswordReset(email), UNAVAILABLE)
      if (refusal) throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: refusal.message })
      // The same answer whether or not the address has an account: the form reveals nobody's.
      await addFlash(sessionOf(context), [
        { kind: 'info', text: `If there is an account for ${email}, we have sent it a link to choose a new password. It works for an hour.` },
      ])
      return { redirect: '/account/login' }
    },
  }),

  reset: defineAction({
    accept: 'form',
    input: resetInput,
    handler: async ({ password, token }, context): Promise<Done> => {
      const session = sessionOf(context)
      const result = await whileCmsAnswers(() => resetPassword(token, password), UNAVAILABLE)
      if (result.kind === 'refused') throw new FieldsError({ code: 'BAD_REQUEST', fields: result.fields, message: result.message })
      await signIn(session, result.account, result.cart)
      await addFlash(session, [{ kind: 'info', text: 'Your new password is set and you are signed in.' }])
      return { redirect: '/account' }
    },
  }),
}
