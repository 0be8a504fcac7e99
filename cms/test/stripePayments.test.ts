/**
 * Checkout with Stripe configured (`STRIPE_*`), through the CMS's REST API on real Postgres, the real
 * `stripe` SDK and a local fake of the Stripe endpoints it calls (`startFakeStripe`): Stripe itself
 * cannot be reached from here. Webhooks are signed with the SDK's `generateTestHeaderString`.
 */
import { sanitizeConfig, sweepUnpaidOrders } from '@showroom/payload-commerce'
import { type FakeStripe, startFakeStripe } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, createActors } from './actors'
import { orderBody, postOrder } from './orderRequest'
import { makeOverdue } from './overdueOrders'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let fake: FakeStripe
let actors: Actors
let mug: number
/** The plugin's config as the test CMS has it, for calling the unpaid-order sweeper directly. */
const pluginConfig = sanitizeConfig({})

type Placed = {
  order: { id: number; orderNumber: string; payment: { reference: string; status: string }; status: string; total: number }
  paymentAction?: { clientSecret: string; publishableKey: string; type: string }
}

beforeAll(async () => {
  fake = await startFakeStripe()
  cms = await startTestCms('stripe_payments', {
    stripe: { apiBase: fake.url, publishableKey: fake.publishableKey, secretKey: fake.secretKey, webhookSecret: fake.webhookSecret },
  })
  actors = await createActors(cms)
  const product = await cms.payload.create({
    collection: 'products',
    data: { _status: 'published', currency: 'EUR', price: 2000, sku: 'MUG-STRIPE', stock: 50, title: 'Stripe mug' } as never,
  })
  mug = product.id
})
afterAll(async () => {
  await cms?.close()
  await fake?.close()
})

const stockOf = async () => (await cms.payload.findByID({ collection: 'products', depth: 0, id: mug })).stock
const orderOf = async (id: number) => cms.payload.findByID({ collection: 'orders', depth: 0, id })
const pay = (paymentMethod: string, key?: string) =>
  postOrder(cms, orderBody([{ product: mug, quantity: 1 }], { payment: { details: { paymentMethod }, method: 'stripe' } }), { key })

/** Sends a webhook to the CMS as Stripe would: the raw body and its `stripe-signature`. */
const deliver = (body: string, signature: null | string = fake.signature(body)) =>
  cms.api('/payments/stripe/webhook', { body, headers: signature === null ? {} : { 'stripe-signature': signature }, method: 'POST' })

