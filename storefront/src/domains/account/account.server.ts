import type { AstroGlobal } from 'astro'

import { z } from 'astro/zod'

import { type OrderSummary, orderSummarySchema } from '../checkout/order'
import { cms } from '../../platform/cms/cms.server'
import { CmsError } from '../../platform/cms/cmsError'
import { appendQuery } from '../../platform/cms/whereQuery'
import { type FormState, parseFormState, parseSignedIn, type SignedIn, tokenExpiry, type User, userSchema } from './account'
import { log } from '../../platform/observability/log'
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale'

type Session = NonNullable<AstroGlobal['session']>

const ACCOUNT_KEY = 'account'
const FORM_STATE_KEY = 'accountForm'
/** A token closer than this to its expiry is exchanged for a fresh one, so an active shopper stays signed in. */
const REFRESH_WITHIN_S = 30 * 60

/** The header that makes a CMS request act as the signed-in customer. */
export const authHeaders = (account: SignedIn): Record<string, string> => ({ authorization: `JWT ${account.token}` })

/** Signs the session out locally (the CMS already refused its token). */
export const forgetAccount = (session: Session | undefined): void => session?.delete(ACCOUNT_KEY)

const refreshedSchema = z.object({ exp: z.number().int().positive(), refreshedToken: z.string().min(1) })

/** Exchanges a token about to expire; keeps the old one when the CMS cannot answer right now. */
const refresh = async (session: Session, account: SignedIn): Promise<SignedIn | undefined> => {
  try {
    const { body, status } = await cms.post('/users/refresh-token', {}, { headers: authHeaders(account) })
    if (status === 401 || status === 403) {
      forgetAccount(session)
      return undefined
    }
    const parsed = refreshedSchema.safeParse(body)
    if (!parsed.success) return account
    const next = { ...account, exp: parsed.data.exp, token: parsed.data.refreshedToken }
    session.set(ACCOUNT_KEY, next)
    return next
  } catch (error) {
    if (!(error instanceof CmsError)) throw error
    return account
  }
}

/** The signed-in customer of this session, or undefined for a guest (an expired sign-in is dropped). */
export const readAccount = async (session: Session | undefined): Promise<SignedIn | undefined> => {
  if (!session) return undefined
  const stored = await session.get<unknown>(ACCOUNT_KEY)
  if (stored === undefined) return undefined
  const account = parseSignedIn(stored, Date.now())
  if (!account) {
    forgetAccount(session)
    return undefined
  }
  return account.exp - Date.now() / 1000 < REFRESH_WITHIN_S ? refresh(session, account) : account
}

/**
 * Makes this session the customer's. The session gets a new id first, so an id someone planted
 * before sign-in (session fixation) opens nothing afterwards.
 */
export const beginAccountSession = async (session: Session, account: SignedIn): Promise<void> => {
  await session.regenerate()
  storeAccount(session, account)
}

/** Keeps the customer's changed details (a new name) in the session. */
export const storeAccount = (session: Session, account: SignedIn): void => session.set(ACCOUNT_KEY, account)

const problemSchema = z.object({
  errors: z
    .array(
      z.object({
        data: z.object({ errors: z.array(z.object({ message: z.string(), path: z.string() })).optional() }).loose().nullish(),
        message: z.string(),
      }),
    )
    .min(1),
})

/** How the CMS refused a request: its first message and the messages per field. */
export type Refusal = { fields: Record<string, string>; kind: 'refused'; message: string; status: number }

const refusalOf = (status: number, body: unknown, fallback: string): Refusal => {
  const parsed = problemSchema.safeParse(body)
  const fields: Record<string, string> = {}
  for (const issue of parsed.data?.errors[0]?.data?.errors ?? []) fields[issue.path] ??= issue.message
  return { fields, kind: 'refused', message: parsed.data?.errors[0]?.message ?? fallback, status }
}

// Login answers with `exp`; a password reset signs in too but sends only the token, which holds it.
const loggedInSchema = z
  .object({ exp: z.number().int().positive().optional(), token: z.string().min(1), user: userSchema })
  .transform((answer, context) => {
    const exp = answer.exp ?? tokenExpiry(answer.token)
    if (exp === undefined) {
      context.addIssue({ code: 'custom', message: 'The token has no expiry' })
      return z.NEVER
    }
    return { ...answer, exp }
  })

const toSignedIn = (answer: z.output<typeof loggedInSchema>): SignedIn => ({
  exp: answer.exp,
  token: answer.token,
  user: { email: answer.user.email, id: answer.user.id, ...(answer.user.name ? { name: answer.user.name } : {}) },
})

type SignInResult = { account: SignedIn; cart: unknown; kind: 'signed-in' } | Refusal

const signedInOrRefused = (url: string, status: number, body: unknown, fallback: string): SignInResult => {
  if (status !== 200) return refusalOf(status, body, fallback)
  const parsed = loggedInSchema.safeParse(body)
  if (!parsed.success) throw new CmsError('invalid-response', `CMS answer to POST ${url} has an unexpected shape`, { cause: parsed.error, url })
  return { account: toSignedIn(parsed.data), cart: parsed.data.user.cart, kind: 'signed-in' }
}

/** Checks a customer's credentials with the CMS. Throws `CmsError` when the CMS cannot answer. */
export const logIn = async (email: string, password: string): Promise<SignInResult> => {
  const { body, status } = await cms.post('/users/login', { email, password })
  return signedInOrRefused('/users/login', status, body, 'The email or password is incorrect.')
}

