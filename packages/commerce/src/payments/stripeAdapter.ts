import Stripe from 'stripe'
import { z } from 'zod'

import type { PaymentAdapter, PaymentField, PaymentResult, RefundResult } from './types'

import { assertConfirmArgs, assertInitiateArgs, assertRefundArgs } from './callerArgs'
import { PaymentIdempotencyError, PaymentInputError } from './errors'
import { parseInput } from './parseInput'
import { adapterTranslations, type PaymentTranslations } from './paymentTexts'
import { readStripeWebhook } from './stripeWebhook'

export type StripeAdapterOptions = {
  /** The secret API key (`sk_live_…`, `sk_test_…` or a restricted `rk_…`): server only. */
  secretKey: string
  /** The publishable key (`pk_…`) the shopper's browser gives Stripe.js; published with the method. */
  publishableKey: string
  /**
   * The webhook endpoint's signing secret (`whsec_…`).
   * @default undefined: every webhook is refused with `PaymentWebhookSignatureError`
   */
  webhookSecret?: string
  /**
   * Where the Stripe API answers, such as `http://127.0.0.1:12111` for a local fake (tests, development
   * without network). Passed to the SDK as its `host`/`port`/`protocol` options.
   * @default Stripe's own API (https://api.stripe.com)
   */
  apiBase?: string
  /** @default 'Card (Stripe)' */
  label?: string
  /** @default a sentence saying the card is entered with Stripe and may ask for 3-D Secure */
  description?: string
  /**
   * The label and description in the shop's other locales, such as `{ de: { label: 'Kreditkarte' } }`.
   * German words are built in for the default label, description and the card field.
   */
  translations?: PaymentTranslations
  /** How long one API call may take before the SDK gives up, in ms. @default 20000 */
  timeoutMs?: number
  /** How often the SDK retries a call that failed on the network or a 5xx, with the same idempotency key. @default 2 */
  maxNetworkRetries?: number
}

/**
 * The one input: the PaymentMethod id Stripe.js created in the shopper's browser from the card she typed
 * into Stripe's own field. The card number never reaches Showroom.
 */
export const STRIPE_FIELDS: readonly PaymentField[] = [
  { autocomplete: 'off', label: 'Card', maxLength: 255, name: 'paymentMethod', required: true, type: 'text' },
]

/** The built-in words in other languages. */
const BUILT_IN_TRANSLATIONS: PaymentTranslations = {
  de: {
    description: 'Zahlen Sie per Karte über Stripe. Ihre Kartendaten gehen direkt an Stripe; Ihre Bank bittet Sie vielleicht, die Zahlung zu bestätigen (3-D Secure).',
    fields: { paymentMethod: { label: 'Karte' } },
    label: 'Karte (Stripe)',
  },
}

const detailsSchema = z.object(
  {
    paymentMethod: z
      .string({ error: 'Enter your card details.' })
      .regex(/^pm_[A-Za-z0-9_]{1,250}$/, 'Enter your card details again: the card could not be read.'),
  },
  { error: 'Enter your card details.' },
)

/** The SDK's client for `apiBase`, or for Stripe itself. */
const clientOf = (options: StripeAdapterOptions): Stripe => {
  const base = options.apiBase === undefined ? undefined : new URL(options.apiBase)
  return new Stripe(options.secretKey, {
    appInfo: { name: 'Showroom' },
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === 'https:' ? 443 : 80),
      protocol: base.protocol === 'https:' ? 'https' : 'http',
    }),
  })
}

const { StripeCardError, StripeIdempotencyError, StripeInvalidRequestError } = Stripe.errors

/** Stripe's own message, without the `[req_…]` prefix the SDK adds for logs. */
const stripeMessage = (error: InstanceType<typeof Stripe.errors.StripeError>): string => {
  const raw = error.raw as { message?: unknown } | undefined
  return typeof raw?.message === 'string' && raw.message !== '' ? raw.message : error.message
}

/**
 * A card payment through Stripe's Payment Intents. The browser turns the card into a PaymentMethod with
 * Stripe.js; `initiate` creates and confirms a PaymentIntent for it (idempotency key = the order's charge
 * key). A card that needs 3-D Secure comes back `pending` with an `action` the storefront runs with
 * Stripe.js; Stripe's webhook (`payment_intent.succeeded` / `payment_intent.payment_failed`) then settles
 * the order. Every POST to Stripe carries an idempotency key; the key's reuse with other arguments is
 * Stripe's `idempotency_error`, thrown here as `PaymentIdempotencyError`.
 */
