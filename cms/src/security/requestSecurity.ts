import type { CmsEnv } from '../env'

import { compileProxyTrust, type ProxyTrust } from './clientAddress'
import { createRateLimitGuard, type RateLimitGuard } from './rateLimitGuard'

/** What both of the CMS's servers apply before Payload: who the client is, and the limits on it. */
export type RequestSecurity = { guard: RateLimitGuard; trust: ProxyTrust }

type SecurityEnv = Pick<
  CmsEnv,
  | 'LOGIN_LOCKOUT'
  | 'RATE_LIMIT_DISCOUNT_CODES'
  | 'RATE_LIMIT_LOGIN'
  | 'RATE_LIMIT_LOGIN_ACCOUNT'
  | 'RATE_LIMIT_ORDERS'
  | 'RATE_LIMIT_PASSWORD_RESET'
  | 'RATE_LIMIT_SIGNUP'
  | 'REDIS_PREFIX'
  | 'REDIS_URL'
  | 'TRUSTED_PROXIES'
>

/** One per process: its limiters hold the counts (or the Redis connection they live behind). */
export const createRequestSecurity = (env: SecurityEnv, apiRoute = '/api/v1'): RequestSecurity => ({
  guard: createRateLimitGuard({
    apiRoute,
    limits: {
      discountCodes: env.RATE_LIMIT_DISCOUNT_CODES,
      lockout: env.LOGIN_LOCKOUT,
      login: env.RATE_LIMIT_LOGIN,
      loginAccount: env.RATE_LIMIT_LOGIN_ACCOUNT,
      orders: env.RATE_LIMIT_ORDERS,
      passwordReset: env.RATE_LIMIT_PASSWORD_RESET,
      redisPrefix: env.REDIS_PREFIX,
      redisUrl: env.REDIS_URL,
      signUp: env.RATE_LIMIT_SIGNUP,
    },
  }),
  trust: compileProxyTrust(env.TRUSTED_PROXIES),
})
