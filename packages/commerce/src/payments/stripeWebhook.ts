import Stripe from 'stripe'
import { z } from 'zod'

import type { WebhookEvent, WebhookRequest } from './types'

import { PaymentInputError, PaymentWebhookSignatureError } from './errors'
import { parseInput } from './parseInput'

/** The header Stripe signs its webhooks in: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const STRIPE_SIGNATURE_HEADER = 'stripe-signature'

const id = z.string().min(1).max(255)

/** The parts of an event this adapter reads; Stripe sends much more. */
const eventSchema = z.discriminatedUnion('type', [
  z.object({ data: z.object({ object: z.object({ id }) }), id, type: z.enum(['payment_intent.succeeded', 'payment_intent.payment_failed']) }),
  z.object({
    data: z.object({ object: z.object({ payment_intent: z.union([id, z.object({ id }), z.null()]), refunded: z.boolean() }) }),
    id,
    type: z.literal('charge.refunded'),
  }),
])

const HANDLED = new Set(['charge.refunded', 'payment_intent.payment_failed', 'payment_intent.succeeded'])

/**
 * Checks a Stripe webhook with the SDK's `webhooks.constructEvent` (signature over the raw body, and a
 * timestamp within 5 minutes), then reads it: `payment_intent.succeeded` → `paid`,
 * `payment_intent.payment_failed` → `failed`, `charge.refunded` of a charge refunded in full → `refunded`,
 * all with the PaymentIntent's id as the reference. A partial refund's `charge.refunded` and every other
 * event type return `null` (acknowledged, nothing to do): a partial refund does not refund the order.
 */
export const readStripeWebhook = (stripe: Stripe, request: WebhookRequest, secret: string | undefined): WebhookEvent | null => {
  if (secret === undefined) throw new PaymentWebhookSignatureError('Stripe webhooks are refused: no webhook signing secret is configured (STRIPE_WEBHOOK_SECRET).')
  const header = request.headers.get(STRIPE_SIGNATURE_HEADER)
  if (!header) throw new PaymentWebhookSignatureError(`The webhook has no ${STRIPE_SIGNATURE_HEADER} header.`)
  let event: unknown
  try {
    event = stripe.webhooks.constructEvent(request.body, header, secret)
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new PaymentWebhookSignatureError(`The Stripe signature does not match: ${error.message}`, { cause: error })
    }
    // Signed, but not JSON: what Stripe would never send.
    throw new PaymentInputError('The webhook body is not a Stripe event.', { cause: error })
  }
  const type = z.object({ type: z.string() }).safeParse(event)
  if (!type.success || !HANDLED.has(type.data.type)) return null
  const parsed = parseInput(eventSchema, event)
  if (parsed.type !== 'charge.refunded') {
    return { eventId: parsed.id, reference: parsed.data.object.id, status: parsed.type === 'payment_intent.succeeded' ? 'paid' : 'failed' }
  }
  const { payment_intent: intent, refunded } = parsed.data.object
  if (!refunded || intent === null) return null
  return { eventId: parsed.id, reference: typeof intent === 'string' ? intent : intent.id, status: 'refunded' }
}
