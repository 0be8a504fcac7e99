/**
 * Preview tokens: what lets a storefront page show a product's or category's saved draft (docs/preview.md).
 * The CMS mints them for staff (the admin's Preview button and Live Preview); the storefront checks them
 * before asking, and the CMS checks them again before answering. A token is a JWT (HS256, `jose`) signed
 * with `PREVIEW_SECRET`, bound to one document (`sub` = `<collection>:<id>`) and short-lived.
 */
import { jwtVerify, SignJWT } from 'jose'

/** The collections a storefront page can preview. */
export const PREVIEW_COLLECTIONS = ['products', 'categories'] as const
export type PreviewCollection = (typeof PREVIEW_COLLECTIONS)[number]

/** The header the storefront sends its token to the CMS in (never a cookie, never the query). */
export const PREVIEW_TOKEN_HEADER = 'x-preview-token'

/** The least length of `PREVIEW_SECRET` (HS256 wants at least 256 bits of key). */
export const PREVIEW_SECRET_MIN_LENGTH = 32

const ISSUER = 'showroom-cms'
const AUDIENCE = 'showroom-preview'

/**
 * Tokens are minted on a grid of this many seconds: the admin asks for a Live Preview URL again on every
 * form change, and an unchanged URL keeps the iframe from reloading. So a token lives between
 * `ttlSeconds` and `ttlSeconds + TOKEN_GRID_SECONDS`.
 */
export const TOKEN_GRID_SECONDS = 300

export type PreviewTarget = { collection: PreviewCollection; id: number }

const keyOf = (secret: string): Uint8Array => new TextEncoder().encode(secret)
const subjectOf = ({ collection, id }: PreviewTarget): string => `${collection}:${id}`

export const isPreviewCollection = (value: string): value is PreviewCollection => (PREVIEW_COLLECTIONS as readonly string[]).includes(value)

/** A token opening `target`'s draft for `ttlSeconds` (from the current grid step; see `TOKEN_GRID_SECONDS`). */
export const mintPreviewToken = async (target: PreviewTarget, { now = Date.now(), secret, ttlSeconds }: { now?: number; secret: string; ttlSeconds: number }): Promise<string> => {
  const issuedAt = Math.floor(now / 1000 / TOKEN_GRID_SECONDS) * TOKEN_GRID_SECONDS
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(subjectOf(target))
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + TOKEN_GRID_SECONDS + ttlSeconds)
    .sign(keyOf(secret))
}

/**
 * Whether `token` opens `target`: signed with `secret` (HS256 only), issued by the CMS for previews,
 * unexpired, for exactly this collection and id. Never throws: a malformed token is simply no token.
 */
export const previewTokenOpens = async (token: null | string | undefined, target: PreviewTarget, secret: string): Promise<boolean> => {
  if (!token || token.length > 2048) return false
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'], audience: AUDIENCE, issuer: ISSUER, subject: subjectOf(target) })
    return typeof payload.exp === 'number'
  } catch {
    return false
  }
}
