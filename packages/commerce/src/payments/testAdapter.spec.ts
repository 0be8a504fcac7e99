import { describe, expect, it } from 'vitest'

import type { InitiateArgs } from './types'

import { PaymentIdempotencyError, PaymentInputError } from './errors'
import { createTestAdapter } from './testAdapter'

const NOW = new Date('2026-03-15T12:00:00Z')
const adapter = () => createTestAdapter({ now: () => NOW })

const card = (number: unknown, overrides: Record<string, unknown> = {}) => ({ number, expiry: '12/30', cvc: '123', ...overrides })

let keys = 0
const args = (details: unknown, overrides: Partial<InitiateArgs> = {}): InitiateArgs => ({
  orderId: 42,
  orderNumber: 'SR-260315-ABCDE',
  amount: 1999,
  currency: 'EUR',
  details,
  idempotencyKey: `order:42:attempt:${++keys}`,
  ...overrides,
})

/** The error `promise` rejects with, checked to be an `ErrorClass`. */
const rejectionOf = async <E extends Error>(promise: Promise<unknown>, ErrorClass: new (...args: never[]) => E): Promise<E> => {
  const error: unknown = await promise.then(() => undefined, (reason: unknown) => reason)
  if (!(error instanceof ErrorClass)) throw new Error(`expected a ${ErrorClass.name}, got ${String(error)}`, { cause: error })
  return error
}

describe('test adapter: the documented cards', () => {
  it('4242 4242 4242 4242 pays at once', async () => {
    const result = await adapter().initiate(args(card('4242 4242 4242 4242')))
    expect(result).toEqual({ status: 'paid', reference: expect.stringMatching(/^test_[0-9a-f]{24}$/) })
  })

  it.each([
    ['4000 0000 0000 0002', 'Your card was declined.'],
    ['4000 0000 0000 9995', 'Your card has insufficient funds.'],
    ['4111 1111 1111 1111', 'Unknown test card. Use one of the cards listed in docs/payments.md.'],
  ])('%s fails with "%s"', async (number, message) => {
    const payments = adapter()
    const result = await payments.initiate(args(card(number)))
    expect(result).toEqual({ status: 'failed', reference: expect.stringMatching(/^test_/), message })
    // Confirming a decline does not turn it into a payment.
    expect(await payments.confirm({ reference: result.reference })).toEqual(result)
  })

  it('4000 0025 0000 3155 is authorized first and paid on confirm, once', async () => {
    const payments = adapter()
    const initiated = await payments.initiate(args(card('4000002500003155')))
    expect(initiated.status).toBe('authorized')
    const confirmed = await payments.confirm({ reference: initiated.reference })
    expect(confirmed).toEqual({ status: 'paid', reference: initiated.reference })
    expect(await payments.confirm({ reference: initiated.reference })).toEqual(confirmed)
    expect(payments.ledgerCounts().payments).toBe(1)
  })

  it('confirming a paid payment keeps it paid', async () => {
    const payments = adapter()
    const { reference } = await payments.initiate(args(card('4242424242424242')))
    expect(await payments.confirm({ reference })).toEqual({ status: 'paid', reference })
  })

  it('refuses to confirm a reference it never issued, instead of calling it failed', async () => {
    await expect(adapter().confirm({ reference: 'test_nope' })).rejects.toThrow(/no payment has reference "test_nope"/)
  })

  it('accepts a card expiring this month and ignores extra fields such as a name', async () => {
    const result = await adapter().initiate(args(card('4242424242424242', { expiry: '03/26', name: 'Ada' })))
    expect(result.status).toBe('paid')
  })
})

