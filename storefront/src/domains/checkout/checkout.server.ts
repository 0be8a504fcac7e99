import { createHash } from 'node:crypto'

import type { AstroGlobal } from 'astro'

import { z } from 'astro/zod'

import type { SignedIn } from '../account/account'
import { authHeaders } from '../account/account.server'
import type { Cart } from '../cart/cart'
import { cms } from '../../platform/cms/cms.server'
import { CmsError } from '../../platform/cms/cmsError'
import { type CheckoutState, cartFingerprint, parseCheckoutState } from './checkout'
import type { CmsRefusal } from './checkoutMessages'
import { type Order, orderSchema } from './order'
import { type PaymentAction, paymentActionSchema } from './stripe'

type Session = NonNullable<AstroGlobal['session']>

/** How many checkouts this session has finished (or abandoned after a 422): part of the idempotency key. */
const ATTEMPT_KEY = 'checkoutGeneration'
const STATE_KEY = 'checkoutState'
const ORDERS_KEY = 'orders'
/** How many placed orders a session remembers the guest tokens of. */
const MAX_ORDERS = 10
/** Longer than any guest or link token the CMS hands out. */
const MAX_TOKEN_LENGTH = 500

const generationSchema = z.number().int().min(0)

/**
 * The `Idempotency-Key` for checking out this cart: derived from the session, the cart's contents and
 * how many orders this session has placed, so every submit of the same cart (a double click, two
 * requests racing, a retry after a lost answer) carries the same key and places one order. A changed
 * cart or a placed order gives a new key. Nothing is random, so concurrent requests need not share state.
 */
export const idempotencyKeyFor = async (session: Session, cart: Cart): Promise<string> => {
  const sessionId = session.sessionID
  if (!sessionId) throw new Error('The session has no id: the checkout cannot be keyed')
  const generation = await currentAttempt(session)
  const digest = createHash('sha256').update(JSON.stringify([sessionId, generation, cartFingerprint(cart)])).digest('base64url')
  return `checkout-${digest}`
}

/** The number of this session's current checkout attempt (0 before the first order). */
export const currentAttempt = async (session: Session | undefined): Promise<number> => {
  const parsed = generationSchema.safeParse(await session?.get<unknown>(ATTEMPT_KEY))
  return parsed.success ? parsed.data : 0
}

/** Moves on to a new key for this session, so the next checkout is a new order. */
export const endAttempt = async (session: Session): Promise<void> => {
  session.set(ATTEMPT_KEY, (await currentAttempt(session)) + 1)
}

/** Keeps a failed attempt's message, field messages and values for the checkout page (post-redirect-get). */
export const saveCheckoutState = (session: Session | undefined, state: CheckoutState): void => session?.set(STATE_KEY, state)

/** The waiting state of the last failed attempt, removed as it is read. */
export const takeCheckoutState = async (session: Session | undefined): Promise<CheckoutState | undefined> => {
  if (!session) return undefined
  const state = parseCheckoutState(await session.get<unknown>(STATE_KEY))
  if (state) session.delete(STATE_KEY)
  return state
}

// A customer's orders have no guest token: the session remembers them only to thank the shopper.
// `fromLink`: opened from an order email's link (its read-only token), not placed in this session.
const placedSchema = z
  .array(
    z.object({
      attempt: generationSchema.optional(),
      fromLink: z.literal(true).optional(),
      guestToken: z.string().min(1).max(MAX_TOKEN_LENGTH).optional(),
      orderId: z.number().int().positive(),
      /** [stripe] What the browser must still do to pay (3-D Secure), kept for the order page. */
      paymentAction: paymentActionSchema.optional(),
    }),
  )
  .max(MAX_ORDERS)
type Placed = z.infer<typeof placedSchema>

const readPlaced = async (session: Session | undefined): Promise<Placed> => {
  const parsed = placedSchema.safeParse(await session?.get<unknown>(ORDERS_KEY))
  return parsed.success ? parsed.data : []
}

/**
 * Remembers an order this session placed: for a guest with its token, the only way they can see it
 * again; for a customer just so the order page can thank them.
 */
export const rememberOrder = async (session: Session, placed: Placed[number]): Promise<void> => {
  const earlier = (await readPlaced(session)).filter((item) => item.orderId !== placed.orderId)
  session.set(ORDERS_KEY, [...earlier, placed].slice(-MAX_ORDERS))
}

/** The order this session placed in checkout attempt `attempt`, if it placed one. */
export const placedInAttempt = async (session: Session | undefined, attempt: number): Promise<Placed[number] | undefined> =>
  (await readPlaced(session)).find((item) => item.attempt === attempt)

