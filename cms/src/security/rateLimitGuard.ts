import { setTimeout as sleep } from 'node:timers/promises'

import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible'

import { createLimiters, type Limiters, type RateLimitSettings } from './rateLimits'

/**
 * Runs before Payload on both of the CMS's servers: answers 429 (with `Retry-After`) when a client
 * is over a limit, and counts failed sign-ins per client and account (docs/security.md).
 * `forward` hands the request on to Payload.
 */
export type RateLimitGuard = (request: Request, client: string, forward: () => Promise<Response>) => Promise<Response>

/** Failed sign-ins of one client on one account answered at once; each one past them waits longer. */
const FAILURES_BEFORE_SLOWDOWN = 3
const FIRST_DELAY_MS = 250
const MAX_DELAY_MS = 4000

/** The largest sign-in body read to find its email; a larger one is refused (no body pads its way past the lockout). */
export const MAX_LOGIN_BODY_BYTES = 64 * 1024

type Limited = 'discountCodes' | 'login' | 'orders' | 'passwordReset' | 'signUp'
type Slugs = { orders: string; promotions: string; users: string }

/**
 * Which limit a request counts against, by method and path under the API route. A quote, and the cart's
 * promotions check, count as a discount code check only when they carry a code (`'quote'`, decided from
 * the body's `discountCode`; `'apply'`, from its `code`): the cart and checkout pages ask for the
 * automatic promotions on every view.
 */
const limitOf = (method: string, path: string, slugs: Slugs): Limited | 'apply' | 'quote' | null => {
  if (method !== 'POST') return null
  const users = `/${slugs.users}`
  if (path === `${users}/login`) return 'login'
  if (path === users || path === `${users}/first-register`) return 'signUp'
  if (path === `${users}/forgot-password` || path === `${users}/reset-password`) return 'passwordReset'
  if (path === `/${slugs.orders}`) return 'orders'
  if (path === `/${slugs.promotions}/apply`) return 'apply'
  if (path === `/${slugs.orders}/quote`) return 'quote'
  return null
}

const MESSAGES: Record<Limited | 'loginAccount' | 'lockout', string> = {
  discountCodes: 'Too many discount codes tried from your address.',
  lockout: 'Too many failed sign-ins to this account from your address.',
  login: 'Too many sign-in attempts from your address.',
  loginAccount: 'Too many failed sign-ins to this account.',
  orders: 'Too many orders from your address.',
  passwordReset: 'Too many password reset requests from your address.',
  signUp: 'Too many new accounts from your address.',
}

