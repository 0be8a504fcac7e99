import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

import type { WebhookEvent, WebhookRequest } from './types'

import { PaymentInputError, PaymentWebhookSignatureError } from './errors'
import { parseInput } from './parseInput'

/** The header carrying the hex HMAC-SHA256 of the raw body. */
export const TEST_SIGNATURE_HEADER = 'test-signature'

/** The event types the test adapter turns into a payment status; any other type is acknowledged and ignored. */
const STATUS_BY_TYPE = new Map<string, WebhookEvent['status']>([
  ['payment.succeeded', 'paid'],
  ['payment.failed', 'failed'],
  ['payment.refunded', 'refunded'],
])

const webhookBodySchema = z.object(
  {
    id: z.string({ error: 'The event needs an id.' }).min(1, 'The event needs an id.').max(255),
    type: z.string({ error: 'The event needs a type.' }).min(1, 'The event needs a type.').max(255),
    reference: z.string({ error: 'The event needs a reference.' }).min(1, 'The event needs a reference.').max(255),
  },
  { error: 'The event must be a JSON object.' },
)

/** Signs `body` (the exact bytes that will be sent) as a test-provider webhook: the `test-signature` value. */
export const signTestWebhook = (body: string, secret: string): string =>
  createHmac('sha256', secret).update(body, 'utf8').digest('hex')

const assertSigned = (request: WebhookRequest, secret: string | undefined): void => {
  if (secret === undefined) {
    throw new PaymentWebhookSignatureError('Test webhooks are refused: createTestAdapter was given no webhookSecret.')
  }
  const signature = request.headers.get(TEST_SIGNATURE_HEADER)?.trim()
  if (!signature) throw new PaymentWebhookSignatureError(`The webhook has no ${TEST_SIGNATURE_HEADER} header.`)
  // Checking the shape first gives timingSafeEqual two buffers of the same length.
  if (!/^[0-9a-f]{64}$/i.test(signature)) {
    throw new PaymentWebhookSignatureError(`The ${TEST_SIGNATURE_HEADER} header is not a hex HMAC-SHA256.`)
  }
  const expected = Buffer.from(signTestWebhook(request.body, secret), 'hex')
  if (!timingSafeEqual(Buffer.from(signature, 'hex'), expected)) {
    throw new PaymentWebhookSignatureError('The webhook signature does not match its body.')
  }
}

/**
 * Checks a test-provider webhook's signature over the raw body, then reads it:
 * `{ "id": "evt_1", "type": "payment.succeeded" | "payment.failed" | "payment.refunded", "reference": "test_…" }`.
 * Unsigned or wrongly signed requests throw `PaymentWebhookSignatureError` before the body is read; a signed
 * but malformed body throws `PaymentInputError`; a signed event of another type returns `null`.
 */
export const readTestWebhook = (request: WebhookRequest, secret: string | undefined): WebhookEvent | null => {
  assertSigned(request, secret)
  let json: unknown
  try {
    json = JSON.parse(request.body)
  } catch (error) {
    throw new PaymentInputError('The webhook body is not valid JSON.', { cause: error })
  }
  const event = parseInput(webhookBodySchema, json)
  const status = STATUS_BY_TYPE.get(event.type)
  return status === undefined ? null : { eventId: event.id, reference: event.reference, status }
}
