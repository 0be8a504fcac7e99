import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import Stripe from 'stripe'

import { fakeStripeJs } from './fakeStripeJs'

/**
 * A local stand-in for the parts of Stripe's API Showroom's `stripe` adapter calls (the real service
 * cannot be reached from here), driven through the real `stripe` SDK's `host`/`port`/`protocol` options:
 *
 * - `POST /v1/payment_intents` (confirm: true), `GET /v1/payment_intents/:id`, `POST /v1/payment_intents/:id/capture`,
 *   `POST /v1/payment_intents/:id/cancel` (not once it succeeded), `POST /v1/refunds`, with the secret key;
 * - idempotency as Stripe does it: the same `Idempotency-Key` and parameters replay the first answer
 *   (`Idempotent-Replayed: true`), other parameters are a 400 `idempotency_error`;
 * - Stripe's test PaymentMethods decide the outcome: `pm_card_visa` (any `pm_card_*` not below) pays,
 *   `pm_card_chargeDeclined` and `pm_card_chargeDeclinedInsufficientFunds` are 402 card errors,
 *   `pm_card_authenticationRequired` needs 3-D Secure (`requires_action`); anything else is 400
 *   `resource_missing` on `payment_method`;
 * - webhook events signed with the SDK's `webhooks.generateTestHeaderString`.
 *
 * For the browser it also serves a stand-in of Stripe.js at `/v3/` (see `fakeStripeJs.ts`) and the two
 * publishable-key calls it makes: `POST /v1/payment_methods` and `POST /v1/payment_intents/:id/authenticate`.
 */
export type FakeStripe = {
  url: string
  secretKey: string
  publishableKey: string
  webhookSecret: string
  /** Every PaymentIntent created, by id. */
  intents: Map<string, FakeIntent>
  /** Every refund created (not replays), by id. */
  refunds: Map<string, { amount: number; id: string; paymentIntent: string }>
  /** Every API request, in order: method, path and idempotency key (replays included). */
  requests: Array<{ idempotencyKey?: string; method: string; path: string }>
  /** Where `authenticate` (the browser's 3-D Secure stand-in) delivers its event; unset: nowhere. */
  webhookUrl?: string
  /** Finishes a `requires_action` PaymentIntent as the bank's 3-D Secure page would, and returns the event Stripe sends. */
  authenticate(id: string, outcome: 'fail' | 'succeed'): FakeEvent
  /** A signed event of `type` about `object`, as Stripe would send it. */
  event(type: string, object: Record<string, unknown>): FakeEvent
  /** A `stripe-signature` header for `body`, made by the SDK's `generateTestHeaderString` (with `webhookSecret` unless told). */
  signature(body: string, options?: { secret?: string; timestamp?: number }): string
  /** POSTs an event (signed with `webhookSecret`, or `signature` as given) to `url`. */
  deliver(url: string, event: FakeEvent, signature?: string): Promise<Response>
  close(): Promise<void>
}

export type FakeIntent = {
  amount: number
  amountRefunded: number
  chargeId: string
  clientSecret: string
  currency: string
  id: string
  lastPaymentError: null | { code: string; message: string; type: string }
  metadata: Record<string, string>
  paymentMethod: string
  status: 'canceled' | 'requires_action' | 'requires_capture' | 'requires_payment_method' | 'succeeded'
}

export type FakeEvent = { body: string; id: string; type: string }

type Answer = { body: unknown; replayed?: boolean; status: number }