/** Whether this session placed (or opened from an email link) order `orderId`, and the guest token it holds for it, if any. */
export const placedHere = async (session: Session | undefined, orderId: number): Promise<Placed[number] | undefined> =>
  (await readPlaced(session)).find((item) => item.orderId === orderId)

/**
 * Opens an order from its email's link (`/order/<id>?t=<token>`): when the CMS opens the order with the
 * token, the session keeps it like a placed order's guest token and the answer is true. A token the CMS
 * refuses (forged, expired, another order's) is dropped, leaving what the session held. Throws `CmsError`
 * when the CMS cannot answer.
 */
export const openOrderLink = async (session: Session | undefined, orderId: number, token: string): Promise<boolean> => {
  if (!session || token === '' || token.length > MAX_TOKEN_LENGTH) return false
  if ((await placedHere(session, orderId))?.guestToken !== undefined) return true
  try {
    await fetchOrder(orderId, { guestToken: token })
  } catch (error) {
    if (error instanceof CmsError && error.kind === 'status' && (error.status === 403 || error.status === 404)) return false
    throw error
  }
  await rememberOrder(session, { fromLink: true, guestToken: token, orderId })
  return true
}

const issueSchema = z.object({ message: z.string(), path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]) })
const problemSchema = z.object({
  errors: z
    .array(
      z.object({
        data: z
          .object({
            issues: z.array(issueSchema).optional(),
            // A refused discount code's reason, the lines short of stock: what the storefront words itself.
            reason: z.string().max(100).optional().catch(undefined),
            shortages: z
              .array(z.object({ available: z.number().int(), requested: z.number().int(), sku: z.string().max(200), title: z.string().max(500) }))
              .max(100)
              .optional()
              .catch(undefined),
          })
          .loose()
          .optional(),
        message: z.string(),
      }),
    )
    .min(1),
})

/** How the CMS answered an order request. */
export type PlaceOrderResult =
  /** `guestToken` only for a guest: a customer's order opens with their own sign-in. */
  | { kind: 'placed'; guestToken: string | undefined; order: Order; paymentAction?: PaymentAction }
  /** `status` is the CMS's: 400 invalid, 402 declined, 409 out of stock, 422 key reused with another request. */
  | ({ kind: 'refused'; issues: Array<{ message: string; path: string }> } & CmsRefusal)

const placedAnswerSchema = z.object({ guestToken: z.string().min(1).optional(), order: orderSchema, paymentAction: paymentActionSchema.optional() })

/**
 * Sends an order request to the CMS, as the signed-in customer when `account` is given (the order is
 * then theirs), else as a guest. Throws `CmsError` when the CMS is down, slow or answers something unexpected.
 */
export const placeOrder = async (body: unknown, idempotencyKey: string, account?: SignedIn): Promise<PlaceOrderResult> => {
  const headers = { ...(account ? authHeaders(account) : {}), 'idempotency-key': idempotencyKey }
  const { body: answer, status } = await cms.post('/orders', body, { headers })
  const url = '/orders'
  if (status === 200 || status === 201) {
    const parsed = placedAnswerSchema.safeParse(answer)
    if (!parsed.success) throw new CmsError('invalid-response', 'CMS answer to POST /orders has an unexpected shape', { cause: parsed.error, url })
    return { guestToken: parsed.data.guestToken, kind: 'placed', order: parsed.data.order, paymentAction: parsed.data.paymentAction }
  }
  const problem = problemSchema.safeParse(answer)
  if (!problem.success) throw new CmsError('status', `CMS answered ${status} for POST /orders`, { cause: problem.error, status, url })
  const [first] = problem.data.errors
  const issues = (first?.data?.issues ?? []).map((issue) => ({
    message: issue.message,
    path: Array.isArray(issue.path) ? issue.path.join('.') : issue.path,
  }))
  return { issues, kind: 'refused', message: first?.message ?? 'The order was refused.', reason: first?.data?.reason, shortages: first?.data?.shortages, status }
}

/** Who opens an order: its guest (the token from checkout) or its signed-in customer. */
export type OrderViewer = { account: SignedIn } | { guestToken: string }

/** The order as its guest or customer sees it. Throws `CmsError` (status 403/404 when the viewer may not open it). */
export const fetchOrder = (orderId: number, viewer: OrderViewer): Promise<Order> =>
  cms.get(`/orders/${orderId}`, orderSchema, new URLSearchParams({ depth: '0' }), {
    headers: 'account' in viewer ? authHeaders(viewer.account) : { 'x-order-token': viewer.guestToken },
  })
