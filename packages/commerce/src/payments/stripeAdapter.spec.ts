/**
 * The `stripe` adapter through the real `stripe` SDK against a local fake of the Stripe endpoints it
 * calls (`@showroom/test-support` startFakeStripe; the real service cannot be reached from here).
 */
import { type FakeStripe, startFakeStripe } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { InitiateArgs, PaymentAdapter } from './types'

import { PaymentIdempotencyError, PaymentInputError, PaymentWebhookSignatureError } from './errors'
import { createStripeAdapter } from './stripeAdapter'

let fake: FakeStripe
let stripe: PaymentAdapter

beforeAll(async () => {
  fake = await startFakeStripe()
  stripe = createStripeAdapter({ apiBase: fake.url, publishableKey: fake.publishableKey, secretKey: fake.secretKey, webhookSecret: fake.webhookSecret })
})
afterAll(() => fake.close())

let attempts = 0
const args = (paymentMethod: string, overrides: Partial<InitiateArgs> = {}): InitiateArgs => ({
  amount: 2490,
  currency: 'EUR',
  details: { paymentMethod },
  idempotencyKey: `order:SR-1:payment:${++attempts}`,
  orderId: 7,
  orderNumber: 'SR-261207-ABCDE',
  ...overrides,
})

const rejectionOf = async <E extends Error>(promise: Promise<unknown>, ErrorClass: new (...a: never[]) => E): Promise<E> => {
  const error: unknown = await promise.then(() => undefined, (reason: unknown) => reason)
  if (!(error instanceof ErrorClass)) throw new Error(`expected a ${ErrorClass.name}, got ${String(error)}`, { cause: error })
  return error
}

/** A webhook request as Stripe sends it: the raw body and its `stripe-signature` header. */
const webhookOf = (type: string, object: Record<string, unknown>, signature?: string) => {
  const event = fake.event(type, object)
  const headers = new Headers({ 'content-type': 'application/json', 'stripe-signature': signature ?? fake.signature(event.body) })
  return { event, request: { body: event.body, headers } }
}