const DECLINES: Record<string, { code: string; decline_code: string; message: string }> = {
  pm_card_chargeDeclined: { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
  pm_card_chargeDeclinedInsufficientFunds: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
}
const NEEDS_ACTION = new Set(['pm_card_authenticationRequired', 'pm_card_threeDSecure2Required'])

/** The card numbers Stripe's test mode documents, as the Stripe.js stand-in turns them into PaymentMethods. */
export const FAKE_STRIPE_CARDS: Record<string, string> = {
  '4000000000000002': 'pm_card_chargeDeclined',
  '4000000000009995': 'pm_card_chargeDeclinedInsufficientFunds',
  '4000002760003184': 'pm_card_authenticationRequired',
  '4242424242424242': 'pm_card_visa',
}

const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const error = (status: number, fields: Record<string, unknown>): Answer => ({ body: { error: fields }, status })

export const startFakeStripe = async (
  options: { publishableKey?: string; secretKey?: string; webhookSecret?: string; webhookUrl?: string } = {},
): Promise<FakeStripe> => {
  const secretKey = options.secretKey ?? 'sk_test_fake_0123456789abcdef'
  const publishableKey = options.publishableKey ?? 'pk_test_fake_0123456789abcdef'
  const webhookSecret = options.webhookSecret ?? 'whsec_fake_0123456789abcdef0123456789'
  const signer = new Stripe(secretKey)
  const intents = new Map<string, FakeIntent>()
  const refunds: FakeStripe['refunds'] = new Map()
  const requests: FakeStripe['requests'] = []
  const replays = new Map<string, { answer: Answer; fingerprint: string }>()

  const intentJson = (intent: FakeIntent) => ({
    amount: intent.amount,
    amount_received: intent.status === 'succeeded' ? intent.amount : 0,
    client_secret: intent.clientSecret,
    currency: intent.currency,
    id: intent.id,
    last_payment_error: intent.lastPaymentError,
    latest_charge: intent.status === 'succeeded' ? intent.chargeId : null,
    livemode: false,
    metadata: intent.metadata,
    next_action: intent.status === 'requires_action' ? { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } } : null,
    object: 'payment_intent',
    payment_method: intent.paymentMethod,
    status: intent.status,
  })
  const chargeJson = (intent: FakeIntent) => ({
    amount: intent.amount,
    amount_refunded: intent.amountRefunded,
    currency: intent.currency,
    id: intent.chargeId,
    object: 'charge',
    payment_intent: intent.id,
    refunded: intent.amountRefunded >= intent.amount,
  })

  const createIntent = (form: URLSearchParams): Answer => {
    const amount = Number(form.get('amount'))
    const currency = form.get('currency') ?? ''
    const paymentMethod = form.get('payment_method') ?? ''
    if (!Number.isInteger(amount) || amount < 1) return error(400, { message: 'Invalid positive integer', param: 'amount', type: 'invalid_request_error' })
    if (!/^[a-z]{3}$/.test(currency)) return error(400, { message: 'Invalid currency', param: 'currency', type: 'invalid_request_error' })
    if (form.get('confirm') !== 'true') return error(400, { message: 'The fake only supports confirm=true', param: 'confirm', type: 'invalid_request_error' })
    const known = paymentMethod.startsWith('pm_card_')
    if (!known) {
      return error(400, { code: 'resource_missing', message: `No such PaymentMethod: '${paymentMethod}'`, param: 'payment_method', type: 'invalid_request_error' })
    }
    const metadata = Object.fromEntries([...form.entries()].flatMap(([key, value]) => {
      const match = /^metadata\[(.+)\]$/.exec(key)
      return match?.[1] ? [[match[1], value]] : []
    }))
    const id = newId('pi')
    const decline = DECLINES[paymentMethod]
    const intent: FakeIntent = {
      amount,
      amountRefunded: 0,
      chargeId: newId('ch'),
      clientSecret: `${id}_secret_${randomBytes(8).toString('hex')}`,
      currency,
      id,
      lastPaymentError: decline ? { code: decline.code, message: decline.message, type: 'card_error' } : null,
      metadata,
      paymentMethod,
      status: decline ? 'requires_payment_method' : NEEDS_ACTION.has(paymentMethod) ? 'requires_action' : form.get('capture_method') === 'manual' ? 'requires_capture' : 'succeeded',
    }
    intents.set(id, intent)
    if (decline) return error(402, { ...decline, payment_intent: intentJson(intent), type: 'card_error' })
    return { body: intentJson(intent), status: 200 }
  }

  const createRefund = (form: URLSearchParams): Answer => {
    const intent = intents.get(form.get('payment_intent') ?? '')
    if (!intent) return error(400, { code: 'resource_missing', message: `No such payment_intent: '${form.get('payment_intent')}'`, param: 'payment_intent', type: 'invalid_request_error' })
    if (intent.status !== 'succeeded') {
      return error(400, { code: 'charge_not_refundable', message: `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, type: 'invalid_request_error' })
    }
    const left = intent.amount - intent.amountRefunded
    const amount = form.has('amount') ? Number(form.get('amount')) : left
    if (!Number.isInteger(amount) || amount < 1) return error(400, { message: 'Invalid positive integer', param: 'amount', type: 'invalid_request_error' })
    if (amount > left) {
      return error(400, { code: 'amount_too_large', message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, param: 'amount', type: 'invalid_request_error' })
    }
    intent.amountRefunded += amount
    const refund = { amount, id: newId('re'), paymentIntent: intent.id }
    refunds.set(refund.id, refund)
    return { body: { amount, charge: intent.chargeId, currency: intent.currency, id: refund.id, object: 'refund', payment_intent: intent.id, status: 'succeeded' }, status: 200 }
  }

  const event = (type: string, object: Record<string, unknown>): FakeEvent => {
    const id = newId('evt')
    const body = JSON.stringify({ api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000), data: { object }, id, livemode: false, object: 'event', type }, null, 2)
    return { body, id, type }
  }

  const authenticate = (id: string, outcome: 'fail' | 'succeed'): FakeEvent => {
    const intent = intents.get(id)
    if (intent?.status !== 'requires_action') throw new Error(`fake Stripe: PaymentIntent ${id} is not waiting for authentication`)
    if (outcome === 'succeed') {
      intent.status = 'succeeded'
      return event('payment_intent.succeeded', intentJson(intent))
    }
    intent.status = 'requires_payment_method'
    intent.lastPaymentError = { code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.', type: 'card_error' }
    return event('payment_intent.payment_failed', intentJson(intent))
  }

  const signature: FakeStripe['signature'] = (body, { secret = webhookSecret, timestamp } = {}) =>
    signer.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp !== undefined && { timestamp }) })

  const deliver = (url: string, sent: FakeEvent, signed?: string): Promise<Response> =>
    fetch(url, {
      body: sent.body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signed ?? signature(sent.body),
      },
      method: 'POST',
    })

  /** The secret-key API, with idempotency on every POST. */
  const api = (method: string, path: string, form: URLSearchParams, key: string | undefined): Answer => {
    const run = (): Answer => {
      if (method === 'POST' && path === '/v1/payment_intents') return createIntent(form)
      if (method === 'POST' && path === '/v1/refunds') return createRefund(form)
      const intentPath = /^\/v1\/payment_intents\/([A-Za-z0-9_]+)(\/capture|\/cancel)?$/.exec(path)
      const intent = intentPath ? intents.get(intentPath[1] ?? '') : undefined
      if (intentPath && !intent) return error(404, { code: 'resource_missing', message: `No such payment_intent: '${intentPath[1]}'`, param: 'intent', type: 'invalid_request_error' })
      if (intent && method === 'GET' && !intentPath?.[2]) return { body: intentJson(intent), status: 200 }
      if (intent && method === 'POST' && intentPath?.[2] === '/cancel') {
        if (intent.status === 'succeeded' || intent.status === 'canceled') {
          return error(400, {
            code: 'payment_intent_unexpected_state',
            message: `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
            payment_intent: intentJson(intent),
            type: 'invalid_request_error',
          })
        }
        intent.status = 'canceled'
        return { body: { ...intentJson(intent), cancellation_reason: form.get('cancellation_reason') }, status: 200 }
      }
      if (intent && method === 'POST' && intentPath?.[2]) {
        if (intent.status === 'requires_capture') intent.status = 'succeeded'
        return { body: intentJson(intent), status: 200 }
      }
      return error(404, { message: `Unrecognized request URL (${method}: ${path}).`, type: 'invalid_request_error' })
    }
    if (method !== 'POST' || !key) return run()
    const fingerprint = createHash('sha256').update(`${path}\n${[...form.entries()].sort().join('&')}`).digest('hex')
    const earlier = replays.get(key)
    if (earlier) {
      if (earlier.fingerprint === fingerprint) return { ...earlier.answer, replayed: true }
      return error(400, {
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        type: 'idempotency_error',
      })
    }
    const answer = run()
    replays.set(key, { answer, fingerprint })
    return answer
  }

  const fake: FakeStripe = {
    authenticate,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    deliver,
    event,
    intents,
    publishableKey,
    refunds,
    requests,
    secretKey,
    signature,
    url: '',
    webhookSecret,
    webhookUrl: options.webhookUrl,
  }

  /** What Stripe.js (the stand-in) calls with the publishable key, from the shopper's browser. */
  const browserApi = async (path: string, form: URLSearchParams): Promise<Answer> => {
    if (path === '/v1/payment_methods') {
      const number = (form.get('card[number]') ?? '').replace(/\s/g, '')
      const id = FAKE_STRIPE_CARDS[number]
      if (!id) return error(402, { code: 'incorrect_number', message: 'Your card number is incorrect.', type: 'card_error' })
      return { body: { id, object: 'payment_method', type: 'card' }, status: 200 }
    }
    const match = /^\/v1\/payment_intents\/([A-Za-z0-9_]+)\/authenticate$/.exec(path)
    const intent = match ? intents.get(match[1] ?? '') : undefined
    if (!intent || form.get('client_secret') !== intent.clientSecret) return error(404, { message: 'No such payment_intent', type: 'invalid_request_error' })
    if (intent.status !== 'requires_action') {
      return error(400, { code: 'payment_intent_unexpected_state', message: `This PaymentIntent has a status of ${intent.status}.`, type: 'invalid_request_error' })
    }
    const sent = authenticate(intent.id, form.get('outcome') === 'fail' ? 'fail' : 'succeed')
    if (fake.webhookUrl) await deliver(fake.webhookUrl, sent)
    return { body: intentJson(intent), status: 200 }
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://fake')
    const method = request.method ?? 'GET'
    const cors = { 'access-control-allow-headers': 'authorization, content-type', 'access-control-allow-origin': '*' }
    if (method === 'OPTIONS') return void response.writeHead(204, cors).end()
    if (method === 'GET' && url.pathname === '/v3/') {
      return void response.writeHead(200, { ...cors, 'content-type': 'text/javascript; charset=utf-8' }).end(fakeStripeJs(fake.url))
    }
    const key = request.headers['idempotency-key']
    const idempotencyKey = typeof key === 'string' ? key : undefined
    requests.push({ idempotencyKey, method, path: url.pathname })
    const body = await readBody(request)
    const form = new URLSearchParams(method === 'GET' ? url.search : body)
    const bearer = (request.headers.authorization ?? '').replace(/^Bearer /, '')
    let answer: Answer
    if (bearer === secretKey) answer = api(method, url.pathname, form, idempotencyKey)
    else if (bearer === publishableKey && method === 'POST') answer = await browserApi(url.pathname, form)
    else answer = error(401, { message: `Invalid API Key provided: ${bearer.slice(0, 8)}…`, type: 'invalid_request_error' })
    response.writeHead(answer.status, {
      ...cors,
      'content-type': 'application/json',
      'request-id': newId('req'),
      ...(answer.replayed && { 'idempotent-replayed': 'true' }),
    })
    response.end(JSON.stringify(answer.body))
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((failure: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: String(failure), type: 'api_error' } }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return fake
}