const inWords = (seconds: number): string => {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`
  const minutes = Math.ceil(seconds / 60)
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

/** Payload's error shape, so clients handle it as any other error. */
const tooMany = (reason: keyof typeof MESSAGES, msBeforeNext: number): Response => {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000))
  return Response.json(
    { errors: [{ message: `${MESSAGES[reason]} Try again in ${inWords(seconds)}.` }] },
    { headers: { 'Retry-After': String(seconds) }, status: 429 },
  )
}

/** Consumes a point; the limiter's refusal as a wait in ms, or null when allowed. A store error is not a refusal. */
const consume = async (limiter: RateLimiterAbstract, key: string): Promise<null | number> => {
  try {
    await limiter.consume(key)
    return null
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return outcome.msBeforeNext
    throw new Error('Rate limiter failed', { cause: outcome })
  }
}

/** How long `key` stays over its limit, or null while it is under it. */
const blockedFor = async (limiter: RateLimiterAbstract, key: string): Promise<null | number> => {
  const state = await limiter.get(key)
  return state && state.consumedPoints >= limiter.points ? state.msBeforeNext : null
}

/** The body's text, or null when it is larger than `max` bytes. Reads a copy: the request is left for Payload. */
const readCapped = async (request: Request, max: number): Promise<null | string> => {
  if (Number(request.headers.get('content-length') ?? '0') > max) return null
  const body = request.clone().body
  if (!body) return ''
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks).toString('utf8')
    size += value.byteLength
    if (size > max) {
      // Not awaited: a cancelled copy of a body settles only once the original is finished too. Cancelled,
      // the copy stops buffering what Payload (or the 413 below) reads from the original.
      void reader.cancel()
      return null
    }
    chunks.push(value)
  }
}

/** Whether a JSON request names a discount code in `field` (a body too large or malformed is left to Payload's answer). */
const namesACode = async (request: Request, field: 'code' | 'discountCode'): Promise<boolean> => {
  const text = await readCapped(request, MAX_LOGIN_BODY_BYTES)
  if (text === null) return false
  try {
    const data: unknown = JSON.parse(text)
    const code = data && typeof data === 'object' && field in data ? (data as Record<string, unknown>)[field] : undefined
    return typeof code === 'string' && code.trim() !== ''
  } catch {
    return false
  }
}

const emailIn = (data: unknown): string => {
  const email = data && typeof data === 'object' && 'email' in data ? data.email : undefined
  return typeof email === 'string' ? email.trim().toLowerCase() : ''
}

/**
 * The email a sign-in is for, as Payload reads it: a JSON body, or a form (the admin sends
 * `multipart/form-data` with the fields as JSON in `_payload`). '' when there is none (Payload answers
 * 400), null when the body is too large to read.
 */
const loginEmail = async (request: Request): Promise<null | string> => {
  const text = await readCapped(request, MAX_LOGIN_BODY_BYTES)
  if (text === null) return null
  const type = request.headers.get('content-type') ?? ''
  try {
    if (type.includes('application/json')) return emailIn(JSON.parse(text))
    if (type.includes('multipart/form-data') || type.includes('application/x-www-form-urlencoded')) {
      const form = await new Response(text, { headers: { 'content-type': type } }).formData()
      const fields = form.get('_payload')
      return emailIn(typeof fields === 'string' ? JSON.parse(fields) : Object.fromEntries(form))
    }
  } catch {
    // Malformed: Payload answers it with its own 400.
  }
  return ''
}

/** Sign-in: per client, then per account, then the client's lockout on this account; failures counted after. */
const guardLogin = async (limiters: Limiters, request: Request, client: string, forward: () => Promise<Response>): Promise<Response> => {
  const email = await loginEmail(request)
  if (email === null) {
    return Response.json({ errors: [{ message: `A sign-in request is at most ${MAX_LOGIN_BODY_BYTES / 1024} KB.` }] }, { status: 413 })
  }
  const overClient = await consume(limiters.login, client)
  if (overClient !== null) return tooMany('login', overClient)
  if (!email) return forward()
  const lockoutKey = `${client}|${email}`
  const overAccount = await blockedFor(limiters.loginAccount, email)
  if (overAccount !== null) return tooMany('loginAccount', overAccount)
  const locked = await blockedFor(limiters.lockout, lockoutKey)
  if (locked !== null) return tooMany('lockout', locked)

  const response = await forward()
  if (response.status === 200) {
    // The owner got in from this client: her earlier typos no longer count against it.
    await limiters.lockout.delete(lockoutKey)
    return response
  }
  if (response.status !== 401) return response
  const [failures] = await Promise.all([limiters.lockout.penalty(lockoutKey), limiters.loginAccount.penalty(email)])
  if (failures.consumedPoints >= limiters.lockout.points) {
    // Blocked for the whole period from its last failure, not just the rest of the window.
    await limiters.lockout.block(lockoutKey, limiters.lockout.duration)
  }
  const beyond = failures.consumedPoints - FAILURES_BEFORE_SLOWDOWN
  if (beyond > 0) await sleep(Math.min(FIRST_DELAY_MS * 2 ** (beyond - 1), MAX_DELAY_MS))
  return response
}

export type RateLimitGuardOptions = {
  /** Payload's API route, such as `/api/v1`. */
  apiRoute: string
  limits: RateLimitSettings
  /** The collections whose endpoints are limited. @default { orders: 'orders', promotions: 'promotions', users: 'users' } */
  slugs?: Slugs
}

/** The guard for one process; its limits live in Redis when `limits.redisUrl` is set. */
export const createRateLimitGuard = ({ apiRoute, limits, slugs = { orders: 'orders', promotions: 'promotions', users: 'users' } }: RateLimitGuardOptions): RateLimitGuard => {
  const limiters = createLimiters(limits)
  return async (request, client, forward) => {
    const { pathname } = new URL(request.url)
    if (!pathname.startsWith(`${apiRoute}/`)) return forward()
    const limit = limitOf(request.method, pathname.slice(apiRoute.length).replace(/\/+$/, ''), slugs)
    if (limit === null) return forward()
    if (limit === 'login') return guardLogin(limiters, request, client, forward)
    if ((limit === 'quote' || limit === 'apply') && !(await namesACode(request, limit === 'quote' ? 'discountCode' : 'code'))) return forward()
    const counted = limit === 'quote' || limit === 'apply' ? 'discountCodes' : limit
    const over = await consume(limiters[counted], client)
    return over === null ? forward() : tooMany(counted, over)
  }
}