describe('test adapter: what the shopper entered', () => {
  it.each([
    ['no details', undefined, 'Enter your card details.', []],
    ['a string', '4242424242424242', 'Enter your card details.', []],
    ['15 digits', card('4242 4242 4242 424'), 'Enter the 16-digit card number.', ['number']],
    ['17 digits', card('4242 4242 4242 42424'), 'Enter the 16-digit card number.', ['number']],
    ['dashes', card('4242-4242-4242-4242'), 'Enter the 16-digit card number.', ['number']],
    ['letters', card('4242 4242 4242 424x'), 'Enter the 16-digit card number.', ['number']],
    ['a number type', card(4242424242424242), 'Enter the 16-digit card number.', ['number']],
    ['an expiry in the past', card('4242424242424242', { expiry: '02/26' }), 'Your card has expired.', ['expiry']],
    ['month 13', card('4242424242424242', { expiry: '13/30' }), 'Enter the expiry date as MM/YY.', ['expiry']],
    ['a four-digit year', card('4242424242424242', { expiry: '12/2030' }), 'Enter the expiry date as MM/YY.', ['expiry']],
    ['no expiry', card('4242424242424242', { expiry: undefined }), 'Enter the expiry date as MM/YY.', ['expiry']],
    ['a 2-digit CVC', card('4242424242424242', { cvc: '12' }), 'Enter the 3- or 4-digit security code.', ['cvc']],
    ['a 5-digit CVC', card('4242424242424242', { cvc: '12345' }), 'Enter the 3- or 4-digit security code.', ['cvc']],
  ])('refuses %s with a shopper-safe PaymentInputError', async (_, details, message, path) => {
    const payments = adapter()
    const error = await rejectionOf(payments.initiate(args(details)), PaymentInputError)
    expect(error).toMatchObject({ message, issues: [{ path, message }] })
    expect(payments.ledgerCounts().payments).toBe(0)
  })

  it('needs no order id: checkout pays before the order is stored, so the order number is the reference', async () => {
    const { orderId: _omitted, ...request } = args(card('4242 4242 4242 4242'))
    expect((await adapter().initiate(request)).status).toBe('paid')
  })

  it('lists every problem, for showing beside each field', async () => {
    const error = await rejectionOf(adapter().initiate(args({ number: '42', expiry: '1/2', cvc: '' })), PaymentInputError)
    expect(error.issues.map((issue) => issue.path)).toEqual([['number'], ['expiry'], ['cvc']])
  })

  it.each([
    ['a fractional amount', { amount: 19.99 }],
    ['a zero amount', { amount: 0 }],
    ['a lower-case currency', { currency: 'eur' }],
    ['an empty idempotency key', { idempotencyKey: '' }],
    ['an empty order number', { orderNumber: '' }],
    ['an order id of zero', { orderId: 0 }],
  ])('treats %s from the caller as a bug (TypeError), not as shopper input', async (_, overrides) => {
    const payments = adapter()
    await expect(payments.initiate(args(card('4242424242424242'), overrides))).rejects.toThrow(TypeError)
    await expect(payments.initiate(args(card('4242424242424242'), overrides))).rejects.toThrow(/^test\.initiate was called with invalid arguments/)
    expect(payments.ledgerCounts().payments).toBe(0)
  })
})

describe('test adapter: idempotency', () => {
  it('charges once for one key: the same result and reference come back', async () => {
    const payments = adapter()
    const request = args(card('4242 4242 4242 4242'))
    const first = await payments.initiate(request)
    // Spacing the card number differently is still the same card.
    const again = await payments.initiate({ ...request, details: card('4242424242424242') })
    expect(again).toEqual(first)
    expect(payments.ledgerCounts().payments).toBe(1)
  })

  it('charges once when the same request arrives twice at the same moment', async () => {
    const payments = adapter()
    const request = args(card('4242424242424242'))
    const [one, two] = await Promise.all([payments.initiate(request), payments.initiate(request)])
    expect(two).toEqual(one)
    expect(payments.ledgerCounts().payments).toBe(1)
  })

  it('replays a decline too: retrying with the same key does not try the card again', async () => {
    const payments = adapter()
    const request = args(card('4000000000000002'))
    expect(await payments.initiate(request)).toEqual(await payments.initiate(request))
    expect(payments.ledgerCounts().payments).toBe(1)
  })

  it.each([
    ['another card', { details: card('4000000000000002') }],
    ['another amount', { amount: 2999 }],
    ['another currency', { currency: 'USD' }],
    ['another order', { orderId: 43 }],
    ['another order number', { orderNumber: 'SR-260315-ZZZZZ' }],
  ])('refuses the same key with %s, without charging', async (_, overrides) => {
    const payments = adapter()
    const request = args(card('4242424242424242'))
    await payments.initiate(request)
    await expect(payments.initiate({ ...request, ...overrides })).rejects.toThrow(PaymentIdempotencyError)
    expect(payments.ledgerCounts().payments).toBe(1)
  })

  it('gives different keys different payments', async () => {
    const payments = adapter()
    const first = await payments.initiate(args(card('4242424242424242')))
    const second = await payments.initiate(args(card('4242424242424242')))
    expect(second.reference).not.toBe(first.reference)
    expect(payments.ledgerCounts().payments).toBe(2)
  })

  it('keeps each adapter instance its own ledger', async () => {
    const request = args(card('4242424242424242'))
    const one = adapter()
    await one.initiate(request)
    expect(adapter().ledgerCounts()).toEqual({ payments: 0, refunds: 0 })
  })
})

