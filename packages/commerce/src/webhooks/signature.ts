import { createHmac } from 'node:crypto'

/** Standard Webhooks secrets are written `whsec_<base64 of the key>`. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_'

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** What is wrong with a webhook secret, or null when nothing is: `whsec_` + base64 of 24–64 bytes. */
export const secretProblem = (secret: unknown): null | string => {
  if (typeof secret !== 'string' || !secret.startsWith(WEBHOOK_SECRET_PREFIX)) {
    return `must start with "${WEBHOOK_SECRET_PREFIX}" followed by base64 (Standard Webhooks format)`
  }
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length)
  if (!BASE64.test(encoded)) return `must be "${WEBHOOK_SECRET_PREFIX}" followed by valid base64`
  const bytes = Buffer.from(encoded, 'base64').length
  if (bytes < 24 || bytes > 64) return `must encode 24 to 64 bytes (this one has ${bytes})`
  return null
}

/** The HMAC key of a `whsec_…` secret. */
export const secretKey = (secret: string): Buffer => Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64')

export type SignedHeaders = {
  'content-type': 'application/json'
  'webhook-id': string
  'webhook-signature': string
  'webhook-timestamp': string
}

/**
 * The Standard Webhooks headers for one attempt: HMAC-SHA256 over `<id>.<timestamp>.<body>` with the
 * secret's key, sent as `v1,<base64>`. The timestamp is the attempt's (receivers refuse old ones), in seconds.
 */
export const signWebhook = ({ body, id, secret, timestamp }: { body: string; id: string; secret: string; timestamp: Date }): SignedHeaders => {
  const seconds = String(Math.floor(timestamp.getTime() / 1000))
  const signature = createHmac('sha256', secretKey(secret)).update(`${id}.${seconds}.${body}`).digest('base64')
  return { 'content-type': 'application/json', 'webhook-id': id, 'webhook-signature': `v1,${signature}`, 'webhook-timestamp': seconds }
}