describe('stripe adapter: payments', () => {
  it('pays with a card that needs nothing more, creating one PaymentIntent with the order on it', async () => {
    const result = await stripe.initiate(args('pm_card_visa'))
    expect(result).toEqual({ reference: expect.stringMatching(/^pi_/), status: 'paid' })
    const intent = fake.intents.get(result.reference)
    expect(intent).toMatchObject({ amount: 2490, currency: 'eur', metadata: { orderId: '7', orderNumber: 'SR-261207-ABCDE' }, paymentMethod: 'pm_card_visa' })
    expect(await stripe.confirm({ reference: result.reference })).toEqual({ reference: result.reference, status: 'paid' })
  })

  it.each([
    ['pm_card_chargeDeclined', 'Your card was declined.'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'Your card has insufficient funds.'],
  ])('a decline (%s) is a failed result with Stripe’s shopper-safe message, not an error', async (method, message) => {
    const result = await stripe.initiate(args(method))
    expect(result).toEqual({ message, reference: expect.stringMatching(/^pi_/), status: 'failed' })
    expect(await stripe.confirm({ reference: result.reference })).toMatchObject({ message, status: 'failed' })
  })

  it('a card that needs 3-D Secure is pending with the action Stripe.js runs in the browser', async () => {
    const result = await stripe.initiate(args('pm_card_authenticationRequired'))
    const intent = fake.intents.get(result.reference)
    expect(result).toEqual({
      action: { clientSecret: intent?.clientSecret, publishableKey: fake.publishableKey, type: 'stripe.handleNextAction' },
      reference: expect.stringMatching(/^pi_/),
      status: 'pending',
    })
    // The shopper completes 3-D Secure; confirm (a retrieve) now sees the payment, and the webhook says so.
    const event = fake.authenticate(result.reference, 'succeed')
    expect(await stripe.confirm({ reference: result.reference })).toEqual({ reference: result.reference, status: 'paid' })
    const headers = new Headers({ 'stripe-signature': fake.signature(event.body) })
    expect(await stripe.handleWebhook({ body: event.body, headers })).toEqual({ eventId: event.id, reference: result.reference, status: 'paid' })
  })

  it('cancels an abandoned 3-D Secure payment so it can no longer be completed, once per key; a payment that succeeded is too late', async () => {
    const abandoned = await stripe.initiate(args('pm_card_authenticationRequired'))
    const cancel = { idempotencyKey: `cancel:${abandoned.reference}`, reference: abandoned.reference }
    expect(await stripe.cancel?.(cancel)).toEqual({ status: 'cancelled' })
    expect(fake.intents.get(abandoned.reference)?.status).toBe('canceled')
    expect(() => fake.authenticate(abandoned.reference, 'succeed')).toThrow(/not waiting for authentication/)
    expect(await stripe.confirm({ reference: abandoned.reference })).toMatchObject({ status: 'failed' })
    // Again (a retried job): the same answer, and still one cancel at Stripe.
    expect(await stripe.cancel?.(cancel)).toEqual({ status: 'cancelled' })
    expect(await stripe.cancel?.({ ...cancel, idempotencyKey: 'another-key' })).toEqual({ status: 'cancelled' })
    const paid = await stripe.initiate(args('pm_card_authenticationRequired'))
    fake.authenticate(paid.reference, 'succeed')
    expect(await stripe.cancel?.({ idempotencyKey: `cancel:${paid.reference}`, reference: paid.reference })).toEqual({ status: 'too-late' })
    expect(fake.intents.get(paid.reference)?.status).toBe('succeeded')
  })

  it('the same idempotency key and order make one PaymentIntent; other arguments with it are refused', async () => {
    const first = args('pm_card_visa')
    const before = fake.intents.size
    const [a, b] = await Promise.all([stripe.initiate(first), stripe.initiate(first)])
    expect(a).toEqual(b)
    expect(await stripe.initiate(first)).toEqual(a)
    expect(fake.intents.size).toBe(before + 1)
    const keyed = fake.requests.filter((request) => request.idempotencyKey === first.idempotencyKey)
    expect(keyed).toHaveLength(3)
    await rejectionOf(stripe.initiate({ ...first, amount: 100 }), PaymentIdempotencyError)
    expect(fake.intents.size).toBe(before + 1)
  })

  it('refuses missing or malformed details before calling Stripe, and a PaymentMethod Stripe does not know', async () => {
    const before = fake.requests.length
    for (const details of [undefined, {}, { paymentMethod: '4242 4242 4242 4242' }]) {
      expect(() => stripe.checkDetails?.(details)).toThrow(PaymentInputError)
      await rejectionOf(stripe.initiate({ ...args('x'), details }), PaymentInputError)
    }
    expect(fake.requests.length).toBe(before)
    const unknown = await rejectionOf(stripe.initiate(args('pm_nothing_here')), PaymentInputError)
    expect(unknown.issues[0]?.path).toEqual(['paymentMethod'])
  })
})