describe('test adapter: refunds', () => {
  const paid = async (amount = 1999) => {
    const payments = adapter()
    const { reference } = await payments.initiate(args(card('4242424242424242'), { amount }))
    return { payments, reference }
  }

  it('refunds a paid payment, in part and then the rest', async () => {
    const { payments, reference } = await paid(1999)
    const part = await payments.refund({ reference, amount: 999, currency: 'EUR', idempotencyKey: 'refund:1' })
    expect(part).toEqual({ status: 'refunded', reference: expect.stringMatching(/^test_re_[0-9a-f]{24}$/) })
    const rest = await payments.refund({ reference, amount: 1000, currency: 'EUR', idempotencyKey: 'refund:2' })
    expect(rest.status).toBe('refunded')
    expect(rest.reference).not.toBe(part.reference)
    expect(payments.ledgerCounts().refunds).toBe(2)
  })

  it('fails for a reference it never issued', async () => {
    const payments = adapter()
    const result = await payments.refund({ reference: 'test_unknown', amount: 100, currency: 'EUR', idempotencyKey: 'refund:1' })
    expect(result).toEqual({ status: 'failed', reference: 'test_unknown', message: 'No test payment has this reference.' })
    expect(payments.ledgerCounts().refunds).toBe(0)
  })

  it('refunds once for one key: the same result comes back and nothing more is refunded', async () => {
    const { payments, reference } = await paid(1999)
    const request = { reference, amount: 1500, currency: 'EUR', idempotencyKey: 'refund:1' }
    const first = await payments.refund(request)
    expect(await payments.refund(request)).toEqual(first)
    expect(payments.ledgerCounts().refunds).toBe(1)
    // Had the replay refunded again, only 0 would be left; 499 still is.
    expect((await payments.refund({ ...request, amount: 499, idempotencyKey: 'refund:2' })).status).toBe('refunded')
  })

  it('refuses the same key for another amount', async () => {
    const { payments, reference } = await paid()
    await payments.refund({ reference, amount: 100, currency: 'EUR', idempotencyKey: 'refund:1' })
    await expect(payments.refund({ reference, amount: 200, currency: 'EUR', idempotencyKey: 'refund:1' })).rejects.toThrow(PaymentIdempotencyError)
    expect(payments.ledgerCounts().refunds).toBe(1)
  })

  it('fails to refund more than was paid, at once or in total', async () => {
    const { payments, reference } = await paid(1999)
    const tooMuch = await payments.refund({ reference, amount: 2000, currency: 'EUR', idempotencyKey: 'refund:1' })
    expect(tooMuch).toEqual({ status: 'failed', reference, message: expect.stringContaining('only 1999 is left') })
    await payments.refund({ reference, amount: 1500, currency: 'EUR', idempotencyKey: 'refund:2' })
    const overTotal = await payments.refund({ reference, amount: 500, currency: 'EUR', idempotencyKey: 'refund:3' })
    expect(overTotal).toMatchObject({ status: 'failed', message: expect.stringContaining('only 499 is left') })
    expect(payments.ledgerCounts().refunds).toBe(1)
  })

  it('does not record a refused refund, so its key can be used once the refund is possible', async () => {
    const payments = adapter()
    const { reference } = await payments.initiate(args(card('4000002500003155')))
    const request = { reference, amount: 1999, currency: 'EUR', idempotencyKey: 'refund:1' }
    expect(await payments.refund(request)).toMatchObject({ status: 'failed', message: expect.stringContaining('authorized') })
    await payments.confirm({ reference })
    expect((await payments.refund(request)).status).toBe('refunded')
  })

  it('fails for a declined payment and for another currency', async () => {
    const payments = adapter()
    const declined = await payments.initiate(args(card('4000000000000002')))
    expect((await payments.refund({ reference: declined.reference, amount: 1, currency: 'EUR', idempotencyKey: 'r1' })).status).toBe('failed')
    const { reference } = await payments.initiate(args(card('4242424242424242')))
    expect(await payments.refund({ reference, amount: 1, currency: 'USD', idempotencyKey: 'r2' })).toMatchObject({
      status: 'failed',
      message: 'The payment was made in EUR, not USD.',
    })
  })

  it('treats a malformed refund amount as a bug', async () => {
    const { payments, reference } = await paid()
    await expect(payments.refund({ reference, amount: -5, currency: 'EUR', idempotencyKey: 'refund:1' })).rejects.toThrow(TypeError)
  })
})

describe('createTestAdapter', () => {
  it('refuses a short webhook secret at construction', () => {
    expect(() => createTestAdapter({ webhookSecret: 'short' })).toThrow(/at least 16 characters/)
  })

  it('has a name and a label saying no real money moves', () => {
    expect(createTestAdapter()).toMatchObject({ name: 'test', label: 'Test card (no real money)' })
    expect(createTestAdapter({ label: 'Carte de test' }).label).toBe('Carte de test')
  })
})
