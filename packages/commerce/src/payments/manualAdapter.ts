import { createHash } from 'node:crypto'
import { z } from 'zod'

import type { PaymentAdapter } from './types'

import { assertConfirmArgs, assertInitiateArgs, assertRefundArgs } from './callerArgs'
import { parseInput } from './parseInput'
import { adapterTranslations, type PaymentTranslations } from './paymentTexts'

export type ManualAdapterOptions = {
  /**
   * What the shopper sees when choosing how to pay.
   * @default 'Pay by bank transfer'
   */
  label?: string
  /**
   * What the shopper reads about it at checkout.
   * @default 'Transfer the total after placing your order; we ship once the money arrives.'
   */
  description?: string
  /**
   * The label and description in the shop's other locales, such as `{ de: { label: 'Kauf auf Rechnung' } }`.
   * German words are built in for the default label and description.
   */
  translations?: PaymentTranslations
}

/** The built-in words in other languages. */
const BUILT_IN_TRANSLATIONS: PaymentTranslations = {
  de: {
    description: 'Überweisen Sie den Gesamtbetrag nach Ihrer Bestellung; wir versenden, sobald das Geld eingegangen ist.',
    label: 'Zahlung per Banküberweisung',
  },
}

/** Manual payment takes nothing from the shopper: no details, or an empty form. */
const manualDetailsSchema = z.union([z.undefined(), z.null(), z.object({})], {
  error: 'This payment method needs no details.',
})

/**
 * A reference derived from the idempotency key: the same attempt always gets the same reference, on any
 * process and after a restart, without the adapter keeping state.
 */
const referenceFor = (prefix: string, ...parts: string[]): string =>
  `${prefix}${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24)}`

/**
 * Payment that happens outside the system (bank transfer, cash on collection). A payment stays `pending`
 * until staff mark the order paid in the admin; a refund is recorded as done because staff return the
 * money themselves. There is no provider, so no webhooks, and no ledger: checking that a refund does not
 * exceed what was paid is the order's job.
 */
export const createManualAdapter = (options: ManualAdapterOptions = {}): PaymentAdapter => {
  const name = 'manual'
  return {
    name,
    label: options.label ?? 'Pay by bank transfer',
    description: options.description ?? 'Transfer the total after placing your order; we ship once the money arrives.',
    fields: [],
    translations: adapterTranslations(BUILT_IN_TRANSLATIONS, options),
    checkDetails: (details) => {
      parseInput(manualDetailsSchema, details)
    },
    pendingReference: ({ idempotencyKey }) => referenceFor('manual_', idempotencyKey),
    initiate: async (args) => {
      assertInitiateArgs(name, args)
      parseInput(manualDetailsSchema, args.details)
      return { status: 'pending', reference: referenceFor('manual_', args.idempotencyKey) }
    },
    confirm: async (args) => {
      assertConfirmArgs(name, args)
      // Only staff can say the money arrived; they do it on the order, not through the adapter.
      return { status: 'pending', reference: args.reference }
    },
    refund: async (args) => {
      assertRefundArgs(name, args)
      return { status: 'refunded', reference: referenceFor('manual_re_', args.reference, args.idempotencyKey) }
    },
    handleWebhook: async () => null,
  }
}
