import { createHmac } from 'node:crypto'

import { errors, jwtVerify, SignJWT } from 'jose'

import { DEFAULT_GUEST_TOKEN_LIFETIME_DAYS } from './guestToken'

const AUDIENCE = 'showroom:order-link'
const DAY_SECONDS = 24 * 60 * 60
/** A link token is a short JWT; anything much longer is not one, and is refused before any crypto. */
const MAX_TOKEN_LENGTH = 1000

/**
 * The key link tokens are signed with: derived from the server secret for this purpose only, so a link
 * token is never a valid Payload sign-in JWT (signed with the secret itself) nor the other way round.
 */
const linkKey = (secret: string): Uint8Array => createHmac('sha256', secret).update('showroom:order-link-key').digest()

/**
 * A link to one order for its emails: a JWT (HS256, `jose`) naming the order (`sub`) that expires
 * `lifetimeDays` after `issuedAt` (give the guest token's, `guestTokenLifetimeDays`; default 30). Unlike a
 * guest token it only reads: the orders' read access accepts it in `X-Order-Token`, and nothing that
 * changes an order does (see `changeStatusEndpoint`). Minted only for guest orders.
 */
export const createOrderLinkToken = (
  secret: string,
  orderId: number,
  { issuedAt = new Date(), lifetimeDays = DEFAULT_GUEST_TOKEN_LIFETIME_DAYS }: { issuedAt?: Date; lifetimeDays?: number | undefined } = {},
): Promise<string> => {
  const iat = Math.floor(issuedAt.getTime() / 1000)
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setSubject(String(orderId))
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeDays * DAY_SECONDS)
    .sign(linkKey(secret))
}

/** The order a link token opens, or null when it is malformed, forged, for another purpose or expired. */
export const orderIdFromLinkToken = async (secret: string, token: string): Promise<null | number> => {
  if (token.length > MAX_TOKEN_LENGTH) return null
  try {
    const { payload } = await jwtVerify(token, linkKey(secret), { algorithms: ['HS256'], audience: AUDIENCE })
    return payload.sub !== undefined && /^\d{1,12}$/.test(payload.sub) ? Number(payload.sub) : null
  } catch (error) {
    // Every way a token can be bad (shape, signature, claims, expiry) is a JOSEError; anything else is a bug.
    if (error instanceof errors.JOSEError) return null
    throw error
  }
}