/** Creates a customer account (the CMS makes every sign-up a customer). Throws `CmsError`. */
export const register = async (input: { email: string; name: string; password: string }): Promise<Refusal | { kind: 'created' }> => {
  const { body, status } = await cms.post('/users', input)
  if (status === 201 || status === 200) return { kind: 'created' }
  // Payload's duplicate-email wording names the database: the action shows the shop's own (`formMessages.ts`).
  return refusalOf(status, body, 'The account could not be created.')
}

/** Ends the customer's CMS session, then this one. A CMS that cannot answer does not keep anyone signed in here. */
export const logOut = async (session: Session): Promise<void> => {
  const account = await readAccount(session)
  if (account) {
    try {
      await cms.post('/users/logout', {}, { headers: authHeaders(account) })
    } catch (error) {
      if (!(error instanceof CmsError)) throw error
      log.error('CMS sign-out failed; the session is signed out anyway', { err: error })
    }
  }
  session.destroy()
}

const meSchema = z.object({ user: userSchema.nullable() })

/**
 * The customer's own record from the CMS (name, email, saved cart), or `signed-out` when the CMS no
 * longer accepts the token (signed out elsewhere, password changed). Throws `CmsError`.
 */
export const fetchMe = async (account: SignedIn): Promise<User | 'signed-out'> => {
  try {
    const { user } = await cms.get('/users/me', meSchema, new URLSearchParams({ depth: '0' }), { headers: authHeaders(account) })
    return user && user.id === account.user.id ? user : 'signed-out'
  } catch (error) {
    if (error instanceof CmsError && (error.status === 401 || error.status === 403)) return 'signed-out'
    throw error
  }
}

/**
 * Changes fields of the customer's own record. `signed-out` when the CMS refuses the token; a
 * refusal carries the CMS's messages. Throws `CmsError` when the CMS cannot answer.
 */
export const updateMe = async (account: SignedIn, changes: Record<string, unknown>): Promise<'saved' | 'signed-out' | Refusal> => {
  const { body, status } = await cms.patch(`/users/${account.user.id}`, changes, { headers: authHeaders(account) })
  if (status === 200) return 'saved'
  if (status === 401 || status === 403) return 'signed-out'
  return refusalOf(status, body, 'Your changes could not be saved.')
}

/**
 * Asks the CMS to email a reset link; the answer is the same whether or not the address has an account.
 * Returns the CMS's refusal when this shopper asked too often (429), else nothing.
 */
export const requestPasswordReset = async (email: string, locale: Locale): Promise<Refusal | undefined> => {
  // The email's language and its link follow the shop the customer asked from.
  const path = locale === DEFAULT_LOCALE ? '/users/forgot-password' : `/users/forgot-password?locale=${locale}`
  const { body, status } = await cms.post(path, { email })
  if (status === 429) return refusalOf(status, body, 'Too many password reset requests. Please try again later.')
  if (status !== 200) throw new CmsError('status', `CMS answered ${status} for POST /users/forgot-password`, { cause: body, status, url: '/users/forgot-password' })
}

/** Sets a new password with the emailed token; the CMS signs the customer in on success. */
export const resetPassword = async (token: string, password: string): Promise<SignInResult> => {
  const { body, status } = await cms.post('/users/reset-password', { password, token })
  return signedInOrRefused('/users/reset-password', status, body, 'This reset link is not valid any more.')
}

/** Whether the CMS refused a new password for its link (expired, used, unknown) rather than for the password itself. */
export const isSpentResetLink = (refusal: Refusal): boolean => !refusal.fields.password && (refusal.status === 403 || refusal.status === 400)

/** Keeps a failed submit's messages and values for its page (post-redirect-get). */
export const saveFormState = (session: Session | undefined, state: FormState): void => session?.set(FORM_STATE_KEY, state)

/** The waiting state for `form`, removed as it is read. */
export const takeFormState = async (session: Session | undefined, form: FormState['form']): Promise<FormState | undefined> => {
  if (!session) return undefined
  const state = parseFormState(await session.get<unknown>(FORM_STATE_KEY))
  if (!state || state.form !== form) return undefined
  session.delete(FORM_STATE_KEY)
  return state
}

/** Orders shown per page of the order history. */
export const ORDERS_PER_PAGE = 10

const orderPageSchema = z.object({
  docs: z.array(orderSummarySchema),
  page: z.number().int().positive(),
  totalDocs: z.number().int().min(0),
  totalPages: z.number().int().min(0),
})

export type OrderHistoryPage = { orders: OrderSummary[]; page: number; totalOrders: number; totalPages: number }

/**
 * One page of the customer's orders, newest first, or `signed-out` when the CMS no longer accepts
 * the token. The CMS itself limits a customer to their own orders; the filter just says so.
 */
export const listOrders = async (account: SignedIn, page: number): Promise<OrderHistoryPage | 'signed-out'> => {
  const query = appendQuery(new URLSearchParams({ depth: '0', limit: String(ORDERS_PER_PAGE), page: String(page), sort: '-createdAt' }), 'where', {
    customer: { equals: account.user.id },
  })
  try {
    const answer = await cms.get('/orders', orderPageSchema, query, { headers: authHeaders(account) })
    return { orders: answer.docs, page: answer.page, totalOrders: answer.totalDocs, totalPages: answer.totalPages }
  } catch (error) {
    if (error instanceof CmsError && (error.status === 401 || error.status === 403)) return 'signed-out'
    throw error
  }
}