describe('checkout with Stripe', () => {
  it('is offered with its publishable key, and one field for the PaymentMethod Stripe.js creates', async () => {
    const options = (await (await cms.api('/orders/checkout-options')).json()) as { payment: { default: string; methods: Array<Record<string, unknown>> } }
    expect(options.payment.default).toBe('manual')
    const stripe = options.payment.methods.find((method) => method.name === 'stripe')
    expect(stripe).toMatchObject({ client: { publishableKey: fake.publishableKey }, fields: [{ name: 'paymentMethod', required: true }], label: 'Card (Stripe)' })
    expect(JSON.stringify(options)).not.toContain(fake.secretKey)
    expect(JSON.stringify(options)).not.toContain(fake.webhookSecret)
  })

  it('a card that pays at once: the order is paid, with one PaymentIntent for its total and number', async () => {
    const response = await pay('pm_card_visa')
    expect(response.status).toBe(201)
    const { order, paymentAction } = (await response.json()) as Placed
    expect(order).toMatchObject({ payment: { reference: expect.stringMatching(/^pi_/), status: 'paid' }, status: 'paid' })
    expect(paymentAction).toBeUndefined()
    const intent = fake.intents.get(order.payment.reference)
    expect(intent).toMatchObject({ amount: order.total, currency: 'eur', metadata: { orderNumber: order.orderNumber } })
    // Created once, with the order's charge key as Stripe's idempotency key.
    const creates = fake.requests.filter((request) => request.method === 'POST' && request.path === '/v1/payment_intents')
    expect(creates.filter((request) => request.idempotencyKey === `order:${order.orderNumber}:payment`)).toHaveLength(1)
  })

  it('a declined card: 402 with Stripe’s message, the order cancelled and its stock back', async () => {
    const before = await stockOf()
    const response = await pay('pm_card_chargeDeclined')
    expect(response.status).toBe(402)
    expect(((await response.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toBe('Your card was declined.')
    expect(await stockOf()).toBe(before)
    const { docs } = await cms.payload.find({ collection: 'orders', sort: '-createdAt', limit: 1 })
    expect(docs[0]).toMatchObject({ payment: { method: 'stripe', status: 'failed' }, status: 'cancelled' })
  })

  it('refuses a PaymentMethod Stripe does not know, and details that are not one, with 400 and nothing charged', async () => {
    const intents = fake.intents.size
    for (const paymentMethod of ['4242424242424242', 'pm_not_a_card']) {
      const response = await pay(paymentMethod)
      expect(response.status).toBe(400)
      expect(((await response.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/card/)
    }
    expect(fake.intents.size).toBe(intents)
  })

  it('3-D Secure: the order waits with the action for Stripe.js, and Stripe’s signed webhook pays it, once', async () => {
    const response = await pay('pm_card_authenticationRequired')
    expect(response.status).toBe(201)
    const { order, paymentAction } = (await response.json()) as Placed
    expect(order).toMatchObject({ payment: { status: 'pending' }, status: 'pending' })
    // She is at the checkout: an abandoned challenge holds the stock for half an hour, not a bank transfer's 3 days.
    const heldFor = Date.parse((await orderOf(order.id)).payment?.dueAt ?? '') - Date.now()
    expect(heldFor).toBeGreaterThan(25 * 60_000)
    expect(heldFor).toBeLessThanOrEqual(30 * 60_000)
    const intent = fake.intents.get(order.payment.reference)
    expect(paymentAction).toEqual({ clientSecret: intent?.clientSecret, publishableKey: fake.publishableKey, type: 'stripe.handleNextAction' })
    // The client secret is handed to the shopper once, never stored on the order.
    expect(JSON.stringify(await orderOf(order.id))).not.toContain('_secret_')

    const event = fake.authenticate(order.payment.reference, 'succeed')
    const delivered = await deliver(event.body)
    expect(delivered.status).toBe(200)
    expect(await orderOf(order.id)).toMatchObject({ payment: { status: 'paid' }, status: 'paid' })
    // Stripe retries: the same event again changes nothing.
    expect((await deliver(event.body)).status).toBe(200)
    const paid = await orderOf(order.id)
    expect(paid.statusHistory?.filter((entry) => entry.to === 'paid')).toHaveLength(1)
  })

  it('3-D Secure failed: payment_intent.payment_failed cancels the order and returns its stock', async () => {
    const before = await stockOf()
    const { order } = (await (await pay('pm_card_authenticationRequired')).json()) as Placed
    expect(await stockOf()).toBe(before - 1)
    const event = fake.authenticate(order.payment.reference, 'fail')
    expect((await deliver(event.body)).status).toBe(200)
    expect(await orderOf(order.id)).toMatchObject({ payment: { status: 'failed' }, status: 'cancelled' })
    expect(await stockOf()).toBe(before)
  })

  describe('an abandoned 3-D Secure payment, when its order is cancelled', () => {
    const placePending = async () => {
      const { order } = (await (await pay('pm_card_authenticationRequired')).json()) as Placed
      expect(fake.intents.get(order.payment.reference)?.status).toBe('requires_action')
      return order
    }
    /** Waits for the after-commit job that stops the payment to have done its work. */
    const settled = async (id: number, reference: string, expected: 'canceled' | 'succeeded') => {
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
        const stopped = fake.requests.some((request) => request.path === `/v1/payment_intents/${reference}/cancel`)
        if (stopped && fake.intents.get(reference)?.status === expected && (expected === 'succeeded' || (await orderOf(id)).payment?.status === 'failed')) return
      }
      throw new Error(`the payment ${reference} of order ${id} was not stopped`)
    }

    it('is stopped at Stripe when the order expires unpaid, so the shopper can no longer complete it', async () => {
      const order = await placePending()
      await makeOverdue(cms, order.id)
      expect((await sweepUnpaidOrders(cms.payload, pluginConfig)).expired).toContain(order.id)
      await settled(order.id, order.payment.reference, 'canceled')
      expect(await orderOf(order.id)).toMatchObject({ payment: { status: 'failed' }, status: 'cancelled' })
      // Finishing the bank's challenge now fails: no money is taken for the expired order.
      expect(() => fake.authenticate(order.payment.reference, 'succeed')).toThrow(/not waiting for authentication/)
      expect(fake.requests.filter((request) => request.path === `/v1/payment_intents/${order.payment.reference}/cancel`)).toHaveLength(1)
    })

    it('is stopped when staff cancel the order', async () => {
      const order = await placePending()
      const cancel = await cms.api(`/orders/${order.id}/status`, { body: JSON.stringify({ status: 'cancelled' }), method: 'POST', token: actors.admin.token })
      expect(cancel.status).toBe(200)
      await settled(order.id, order.payment.reference, 'canceled')
    })

    it('that succeeded just before is left to Stripe’s webhook, which records it on the cancelled order for staff', async () => {
      const order = await placePending()
      const event = fake.authenticate(order.payment.reference, 'succeed')
      await makeOverdue(cms, order.id)
      await sweepUnpaidOrders(cms.payload, pluginConfig)
      await settled(order.id, order.payment.reference, 'succeeded')
      expect(await orderOf(order.id)).toMatchObject({ payment: { status: 'pending' }, status: 'cancelled' })
      expect((await deliver(event.body)).status).toBe(200)
      expect(await orderOf(order.id)).toMatchObject({ payment: { status: 'paid' }, status: 'cancelled' })
    })
  })

  it('a webhook with a missing, forged or stale signature is 401 and changes nothing', async () => {
    const { order } = (await (await pay('pm_card_authenticationRequired')).json()) as Placed
    const event = fake.authenticate(order.payment.reference, 'succeed')
    const forged = fake.signature(event.body, { secret: 'whsec_not_the_shops_secret_0123' })
    const stale = fake.signature(event.body, { timestamp: Math.floor(Date.now() / 1000) - 3600 })
    for (const signature of [null, forged, stale, 't=1,v1=00']) {
      const response = await deliver(event.body, signature)
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ errors: [{ message: 'Invalid signature.' }] })
    }
    expect(await orderOf(order.id)).toMatchObject({ payment: { status: 'pending' }, status: 'pending' })
  })

  it('the same Idempotency-Key twice makes one order and one PaymentIntent', async () => {
    const intents = fake.intents.size
    const [first, second] = await Promise.all([pay('pm_card_visa', 'stripe-checkout-key-1'), pay('pm_card_visa', 'stripe-checkout-key-1')])
    const statuses = [first.status, second.status].sort()
    expect(statuses).toEqual([200, 201])
    const [a, b] = (await Promise.all([first.json(), second.json()])) as [Placed, Placed]
    expect(a.order.id).toBe(b.order.id)
    expect(fake.intents.size).toBe(intents + 1)
  })

  it('a retry of a 3-D Secure order (its first answer lost) answers the same step to take, so the shopper can still pay', async () => {
    const first = (await (await pay('pm_card_authenticationRequired', 'stripe-checkout-3ds-retry')).json()) as Placed
    const retry = await pay('pm_card_authenticationRequired', 'stripe-checkout-3ds-retry')
    expect(retry.status).toBe(200)
    const replayed = (await retry.json()) as Placed
    expect(replayed.order.id).toBe(first.order.id)
    expect(replayed.paymentAction).toEqual(first.paymentAction)
    expect(replayed.paymentAction?.clientSecret).toBe(fake.intents.get(first.order.payment.reference)?.clientSecret)
    // Once paid, a retry has no step left.
    expect((await deliver(fake.authenticate(first.order.payment.reference, 'succeed').body)).status).toBe(200)
    const afterPaying = (await (await pay('pm_card_authenticationRequired', 'stripe-checkout-3ds-retry')).json()) as Placed
    expect(afterPaying.paymentAction).toBeUndefined()
  })

  it('staff refunding a paid order refund it in full through Stripe, once; Stripe’s charge.refunded then changes nothing', async () => {
    const { order } = (await (await pay('pm_card_visa')).json()) as Placed
    const refund = () => cms.api(`/orders/${order.id}/status`, { body: JSON.stringify({ status: 'refunded' }), method: 'POST', token: actors.admin.token })
    expect((await refund()).status).toBe(200)
    const intent = fake.intents.get(order.payment.reference)
    expect(intent?.amountRefunded).toBe(order.total)
    expect([...fake.refunds.values()].filter((made) => made.paymentIntent === order.payment.reference)).toHaveLength(1)
    const refundRequest = fake.requests.filter((request) => request.path === '/v1/refunds').at(-1)
    expect(refundRequest?.idempotencyKey).toBe(`refund:order:${order.id}`)
    const event = fake.event('charge.refunded', { id: intent?.chargeId, payment_intent: order.payment.reference, refunded: true })
    const response = await deliver(event.body)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { outcome: string }).outcome).toBe('nothing to do for a refunded order')
  })

  it('a refund made in Stripe’s dashboard: charge.refunded in full refunds the order; a partial one does not', async () => {
    const { order } = (await (await pay('pm_card_visa')).json()) as Placed
    const intent = fake.intents.get(order.payment.reference)
    const partial = fake.event('charge.refunded', { id: intent?.chargeId, payment_intent: order.payment.reference, refunded: false })
    expect(((await (await deliver(partial.body)).json()) as { outcome: string }).outcome).toBe('event ignored')
    expect((await orderOf(order.id)).status).toBe('paid')
    const full = fake.event('charge.refunded', { id: intent?.chargeId, payment_intent: order.payment.reference, refunded: true })
    expect((await deliver(full.body)).status).toBe(200)
    expect(await orderOf(order.id)).toMatchObject({ payment: { status: 'refunded' }, status: 'refunded' })
  })
})
