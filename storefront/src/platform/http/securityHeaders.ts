/**
 * The storefront's security headers, in one place: the Content-Security-Policy directives Astro adds
 * to every page (next to the hashes of the page's own scripts and styles, `security.csp` in
 * `astro.config.ts`), and the headers every response gets (`applySecurityHeaders`). See
 * docs/security.md, "Security headers (storefront)".
 */

/**
 * Who may frame the shop's pages: nobody. The one exception is a preview page whose token was
 * accepted, which the admin's origin may frame (Live Preview): `framedBy` widens that page's policy
 * alone (docs/preview.md). This constant and the fallback policy below are the places that say it.
 */
export const FRAME_ANCESTORS = "frame-ancestors 'none'"

/** `policy` with its `frame-ancestors` replaced by `origin` alone (an `https://host[:port]` origin). */
export const framedBy = (policy: string, origin: string): string => {
  if (!/^https?:\/\/[^\s;,'/]+$/.test(origin)) throw new Error(`Not an origin a page may be framed by: ${origin}`)
  const directives = policy.split(';').map((directive) => directive.trim()).filter((directive) => directive !== '' && !/^frame-ancestors\b/i.test(directive))
  return [...directives, `frame-ancestors ${origin}`].join('; ')
}

/**
 * The directives of every page's policy besides `script-src` and `style-src`, which Astro writes with
 * the hashes of what it bundled. Images may come from anywhere (the CMS, its object storage or a CDN
 * the shop configures at run time); they cannot run code. Everything the page connects to (actions,
 * server islands, live streams) is same-origin; nothing may be embedded; forms post only here.
 */
export const PAGE_CSP_DIRECTIVES = [
  "default-src 'self'",
  'img-src * data: blob:',
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  FRAME_ANCESTORS,
] as const

/**
 * The policy of a response Astro writes none for (JSON, streams, images, static files, redirects):
 * such a document, opened on its own, may load and run nothing (an SVG with a script stays inert).
 */
const FALLBACK_CSP = `default-src 'none'; ${FRAME_ANCESTORS}; base-uri 'none'; form-action 'none'`

/** One year, subdomains included: sent by production builds only (a developer's `http://localhost` must stay usable). */
const HSTS = 'max-age=31536000; includeSubDomains'

/**
 * Headers every response carries. A page's own `Content-Security-Policy` (Astro's, with its hashes)
 * replaces the fallback one, since the response's headers win over these defaults.
 */
export const securityHeaders = (production: boolean): ReadonlyArray<readonly [string, string]> => [
  ['content-security-policy', FALLBACK_CSP],
  ['x-content-type-options', 'nosniff'],
  // For browsers without CSP level 2 (frame-ancestors); same decision as FRAME_ANCESTORS.
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'strict-origin-when-cross-origin'],
  ['permissions-policy', 'camera=(), microphone=(), geolocation=(), usb=(), browsing-topics=()'],
  ['cross-origin-opener-policy', 'same-origin'],
  ...(production ? ([['strict-transport-security', HSTS]] as const) : []),
]

/** The part of a Node response `applySecurityHeaders` needs. */
type HeaderTarget = { removeHeader: (name: string) => void; setHeader: (name: string, value: string) => unknown }

/**
 * Sets the defaults on a Node response before anything writes it (`server.mjs` calls this through the
 * hot path for every request): values the app's `Response` carries later replace them, the others stay.
 */
export const applySecurityHeaders = (response: HeaderTarget, headers: ReadonlyArray<readonly [string, string]>): void => {
  for (const [name, value] of headers) response.setHeader(name, value)
  response.removeHeader('x-powered-by')
}
