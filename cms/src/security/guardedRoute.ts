import { readEnv } from '../env'
import { clientAddressFromHeaders } from './clientAddress'
import { createRequestSecurity, type RequestSecurity } from './requestSecurity'

type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>

const key = Symbol.for('showroom.requestSecurity')

/** One per process, kept across Next's module reloads in development (one Redis connection, one set of counts). */
const security = (): RequestSecurity => {
  const store = globalThis as Record<symbol, RequestSecurity | undefined>
  store[key] ??= createRequestSecurity(readEnv())
  return store[key]
}

/**
 * A REST route handler under Next with the rate limits and login lockout of the API server
 * (docs/security.md). The client is the address `scripts/serveNext.ts` stamped on the request.
 */
export const guardedRoute =
  <Context>(handler: RouteHandler<Context>): RouteHandler<Context> =>
  (request, context) =>
    security().guard(request, clientAddressFromHeaders(request.headers, (message) => console.warn(message)), () => handler(request, context))
