import { adminCsp, adminSecurityHeaders, apiSecurityHeaders, type HeaderEntry } from './securityHeaders'

export type PageSecurityOptions = {
  /** The REST API's route (`/api/v1`): its responses get the API's headers, not a page's. */
  apiRoute: string
  /** Origins the admin may show in a frame besides its own: the storefront, when preview is on. @default none */
  frameOrigins?: string[]
  /** Origins the admin may show images from besides its own (Payload's server URL, the media bucket's public URL). */
  imageOrigins: string[]
  production: boolean
}

/** What Next's request proxy adds: headers for the request Next renders, and for the response. */
export type PageSecurity = { requestHeaders: HeaderEntry[]; responseHeaders: HeaderEntry[] }

/**
 * The security headers of a response `next start` / `next dev` serves (admin pages, their 404s, the API):
 * API paths get the API's (the route handler sets them again on its own answers; this covers what Next
 * answers itself, such as a 405); every other path gets the admin's, with a CSP whose script nonce is
 * new for each request. Next reads the nonce from the request's `Content-Security-Policy` header and puts
 * it on the scripts it renders (see the Next docs' CSP guide), so it is set on the request too.
 */
export const pageSecurity = (pathname: string, { apiRoute, frameOrigins, imageOrigins, production }: PageSecurityOptions): PageSecurity => {
  if (pathname === apiRoute || pathname.startsWith(`${apiRoute}/`)) return { requestHeaders: [], responseHeaders: apiSecurityHeaders({ production }) }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64')
  const csp = { key: 'Content-Security-Policy', value: adminCsp({ frameOrigins, imageOrigins, nonce, production }) }
  return { requestHeaders: [csp, { key: 'x-nonce', value: nonce }], responseHeaders: [...adminSecurityHeaders({ production }), csp] }
}