export const createStripeAdapter = (options: StripeAdapterOptions): PaymentAdapter => {
  const name = 'stripe'
  const stripe = clientOf(options)
  const { publishableKey, webhookSecret } = options

  const resultOf = (intent: Stripe.PaymentIntent): PaymentResult => {
    const reference = intent.id
    switch (intent.status) {
      case 'succeeded':
        return { reference, status: 'paid' }
      case 'requires_capture':
        return { reference, status: 'authorized' }
      case 'requires_action':
        if (!intent.client_secret) throw new Error(`stripe: PaymentIntent ${reference} requires an action but has no client_secret`)
        return { action: { clientSecret: intent.client_secret, publishableKey, type: 'stripe.handleNextAction' }, reference, status: 'pending' }
      case 'requires_payment_method':
        return { message: intent.last_payment_error?.message ?? 'The payment was declined.', reference, status: 'failed' }
      case 'canceled':
        return { message: 'The payment was cancelled.', reference, status: 'failed' }
      default:
        // processing, requires_confirmation: the outcome comes later, by webhook or `confirm`.
        return { reference, status: 'pending' }
    }
  }

  /** Stripe refusing an idempotency key it saw with other parameters. */
  const idempotencyError = (where: string, key: string, error: Error): PaymentIdempotencyError =>
    new PaymentIdempotencyError(`stripe.${where}: idempotency key "${key}" was already used with other arguments; nothing was charged or refunded again (${error.message})`, { cause: error })

  return {
    name,
    label: options.label ?? 'Card (Stripe)',
    description:
      options.description ??
      'Pay by card through Stripe. Your card details go straight to Stripe; your bank may ask you to confirm the payment (3-D Secure).',
    fields: STRIPE_FIELDS,
    translations: adapterTranslations(BUILT_IN_TRANSLATIONS, options),
    client: { publishableKey },

    checkDetails: (details) => {
      parseInput(detailsSchema, details)
    },

    initiate: async (args) => {
      assertInitiateArgs(name, args)
      const { paymentMethod } = parseInput(detailsSchema, args.details)
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: args.amount,
            automatic_payment_methods: { allow_redirects: 'never', enabled: true },
            confirm: true,
            currency: args.currency.toLowerCase(),
            description: `Order ${args.orderNumber}`,
            metadata: { orderNumber: args.orderNumber, ...(args.orderId !== undefined && { orderId: String(args.orderId) }) },
            payment_method: paymentMethod,
            // The browser finishes 3-D Secure with Stripe.js (`handleNextAction`), not by a redirect.
            use_stripe_sdk: true,
          },
          { idempotencyKey: args.idempotencyKey },
        )
        return resultOf(intent)
      } catch (error) {
        // A decline: Stripe answers 402 and the error carries the PaymentIntent; its message is shopper-safe.
        if (error instanceof StripeCardError) {
          return { message: stripeMessage(error), reference: error.payment_intent?.id ?? `stripe_declined_${error.requestId ?? 'unknown'}`, status: 'failed' }
        }
        if (error instanceof StripeIdempotencyError) throw idempotencyError('initiate', args.idempotencyKey, error)
        if (error instanceof StripeInvalidRequestError && error.param === 'payment_method') {
          throw new PaymentInputError('Enter your card details again: the card could not be read.', {
            cause: error,
            issues: [{ message: 'Enter your card details again: the card could not be read.', path: ['paymentMethod'] }],
          })
        }
        throw error
      }
    },

    confirm: async (args) => {
      assertConfirmArgs(name, args)
      const intent = await stripe.paymentIntents.retrieve(args.reference)
      if (intent.status !== 'requires_capture') return resultOf(intent)
      return resultOf(await stripe.paymentIntents.capture(intent.id, {}, { idempotencyKey: `capture:${intent.id}` }))
    },

    refund: async (args) => {
      assertRefundArgs(name, args)
      const refuse = (message: string): RefundResult => ({ message, reference: args.reference, status: 'failed' })
      try {
        const intent = await stripe.paymentIntents.retrieve(args.reference)
        if (intent.currency !== args.currency.toLowerCase()) return refuse(`The payment was made in ${intent.currency.toUpperCase()}, not ${args.currency}.`)
        const refund = await stripe.refunds.create({ amount: args.amount, payment_intent: args.reference }, { idempotencyKey: args.idempotencyKey })
        if (refund.status === 'failed' || refund.status === 'canceled') return refuse(`Stripe refused the refund (${refund.failure_reason ?? refund.status}).`)
        return { reference: refund.id, status: 'refunded' }
      } catch (error) {
        if (error instanceof StripeIdempotencyError) throw idempotencyError('refund', args.idempotencyKey, error)
        // More than is left, a payment that took no money, an unknown reference: Stripe's message for staff.
        if (error instanceof StripeInvalidRequestError) return refuse(stripeMessage(error))
        throw error
      }
    },

    cancel: async (args) => {
      try {
        await stripe.paymentIntents.cancel(args.reference, { cancellation_reason: 'abandoned' }, { idempotencyKey: args.idempotencyKey })
        return { status: 'cancelled' }
      } catch (error) {
        if (error instanceof StripeIdempotencyError) throw idempotencyError('cancel', args.idempotencyKey, error)
        // Not cancellable any more: it succeeded (the webhook reports the payment) or was cancelled already.
        if (error instanceof StripeInvalidRequestError && error.code === 'payment_intent_unexpected_state') {
          const intent = await stripe.paymentIntents.retrieve(args.reference)
          return { status: intent.status === 'succeeded' || intent.status === 'processing' ? 'too-late' : 'cancelled' }
        }
        throw error
      }
    },

    handleWebhook: async (request) => readStripeWebhook(stripe, request, webhookSecret),
  }
}
