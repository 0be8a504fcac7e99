import { z } from 'zod'

import type { PaymentTranslations } from './paymentTexts'
import type { PaymentField } from './types'

/** What the test adapter does with a card. */
export type TestCardOutcome = { status: 'paid' | 'authorized' } | { status: 'failed'; message: string }

/**
 * The documented test cards (also in docs/payments.md). Any expiry date not in the past and any
 * 3–4 digit CVC work with each of them.
 *
 * | card number           | `initiate`                                   | `confirm` |
 * | --------------------- | -------------------------------------------- | --------- |
 * | `4242 4242 4242 4242` | `paid`                                       | `paid`    |
 * | `4000 0000 0000 0002` | `failed`: "Your card was declined."          | `failed`  |
 * | `4000 0000 0000 9995` | `failed`: "Your card has insufficient funds." | `failed`  |
 * | `4000 0025 0000 3155` | `authorized` (a two-step card)               | `paid`    |
 * | any other 16 digits   | `failed`: "Unknown test card. …"             | `failed`  |
 */
export const TEST_CARDS: ReadonlyMap<string, TestCardOutcome> = new Map<string, TestCardOutcome>([
  ['4242424242424242', { status: 'paid' }],
  ['4000000000000002', { status: 'failed', message: 'Your card was declined.' }],
  ['4000000000009995', { status: 'failed', message: 'Your card has insufficient funds.' }],
  ['4000002500003155', { status: 'authorized' }],
])

const UNKNOWN_TEST_CARD: TestCardOutcome = {
  status: 'failed',
  message: 'Unknown test card. Use one of the cards listed in docs/payments.md.',
}

/** What the test adapter does with `number` (16 digits, no spaces). */
export const outcomeForTestCard = (number: string): TestCardOutcome => TEST_CARDS.get(number) ?? UNKNOWN_TEST_CARD

const EXPIRY = /^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/

/** A card expires at the end of its expiry month, in UTC so the answer does not depend on the server. */
const hasExpired = (expiry: string, now: Date): boolean => {
  const match = EXPIRY.exec(expiry)
  if (!match) return false // the format check reports it
  const month = Number(match[1])
  const year = 2000 + Number(match[2])
  return year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1
}

/** The inputs `createTestCardSchema` reads, as the checkout renders them. */
export const TEST_CARD_FIELDS: readonly PaymentField[] = [
  { autocomplete: 'cc-number', inputMode: 'numeric', label: 'Card number', maxLength: 23, name: 'number', required: true, type: 'text' },
  { autocomplete: 'cc-exp', label: 'Expiry (MM/YY)', maxLength: 7, name: 'expiry', placeholder: 'MM/YY', required: true, type: 'text' },
  { autocomplete: 'cc-csc', inputMode: 'numeric', label: 'Security code (CVC)', maxLength: 4, name: 'cvc', required: true, type: 'text' },
]

/** The test card's built-in words in other languages. */
export const TEST_CARD_TRANSLATIONS: PaymentTranslations = {
  de: {
    description:
      'Eine Offline-Testkarte: Es wird nichts abgebucht. Verwenden Sie 4242 4242 4242 4242 mit einem beliebigen künftigen Ablaufdatum und einer beliebigen dreistelligen Prüfnummer.',
    fields: { cvc: { label: 'Prüfnummer (CVC)' }, expiry: { label: 'Ablaufdatum (MM/JJ)', placeholder: 'MM/JJ' }, number: { label: 'Kartennummer' } },
    label: 'Testkarte (kein echtes Geld)',
  },
}

/**
 * What the shopper enters for the test adapter: `{ number: '4242 4242 4242 4242', expiry: 'MM/YY', cvc }`.
 * Other keys (such as a cardholder name) are dropped. `now` decides whether the card has expired.
 */
export const createTestCardSchema = (now: () => Date) =>
  z.object(
    {
      number: z
        .string({ error: 'Enter the 16-digit card number.' })
        .transform((value) => value.replaceAll(' ', ''))
        .pipe(z.string().regex(/^\d{16}$/, 'Enter the 16-digit card number.')),
      expiry: z
        .string({ error: 'Enter the expiry date as MM/YY.' })
        .trim()
        .regex(EXPIRY, 'Enter the expiry date as MM/YY.')
        .refine((value) => !hasExpired(value, now()), 'Your card has expired.')
        .transform((value) => value.replaceAll(/\s/g, '')),
      cvc: z.string({ error: 'Enter the 3- or 4-digit security code.' }).trim().regex(/^\d{3,4}$/, 'Enter the 3- or 4-digit security code.'),
    },
    { error: 'Enter your card details.' },
  )

export type TestCardDetails = z.output<ReturnType<typeof createTestCardSchema>>
