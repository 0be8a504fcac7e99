import { type NextRequest, NextResponse } from 'next/server'

import { readEnv } from './env'
import { pageSecurity, type PageSecurityOptions } from './http/pageSecurity'
import { REQUEST_ID_HEADER, requestIdOf } from './observability/requestId'

let securityOptions: PageSecurityOptions | undefined
const securityOptionsOf = (): PageSecurityOptions => {
  if (!securityOptions) {
    const env = readEnv()
    // Payload writes media URLs with its server URL, which may not be the origin the editor browses
    // (localhost against 127.0.0.1, a LAN address in development); and the bucket's public URL with S3.
    const imageOrigins = [...new Set([new URL(env.SERVER_URL).origin, ...(env.s3?.publicUrl ? [new URL(env.s3.publicUrl).origin] : [])])]
    // Live Preview frames the storefront's preview pages (docs/preview.md): only when preview is on.
    const frameOrigins = env.PREVIEW_SECRET ? [...new Set(env.STOREFRONT_URL.map((url) => new URL(url).origin))] : []
    securityOptions = { apiRoute: '/api/v1', frameOrigins, imageOrigins, production: env.NODE_ENV === 'production' }
  }
  return securityOptions
}

/**
 * Next's request proxy (the middleware of earlier Next versions). For the REST API under `next start`:
 * the same request id as the API server — the caller's when well-formed, else a new one — passed on
 * to Payload and echoed in the response. (Request logs and HTTP metrics are the API server's.) For
 * every response: the security headers, with the admin's per-request CSP nonce (`http/pageSecurity.ts`).
 */
export function proxy(request: NextRequest): NextResponse {
  const requestId = requestIdOf(request.headers.get(REQUEST_ID_HEADER))
  const headers = new Headers(request.headers)
  headers.set(REQUEST_ID_HEADER, requestId)
  const security = pageSecurity(request.nextUrl.pathname, securityOptionsOf())
  for (const { key, value } of security.requestHeaders) headers.set(key, value)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set(REQUEST_ID_HEADER, requestId)
  for (const { key, value } of security.responseHeaders) response.headers.set(key, value)
  return response
}

// Everything but Next's build assets (their headers come from next.config.ts).
export const config = { matcher: '/((?!_next/static|_next/image|favicon.ico).*)' }