describe('stripe adapter: refunds', () => {
  it('refunds part of a payment, then the rest, and refuses more than is left', async () => {
    const paid = await stripe.initiate(args('pm_card_visa', { amount: 5000 }))
    const part = await stripe.refund({ amount: 1200, currency: 'EUR', idempotencyKey: 'refund:1:a', reference: paid.reference })
    expect(part).toEqual({ reference: expect.stringMatching(/^re_/), status: 'refunded' })
    // A retry of the same refund is Stripe's replay: one refund.
    expect(await stripe.refund({ amount: 1200, currency: 'EUR', idempotencyKey: 'refund:1:a', reference: paid.reference })).toEqual(part)
    expect(fake.intents.get(paid.reference)?.amountRefunded).toBe(1200)
    const tooMuch = await stripe.refund({ amount: 3801, currency: 'EUR', idempotencyKey: 'refund:1:b', reference: paid.reference })
    expect(tooMuch).toEqual({ message: expect.stringContaining('greater than unrefunded amount'), reference: paid.reference, status: 'failed' })
    expect(await stripe.refund({ amount: 3800, currency: 'EUR', idempotencyKey: 'refund:1:c', reference: paid.reference })).toMatchObject({ status: 'refunded' })
    expect(fake.intents.get(paid.reference)?.amountRefunded).toBe(5000)
    await rejectionOf(stripe.refund({ amount: 1, currency: 'EUR', idempotencyKey: 'refund:1:a', reference: paid.reference }), PaymentIdempotencyError)
  })

  it('refuses a refund of a declined payment, or in another currency, without refunding anything', async () => {
    const declined = await stripe.initiate(args('pm_card_chargeDeclined'))
    expect(await stripe.refund({ amount: 100, currency: 'EUR', idempotencyKey: 'refund:2:a', reference: declined.reference })).toMatchObject({
      message: expect.stringContaining('does not have a successful charge'),
      status: 'failed',
    })
    const paid = await stripe.initiate(args('pm_card_visa'))
    expect(await stripe.refund({ amount: 100, currency: 'GBP', idempotencyKey: 'refund:2:b', reference: paid.reference })).toEqual({
      message: 'The payment was made in EUR, not GBP.',
      reference: paid.reference,
      status: 'failed',
    })
    expect(fake.intents.get(paid.reference)?.amountRefunded).toBe(0)
  })
})

describe('stripe adapter: webhooks', () => {
  it('reads payment_intent.succeeded / payment_failed, and charge.refunded only when refunded in full', async () => {
    for (const [type, status] of [['payment_intent.succeeded', 'paid'], ['payment_intent.payment_failed', 'failed']] as const) {
      const { event, request } = webhookOf(type, { id: 'pi_1', object: 'payment_intent' })
      expect(await stripe.handleWebhook(request)).toEqual({ eventId: event.id, reference: 'pi_1', status })
    }
    const full = webhookOf('charge.refunded', { id: 'ch_1', payment_intent: 'pi_1', refunded: true })
    expect(await stripe.handleWebhook(full.request)).toEqual({ eventId: full.event.id, reference: 'pi_1', status: 'refunded' })
    const partial = webhookOf('charge.refunded', { id: 'ch_1', payment_intent: 'pi_1', refunded: false })
    expect(await stripe.handleWebhook(partial.request)).toBeNull()
    const other = webhookOf('customer.created', { id: 'cus_1' })
    expect(await stripe.handleWebhook(other.request)).toBeNull()
  })

  it('refuses a missing, forged or stale signature, and any webhook when no secret is configured', async () => {
    const { event } = webhookOf('payment_intent.succeeded', { id: 'pi_1' })
    const forged = fake.signature(event.body, { secret: 'whsec_someone_else_0123456789' })
    const stale = fake.signature(event.body, { timestamp: Math.floor(Date.now() / 1000) - 3600 })
    for (const headers of [new Headers(), new Headers({ 'stripe-signature': forged }), new Headers({ 'stripe-signature': stale })]) {
      await rejectionOf(stripe.handleWebhook({ body: event.body, headers }), PaymentWebhookSignatureError)
    }
    // One changed byte in the body breaks the signature.
    const good = fake.signature(event.body)
    await rejectionOf(stripe.handleWebhook({ body: `${event.body} `, headers: new Headers({ 'stripe-signature': good }) }), PaymentWebhookSignatureError)
    const unsigned = createStripeAdapter({ apiBase: fake.url, publishableKey: fake.publishableKey, secretKey: fake.secretKey })
    await rejectionOf(unsigned.handleWebhook({ body: event.body, headers: new Headers({ 'stripe-signature': good }) }), PaymentWebhookSignatureError)
  })
})
