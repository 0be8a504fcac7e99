import { handleEndpoints, type SanitizedConfig } from 'payload'

import { carriesCredentials, isPersonalPath, markPersonal } from './personalResponses'
import { bodyLimitOf, limitedBody, refuseRequest, tooLarge } from './requestGuard'
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
  /** Serves the checked request. @default Payload's `handleEndpoints` */
  forward?: (request: Request) => Promise<Response>
  /** Headers set on the request Payload sees. @default none */
  setHeaders?: Record<string, string>
}

/** The slug whose documents are personal even without credentials (guests read their orders with a token). */
const ORDERS_SLUG = 'orders'

/**
 * Payload's REST API (`handleEndpoints`) with the CMS's request rules around it, for both servers: the
 * Next route handler (`app/(payload)/api/v1/[...slug]/route.ts`) and the plain Node one
 * (`server/apiServer.ts`). Before Payload: the method, body type and size, and query parameters are
 * checked (`requestGuard.ts`); the body is cut off past its limit even without a Content-Length. After:
 * every answer carries the API's security headers, and personal or authenticated ones are marked
 * uncacheable (`personalResponses.ts`).
 */
export const createRestHandler = ({ config, payloadInstanceCacheKey, production }: RestHandlerOptions) => {
  const securityHeaders = apiSecurityHeaders({ production })

  /**
   * `forward` hands the checked request to Payload (Next's `REST_*` handlers; `handleEndpoints` by
   * default); `setHeaders` are set on the request Payload sees (the API server's request id).
   */
  return async (request: Request, { forward, setHeaders = {} }: RestCallOptions = {}): Promise<Response> => {
    const resolved = await config
    const pathname = new URL(request.url).pathname
    const segments = pathname.slice(resolved.routes.api.length).split('/').filter(Boolean)
    const personal = carriesCredentials(request.headers, resolved.cookiePrefix) || isPersonalPath(segments, { orders: ORDERS_SLUG, users: resolved.admin.user })

    const refused = refuseRequest(resolved, request, segments)
    let response: Response
    if (refused) {
      response = refused
    } else {
      const limit = bodyLimitOf(resolved, request.method, segments)
      let exceeded = false
      const body = request.body ? limitedBody(request.body, limit, () => (exceeded = true)) : null
      // `duplex: 'half'` lets a streamed body through (Node's fetch requires it; the DOM typings lack it).
      const headers = new Headers(request.headers)
      for (const [name, value] of Object.entries(setHeaders)) headers.set(name, value)
      const init: RequestInit & { duplex: 'half' } = { body, duplex: 'half', headers, method: request.method, signal: request.signal }
      const forwarded = new Request(request.url, init)
      const answered = await (forward ? forward(forwarded) : handleEndpoints({ config, payloadInstanceCacheKey, request: forwarded }))
      // A body without Content-Length that grew too large failed inside Payload: say why.
      response = exceeded ? tooLarge(limit) : answered
    }

    // Payload's responses may have immutable headers (a fetched file's); copy them before adding ours.
    const headers = setAll(new Headers(response.headers), securityHeaders)
    if (personal) markPersonal(headers)
    return new Response(response.body, { headers, status: response.status, statusText: response.statusText })
  }
}
