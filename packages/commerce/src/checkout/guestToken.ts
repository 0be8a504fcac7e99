import { createHmac, timingSafeEqual } from 'node:crypto'

const sign = (secret: string, orderId: number): string =>
  createHmac('sha256', secret).update(`showroom:guest-order:${orderId}`).digest('base64url')

/**
 * A guest's key to their order: `<order id>.<HMAC of the id under the server secret>`. Unguessable
 * without the secret, checkable without a database read, and the same on an idempotent replay, so a
 * checkout retried after a lost response still hands the guest their token. Nothing is stored.
 */
export const createGuestToken = (secret: string, orderId: number): string => `${orderId}.${sign(secret, orderId)}`

/** The order id a token opens, or null when the token is malformed or forged. */
export const orderIdFromGuestToken = (secret: string, token: string): null | number => {
  const match = /^(\d{1,12})\.([\w-]{43})$/.exec(token)
  if (!match?.[1] || !match[2]) return null
  const orderId = Number(match[1])
  const expected = Buffer.from(sign(secret, orderId))
  const given = Buffer.from(match[2])
  return expected.length === given.length && timingSafeEqual(expected, given) ? orderId : null
}

/** Where clients send the token: a header, so it stays out of URLs and server logs. */
export const GUEST_TOKEN_HEADER = 'x-order-token'

/** How many days a guest token (and an order email's link) opens an order when the host does not say. */
export const DEFAULT_GUEST_TOKEN_LIFETIME_DAYS = 30
