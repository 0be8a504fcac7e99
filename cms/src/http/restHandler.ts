import { handleEndpoints, type SanitizedConfig } from 'payload'

import { carriesCredentials, isPersonalPath, markPersonal } from './personalResponses'
import { bodyLimitOf, isMethodOverrideGet, jsonBodyProblem, limitedBody, mediaTypeOf, problem, queryProblem, refuseRequest, tooLarge } from './requestRules'
import { apiSecurityHeaders, setAll } from './securityHeaders'

export type RestHandlerOptions = {
  /** The Payload config to serve. */
  config: Promise<SanitizedConfig> | SanitizedConfig
  /** The Payload instance, when the process runs several (`getPayload({ key })`). @default Payload's default instance */
  payloadInstanceCacheKey?: string
  /** Production sends HSTS (the site is served over HTTPS there). */
  production: boolean
}

export type RestCallOptions = {
  /** Hands the checked request to Payload (under Next: its `REST_*` route handlers). @default Payload's `handleEndpoints` */
  forward?: (request: Request) => Promise<Response>
  /** Headers set on the request Payload sees (the API server's request id). @default none */
  setHeaders?: Record<string, string>
}

/** The slug whose documents are personal even without credentials (guests read their orders with a token). */
const ORDERS_SLUG = 'orders'

/**
 * The check of a body that is read whole before Payload sees it, or null to stream it on: JSON (its
 * syntax, shape and depth), and the query the admin sends as a urlencoded body ("GET by POST"), which
 * Payload parses as it would a query string.
 */
const bufferedBodyCheck = (request: Request): ((text: string) => null | string) | null => {
  const type = mediaTypeOf(request.headers.get('content-type'))
  if (type === 'application/json') return jsonBodyProblem
  if (type === 'application/x-www-form-urlencoded' && isMethodOverrideGet(request)) return (text) => queryProblem(`?${text}`)
  return null
}

/**
 * Hands a checked request to Payload, its body cut off past its limit (even without a Content-Length).
 * A JSON or query body (at most 1 MB) is read whole first, so that one no endpoint can take is refused here.
 */
const toPayload = async (
  request: Request,
  config: SanitizedConfig,
  segments: string[],
  forward: (request: Request) => Promise<Response>,
  setHeaders: Record<string, string>,
): Promise<Response> => {
  const limit = bodyLimitOf(config, request.method, segments)
  let exceeded = false
  const limited = request.body ? limitedBody(request.body, limit, () => (exceeded = true)) : null
  let body: ReadableStream<Uint8Array> | null | Uint8Array<ArrayBuffer> = limited
  const read = bufferedBodyCheck(request)
  if (limited && read) {
    try {
      body = new Uint8Array(await new Response(limited).arrayBuffer())
    } catch (error) {
      if (exceeded) return tooLarge(limit)
      throw error
    }
    const found = read(new TextDecoder().decode(body))
    if (found) return problem(400, found)
  }
  const headers = new Headers(request.headers)
  for (const [name, value] of Object.entries(setHeaders)) headers.set(name, value)
  // `duplex: 'half'` lets a streamed body through (Node's fetch requires it; the DOM typings lack it).
  const init: RequestInit & { duplex: 'half' } = { body, duplex: 'half', headers, method: request.method, signal: request.signal }
  const answered = await forward(new Request(request.url, init))
  // A streamed body that grew too large failed inside Payload: say why.
  return exceeded ? tooLarge(limit) : answered
}

/**
 * Payload's REST API (`handleEndpoints`) with the CMS's request rules around it, for both servers: the
 * Next route handler (`app/(payload)/api/v1/[...slug]/route.ts`) and the plain Node one
 * (`server/apiServer.ts`). Before Payload: the method, body type and size, and query parameters are
 * checked (`requestRules.ts`), and the body is held to its limit and JSON to its depth. After:
 * every answer carries the API's security headers, and personal or authenticated ones are marked
 * uncacheable (`personalResponses.ts`).
 */
export const createRestHandler = ({ config, payloadInstanceCacheKey, production }: RestHandlerOptions) => {
  const securityHeaders = apiSecurityHeaders({ production })

  const payloadHandler = (request: Request) => handleEndpoints({ config, payloadInstanceCacheKey, request })
  return async (request: Request, { forward = payloadHandler, setHeaders = {} }: RestCallOptions = {}): Promise<Response> => {
    const resolved = await config
    const pathname = new URL(request.url).pathname
    const segments = pathname.slice(resolved.routes.api.length).split('/').filter(Boolean)
    const personal = carriesCredentials(request.headers, resolved.cookiePrefix) || isPersonalPath(segments, { orders: ORDERS_SLUG, users: resolved.admin.user })

    const response = refuseRequest(resolved, request, segments) ?? (await toPayload(request, resolved, segments, forward, setHeaders))

    // Payload's responses may have immutable headers (a fetched file's); copy them before adding ours.
    const headers = setAll(new Headers(response.headers), securityHeaders)
    if (personal) markPersonal(headers)
    return new Response(response.body, { headers, status: response.status, statusText: response.statusText })
  }
}
