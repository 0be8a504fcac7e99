import { createHash, randomBytes } from 'node:crypto'

import type { PaymentAdapter, PaymentResult, PaymentStatus, RefundResult } from './types'

import { assertConfirmArgs, assertInitiateArgs, assertRefundArgs } from './callerArgs'
import { PaymentIdempotencyError } from './errors'
import { parseInput } from './parseInput'
import { adapterTranslations, type PaymentTranslations } from './paymentTexts'
import { createTestCardSchema, outcomeForTestCard, TEST_CARD_FIELDS, TEST_CARD_TRANSLATIONS } from './testCards'
import { readTestWebhook } from './testWebhook'

export type TestAdapterOptions = {
  /**
   * Signs webhooks (`test-signature: <hex HMAC-SHA256 of the raw body>`); at least 16 characters.
   * @default undefined: every webhook is refused with `PaymentWebhookSignatureError`
   */
  webhookSecret?: string
  /**
   * What the shopper sees when choosing how to pay.
   * @default 'Test card (no real money)'
   */
  label?: string
  /**
   * What the shopper reads about it at checkout.
   * @default a sentence naming the card that pays (4242 4242 4242 4242)
   */
  description?: string
  /**
   * The label and description in the shop's other locales, such as `{ de: { label: 'Kreditkarte' } }`.
   * German words are built in for the default label, description and the card fields.
   */
  translations?: PaymentTranslations
  /**
   * The clock that decides whether a card has expired.
   * @default () => new Date()
   */
  now?: () => Date
}

/** The test adapter, plus a look at its ledger for tests. */
export type TestPaymentAdapter = PaymentAdapter & {
  /** How many payments (one per idempotency key, declines included) and refunds the ledger holds. */
  ledgerCounts(): { payments: number; refunds: number }
}

/** One payment in the ledger. The card itself is never kept: only a hash of the request, to spot key reuse. */
type Charge = {
  amount: number
  currency: string
  fingerprint: string
  /** What `initiate` answered, returned again for the same idempotency key. */
  initiated: PaymentResult
  reference: string
  refunded: number
  status: PaymentStatus
}

const MIN_SECRET_LENGTH = 16

const fingerprintOf = (...parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex')

const newReference = (prefix: string): string => `${prefix}${randomBytes(12).toString('hex')}`

/** Where a charge stands now; a decline keeps the message `initiate` gave. */
const resultOf = (charge: Charge): PaymentResult => ({ ...charge.initiated, status: charge.status })

/**
 * A pretend card provider, fully offline and deterministic: the card number decides the outcome (see
 * `TEST_CARDS` and docs/payments.md). It keeps its ledger in this instance's memory, like a provider's
 * database would, so it is right for development and tests but forgets everything when the process
 * restarts, and two processes do not share it. Never enable it where real shoppers pay.
 */
export const createTestAdapter = (options: TestAdapterOptions = {}): TestPaymentAdapter => {
  const name = 'test'
  const { webhookSecret } = options
  if (webhookSecret !== undefined && webhookSecret.length < MIN_SECRET_LENGTH) {
    throw new RangeError(`createTestAdapter: webhookSecret must be at least ${MIN_SECRET_LENGTH} characters, got ${webhookSecret.length}`)
  }
  const cardSchema = createTestCardSchema(options.now ?? (() => new Date()))
  const chargesByKey = new Map<string, Charge>()
  const chargesByReference = new Map<string, Charge>()
  const refundsByKey = new Map<string, { fingerprint: string; result: RefundResult }>()

  // Each method below looks up its idempotency key and records the outcome with no `await` in between,
  // so two concurrent calls with one key cannot both charge (or refund).
  return {
    name,
    label: options.label ?? 'Test card (no real money)',
    description:
      options.description ?? 'An offline test card: nothing is charged. Use 4242 4242 4242 4242 with any future expiry date and any 3-digit code.',
    fields: TEST_CARD_FIELDS,
    translations: adapterTranslations(TEST_CARD_TRANSLATIONS, options),

    checkDetails: (details) => {
      parseInput(cardSchema, details)
    },

    initiate: async (args) => {
      assertInitiateArgs(name, args)
      const card = parseInput(cardSchema, args.details)
      const { amount, currency, orderId, orderNumber } = args
      const fingerprint = fingerprintOf(orderId, orderNumber, amount, currency, card.number, card.expiry, card.cvc)
      const previous = chargesByKey.get(args.idempotencyKey)
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          throw new PaymentIdempotencyError(
            `test.initiate: idempotency key "${args.idempotencyKey}" was already used with other arguments (payment ${previous.reference}); nothing was charged again`,
          )
        }
        return { ...previous.initiated }
      }
      const outcome = outcomeForTestCard(card.number)
      const reference = newReference('test_')
      const initiated: PaymentResult =
        outcome.status === 'failed' ? { status: 'failed', reference, message: outcome.message } : { status: outcome.status, reference }
      const charge: Charge = {
        amount: args.amount,
        currency: args.currency,
        fingerprint,
        initiated,
        reference,
        refunded: 0,
        status: outcome.status,
      }
      chargesByKey.set(args.idempotencyKey, charge)
      chargesByReference.set(charge.reference, charge)
      return { ...charge.initiated }
    },

    confirm: async (args) => {
      assertConfirmArgs(name, args)
      const charge = chargesByReference.get(args.reference)
      if (!charge) {
        // Like a provider answering 404: the caller must not mark the order failed on this.
        throw new Error(
          `test.confirm: no payment has reference "${args.reference}" (the test adapter's ledger lives in memory and is lost when the process restarts)`,
        )
      }
      if (charge.status === 'authorized') charge.status = 'paid'
      return resultOf(charge)
    },

    refund: async (args) => {
      assertRefundArgs(name, args)
      const fingerprint = fingerprintOf(args.reference, args.amount, args.currency)
      const previous = refundsByKey.get(args.idempotencyKey)
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          throw new PaymentIdempotencyError(
            `test.refund: idempotency key "${args.idempotencyKey}" was already used with other arguments (refund ${previous.result.reference}); nothing was refunded again`,
          )
        }
        return { ...previous.result }
      }
      // A refused refund is not recorded: like a provider rejecting a request, it leaves the key unused.
      const refuse = (message: string): RefundResult => ({ status: 'failed', reference: args.reference, message })
      const charge = chargesByReference.get(args.reference)
      if (!charge) return refuse('No test payment has this reference.')
      if (charge.status !== 'paid') return refuse(`Only a paid payment can be refunded; this one is ${charge.status}.`)
      if (args.currency !== charge.currency) return refuse(`The payment was made in ${charge.currency}, not ${args.currency}.`)
      const left = charge.amount - charge.refunded
      if (args.amount > left) {
        return refuse(`Cannot refund ${args.amount}: only ${left} is left to refund on this payment (${charge.currency} minor units).`)
      }
      charge.refunded += args.amount
      const result: RefundResult = { status: 'refunded', reference: newReference('test_re_') }
      refundsByKey.set(args.idempotencyKey, { fingerprint, result })
      return { ...result }
    },

    handleWebhook: async (request) => readTestWebhook(request, webhookSecret),

    ledgerCounts: () => ({ payments: chargesByKey.size, refunds: refundsByKey.size }),
  }
}
