import { createHmac, timingSafeEqual } from 'node:crypto'

/** How far a delivery's `webhook-timestamp` may be from now: older ones are replays. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60

export type SignatureCheck = { ok: true; id: string; timestamp: number } | { ok: false; reason: string }

/** The HMAC key of a Standard Webhooks secret: the base64 after `whsec_`. */
export const secretKeyOf = (secret: string): Buffer => Buffer.from(secret.replace(/^whsec_/, ''), 'base64')

/** `v1,<base64 HMAC-SHA256 of "${id}.${timestamp}.${body}">`, as the sender computes it. */
export const signatureOf = (secret: string, id: string, timestamp: number, body: string): string =>
  `v1,${createHmac('sha256', secretKeyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`

/**
 * Checks a Standard Webhooks delivery: the three headers are present, the timestamp is within the
 * tolerance of `now` (seconds), and one of the space-separated `v1,` signatures matches the body,
 * compared in constant time. The raw body must be passed exactly as received.
 */
export const verifyWebhookSignature = ({
  body,
  headers,
  now,
  secret,
  toleranceSeconds = TIMESTAMP_TOLERANCE_SECONDS,
}: {
  body: string
  headers: Headers
  now: number
  secret: string
  toleranceSeconds?: number
}): SignatureCheck => {
  const id = headers.get('webhook-id')
  const timestampHeader = headers.get('webhook-timestamp')
  const signatures = headers.get('webhook-signature')
  if (!id || !timestampHeader || !signatures) return { ok: false, reason: 'Missing webhook-id, webhook-timestamp or webhook-signature header.' }
  if (id.length > 200) return { ok: false, reason: 'The webhook-id is too long.' }
  if (!/^\d{1,12}$/.test(timestampHeader)) return { ok: false, reason: 'The webhook-timestamp is not a Unix time in seconds.' }
  const timestamp = Number(timestampHeader)
  if (Math.abs(now - timestamp) > toleranceSeconds) return { ok: false, reason: 'The webhook-timestamp is outside the allowed window.' }
  const expected = Buffer.from(signatureOf(secret, id, timestamp, body).slice('v1,'.length), 'base64')
  const matches = signatures.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',')
    if (version !== 'v1' || !value) return false
    const given = Buffer.from(value, 'base64')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  return matches ? { id, ok: true, timestamp } : { ok: false, reason: 'No valid webhook-signature.' }
}
