import { type NextRequest, NextResponse } from 'next/server'

import { REQUEST_ID_HEADER, requestIdOf } from './observability/requestId'

/**
 * Next's request proxy (the middleware of earlier Next versions) for the REST API under `next start`:
 * the same request id as the API server — the caller's when well-formed, else a new one — passed on
 * to Payload and echoed in the response. (Request logs and HTTP metrics are the API server's.)
 */
export function proxy(request: NextRequest): NextResponse {
  const requestId = requestIdOf(request.headers.get(REQUEST_ID_HEADER))
  const headers = new Headers(request.headers)
  headers.set(REQUEST_ID_HEADER, requestId)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set(REQUEST_ID_HEADER, requestId)
  return response
}

export const config = { matcher: '/api/:path*' }
