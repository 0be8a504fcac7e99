/**
 * The security headers of every CMS response (docs/security.md, "Security headers (CMS)"). The REST API
 * (both servers: `next start` and `scripts/serveApi.ts`) answers JSON and media files, which no page may
 * frame, script or sniff; the admin is a Next app with its own, nonce-based CSP (`adminCsp`).
 */

/** One header, as Next's `headers()` config and a `Headers` object both take it. */
export type HeaderEntry = { key: string; value: string }

/** Two years, with subdomains: what HSTS preload lists ask for. Sent only in production (HTTPS). */
const HSTS = 'max-age=63072000; includeSubDomains'

/** Features no CMS page uses; an embedded page cannot ask for them either. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'

/** What every response carries, the admin's and the API's. */
export const baseSecurityHeaders = ({ production }: { production: boolean }): HeaderEntry[] => [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  ...(production ? [{ key: 'Strict-Transport-Security', value: HSTS }] : []),
]

/**
 * The REST API's responses: JSON and media files are never documents that run scripts, load anything or
 * sit in a frame; `sandbox` also neuters an uploaded SVG or HTML file opened directly.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"

export const apiSecurityHeaders = ({ production }: { production: boolean }): HeaderEntry[] => [
  ...baseSecurityHeaders({ production }),
  { key: 'Content-Security-Policy', value: API_CSP },
  { key: 'X-Frame-Options', value: 'DENY' },
]

/**
 * The admin's CSP: scripts only with this response's nonce (Next puts it on its own scripts; `'strict-dynamic'`
 * lets them load their chunks), no plugins, no base-URI tricks, forms only to the CMS, and no framing except
 * by the CMS itself. Frames may show the CMS and `frameOrigins` (the storefront, whose preview pages Live Preview
shows; docs/preview.md). Styles keep
 * `'unsafe-inline'`: Payload's admin and its rich-text editor set `style` attributes throughout (see
 * docs/security.md). Images may come from Payload's server URL and the media bucket's public URL.
 */
export const adminCsp = ({ frameOrigins = [], imageOrigins, nonce, production }: { frameOrigins?: string[]; imageOrigins: string[]; nonce: string; production: boolean }): string =>
  [
    "default-src 'self'",
    // Next's development server evaluates modules with `eval` (React's dev tools need it); production does not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? '' : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    ['img-src', "'self'", 'data:', 'blob:', ...imageOrigins].join(' '),
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    ['frame-src', "'self'", ...frameOrigins].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ')

/** The admin pages' headers besides the CSP (which carries a per-request nonce, so the request proxy sets it). */
export const adminSecurityHeaders = ({ production }: { production: boolean }): HeaderEntry[] => [
  ...baseSecurityHeaders({ production }),
  { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
]

/** Sets each header on `headers` (replacing what was there) and returns it. */
export const setAll = (headers: Headers, entries: HeaderEntry[]): Headers => {
  for (const { key, value } of entries) headers.set(key, value)
  return headers
}
