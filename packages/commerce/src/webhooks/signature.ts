import { Webhook } from 'standardwebhooks'

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

export type SignedHeaders = {
  'content-type': 'application/json'
  'webhook-id': string
  'webhook-signature': string
  'webhook-timestamp': string
}

/**
 * The Standard Webhooks headers for one attempt, signed by the `standardwebhooks` library (the
 * reference implementation). The timestamp is the attempt's (receivers refuse old ones), in seconds.
 */
export const signWebhook = ({ body, id, secret, timestamp }: { body: string; id: string; secret: string; timestamp: Date }): SignedHeaders => ({
  'content-type': 'application/json',
  'webhook-id': id,
  'webhook-signature': new Webhook(secret).sign(id, timestamp, body),
  'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
})
