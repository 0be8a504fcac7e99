import { Redis } from 'ioredis'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'

/** `points` requests per `seconds`, as `RATE_LIMIT_*` and `LOGIN_LOCKOUT` state them (`"<points>/<seconds>"`). */
export type LimitSpec = { points: number; seconds: number }

/** The limits `docs/security.md` describes; defaults in `env.ts`. */
export type RateLimitSettings = {
  /** Discount code checks per client (`POST /promotions/apply`, and `POST /orders/quote` with a `discountCode`). */
  discountCodes: LimitSpec
  /** Failed sign-ins of one client on one account before that client is blocked for that account (for `seconds`). */
  lockout: LimitSpec
  /** Sign-in attempts per client. */
  login: LimitSpec
  /** Failed sign-ins on one account, from all clients together (a distributed guess). */
  loginAccount: LimitSpec
  /** Orders placed per client (`POST /orders`). */
  orders: LimitSpec
  /** Forgot- and reset-password requests per client. */
  passwordReset: LimitSpec
  /** Redis shared by the replicas; unset: each process counts alone, in memory. */
  redisUrl?: string
  /** Prefix of the counters' Redis keys (`<prefix>limit:<name>:<key>`). */
  redisPrefix: string
  /** Sign-ups per client (`POST /users`, `POST /users/first-register`). */
  signUp: LimitSpec
}

export type Limiters = Record<Exclude<keyof RateLimitSettings, 'redisPrefix' | 'redisUrl'>, RateLimiterAbstract>

/**
 * One rate-limiter-flexible limiter per limit: on Redis when `redisUrl` is set, so every replica
 * counts against the same numbers (atomic increments), else in this process's memory. When Redis does
 * not answer, each falls back to a memory limiter of the same size (its `insuranceLimiter`) instead
 * of failing the request: the limit then holds per replica until Redis is back.
 */
export const createLimiters = (settings: RateLimitSettings): Limiters => {
  const redis = settings.redisUrl
    ? // No offline queue: a command while disconnected fails at once and the insurance limiter answers.
      new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : null
  // A Redis that is down is reported by the limiter falling back, not by an unhandled 'error' event.
  redis?.on('error', () => undefined)
  const limiter = (name: string, { points, seconds }: LimitSpec): RateLimiterAbstract => {
    const options = { blockDuration: 0, duration: seconds, keyPrefix: `${settings.redisPrefix}limit:${name}`, points }
    const memory = new RateLimiterMemory(options)
    return redis ? new RateLimiterRedis({ ...options, insuranceLimiter: memory, storeClient: redis }) : memory
  }
  return {
    discountCodes: limiter('discount-codes', settings.discountCodes),
    lockout: limiter('lockout', settings.lockout),
    login: limiter('login', settings.login),
    loginAccount: limiter('login-account', settings.loginAccount),
    orders: limiter('orders', settings.orders),
    passwordReset: limiter('password-reset', settings.passwordReset),
    signUp: limiter('sign-up', settings.signUp),
  }
}
