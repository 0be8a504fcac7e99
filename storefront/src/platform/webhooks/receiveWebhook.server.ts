import type { APIContext } from 'astro'

import { WEBHOOK_SECRET } from 'astro:env/server'
import { Webhook, WebhookVerificationError } from 'standardwebhooks'

import { cacheControl } from '../../cacheControl'
import { publishLive } from '../events/liveBus.server'
import { log } from '../observability/log'
import { webhookReceipts } from '../observability/storefrontMetrics'
import { deliveryLog } from './deliveryLog.server'
import { type ParsedWebhookEvent, parseDelivery } from './webhookEvent'

/** Largest body accepted; the biggest events (a product with many variants' prices) are a few KiB. */
export const MAX_WEBHOOK_BYTES = 256 * 1024

/** The Standard Webhooks verifier for `WEBHOOK_SECRET` (its `whsec_` prefix is the library's format). */
const verifierOf = (secret: string): Webhook => {
  try {
    return new Webhook(secret)
  } catch (error) {
    throw new Error('WEBHOOK_SECRET is not a Standard Webhooks secret (whsec_ + base64)', { cause: error })
  }
}

/**
 * Checks a delivery with the `standardwebhooks` library: the `webhook-id`, `webhook-timestamp` and
 * `webhook-signature` headers are present, the timestamp is within 5 minutes of now either way
 * (older ones are replays), and one of the space-separated `v1,` signatures matches the raw body
 * (compared in constant time). Returns the delivery id, or why it is refused.
 */
const verifyDelivery = (secret: string, body: string, headers: Headers): { id: string; ok: true } | { ok: false; reason: string } => {
  const signed = {
    'webhook-id': headers.get('webhook-id') ?? '',
    'webhook-signature': headers.get('webhook-signature') ?? '',
    'webhook-timestamp': headers.get('webhook-timestamp') ?? '',
  }
  try {
    verifierOf(secret).verify(body, signed, { jsonParse: false })
    return { id: signed['webhook-id'], ok: true }
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { ok: false, reason: `${error.message}.` }
    throw error
  }
}

const answer = (status: number, body: Record<string, unknown>): Response =>
  Response.json(body, { headers: { 'Cache-Control': cacheControl.none }, status })

/** The body as text, or `undefined` once it grows past `limit` bytes (whatever Content-Length claimed). */
const readCapped = async (request: Request, limit: number): Promise<string | undefined> => {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) return undefined
  if (!request.body) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of request.body) {
    size += chunk.byteLength
    if (size > limit) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** What a CMS event changes in the shop: the route-cache tags it makes stale, and the live messages it sends. */
export type WebhookEffects = {
  live: ReadonlyArray<{ channel: string; message: unknown }>
  tags: readonly string[]
}

/** The shop's reading of a CMS event (`pages/api/webhooks/cms.ts` composes it from the domains). */
export type EffectsOf = (event: ParsedWebhookEvent) => WebhookEffects

/**
 * Applies one CMS webhook delivery: verifies its Standard Webhooks signature (401 when missing,
 * invalid, or outside the 5-minute window), answers a repeated `webhook-id` with 200 without applying
 * it again, drops events older than the last applied one for the same resource, then invalidates the
 * route-cache tags the change touches and publishes its live updates (both from `effectsOf`). Unknown event types get 202.
 */
export const receiveWebhook = async (context: Pick<APIContext, 'cache' | 'request'>, effectsOf: EffectsOf): Promise<Response> => {
  try {
    const { outcome, response } = await receive(context, effectsOf)
    webhookReceipts.inc({ outcome })
    return response
  } catch (error) {
    webhookReceipts.inc({ outcome: 'failed' })
    throw error
  }
}

/** How a delivery ended, for the receipts metric. */
type Receipt = { outcome: 'applied' | 'duplicate' | 'ignored' | 'rejected' | 'stale'; response: Response }

const rejected = (status: number, body: Record<string, unknown>): Receipt => ({ outcome: 'rejected', response: answer(status, body) })

const receive = async (context: Pick<APIContext, 'cache' | 'request'>, effectsOf: EffectsOf): Promise<Receipt> => {
  // Never accept unsigned deliveries: without a secret there is nothing to check them against.
  if (!WEBHOOK_SECRET) return rejected(503, { error: 'Webhooks are not configured on this storefront (WEBHOOK_SECRET is unset).' })
  const body = await readCapped(context.request, MAX_WEBHOOK_BYTES)
  if (body === undefined) return rejected(413, { error: `The body is larger than ${MAX_WEBHOOK_BYTES} bytes.` })
  const check = verifyDelivery(WEBHOOK_SECRET, body, context.request.headers)
  if (!check.ok) {
    log.warn('Webhook refused', { reason: check.reason })
    return rejected(401, { error: check.reason })
  }

  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return rejected(400, { error: 'The body is not JSON.' })
  }
  const delivery = parseDelivery(json)
  if (delivery.kind === 'invalid') return rejected(400, { error: delivery.message })
  if (delivery.kind === 'unknown-type') return { outcome: 'ignored', response: answer(202, { ignored: `unknown event type ${delivery.type}` }) }

  const { event } = delivery
  // The id claimed and the resource's sequence moved on in one step (one Redis round trip).
  const admission = await deliveryLog().admit(check.id, event.data.resource, event.data.sequence)
  if (admission.kind === 'duplicate') return { outcome: 'duplicate', response: answer(200, { duplicate: true }) }
  if (admission.kind === 'stale') return { outcome: 'stale', response: answer(200, { ignored: `stale: ${event.data.resource} is past sequence ${event.data.sequence}` }) }
  try {
    const { live: updates, tags } = effectsOf(event)
    // Side by side: the pages and the live streams learn of the change independently.
    await Promise.all([
      tags.length > 0 && context.cache.enabled ? context.cache.invalidate({ tags: [...tags] }) : undefined,
      ...updates.map(({ channel, message }) => publishLive(channel, message)),
    ])
    return { outcome: 'applied', response: answer(200, { invalidated: tags, live: updates.map(({ channel }) => channel) }) }
  } catch (error) {
    // Let the CMS's retry apply it: forget the id and the sequence (unless a newer event moved it on).
    await admission.undo()
    throw new Error(`Applying webhook ${check.id} (${event.type}) failed`, { cause: error })
  }
}
