import { describe, expect, it } from 'vitest'

import { PaymentInputError, PaymentWebhookSignatureError } from './errors'
import { createTestAdapter } from './testAdapter'
import { signTestWebhook, TEST_SIGNATURE_HEADER } from './testWebhook'

const SECRET = 'whsec_test_0123456789abcdef'
const adapter = createTestAdapter({ webhookSecret: SECRET })

const signed = (body: string, signature = signTestWebhook(body, SECRET)) => ({
  body,
  headers: new Headers({ 'content-type': 'application/json', [TEST_SIGNATURE_HEADER]: signature }),
})

const event = (type: string, id = 'evt_1') => JSON.stringify({ id, type, reference: 'test_abc' })

describe('test adapter webhooks', () => {
  it.each([
    ['payment.succeeded', 'paid'],
    ['payment.failed', 'failed'],
    ['payment.refunded', 'refunded'],
  ])('reads a signed %s as %s', async (type, status) => {
    expect(await adapter.handleWebhook(signed(event(type)))).toEqual({ eventId: 'evt_1', reference: 'test_abc', status })
  })

  it('returns the same event for a provider retry, so the caller can ignore it by its id', async () => {
    const request = signed(event('payment.succeeded', 'evt_42'))
    expect(await adapter.handleWebhook(request)).toEqual(await adapter.handleWebhook(request))
  })

  it('accepts the signature in upper-case hex', async () => {
    const body = event('payment.succeeded')
    expect(await adapter.handleWebhook(signed(body, signTestWebhook(body, SECRET).toUpperCase()))).not.toBeNull()
  })

  it('acknowledges and ignores a signed event of another type', async () => {
    expect(await adapter.handleWebhook(signed(event('customer.created')))).toBeNull()
  })

  it('refuses a request without a signature', async () => {
    const request = { body: event('payment.succeeded'), headers: new Headers({ 'content-type': 'application/json' }) }
    await expect(adapter.handleWebhook(request)).rejects.toThrow(PaymentWebhookSignatureError)
    await expect(adapter.handleWebhook({ ...request, headers: new Headers({ [TEST_SIGNATURE_HEADER]: '' }) })).rejects.toThrow(
      PaymentWebhookSignatureError,
    )
  })

  it.each([
    ['signed with another secret', signTestWebhook(event('payment.succeeded'), 'another-secret-0123456789')],
    ['not hex', 'z'.repeat(64)],
    ['too short', signTestWebhook(event('payment.succeeded'), SECRET).slice(0, 62)],
    ['prefixed', `sha256=${signTestWebhook(event('payment.succeeded'), SECRET)}`],
  ])('refuses a signature %s', async (_, signature) => {
    await expect(adapter.handleWebhook(signed(event('payment.succeeded'), signature))).rejects.toThrow(PaymentWebhookSignatureError)
  })

  it('refuses a body changed after signing', async () => {
    const genuine = signed(event('payment.failed'))
    const tampered = { ...genuine, body: genuine.body.replace('payment.failed', 'payment.succeeded') }
    await expect(adapter.handleWebhook(tampered)).rejects.toThrow('The webhook signature does not match its body.')
    // Even whitespace counts: the signature covers the raw bytes, not the parsed JSON.
    await expect(adapter.handleWebhook({ ...genuine, body: `${genuine.body} ` })).rejects.toThrow(PaymentWebhookSignatureError)
  })

  it('checks the signature before reading the body', async () => {
    await expect(adapter.handleWebhook(signed('not json', '0'.repeat(64)))).rejects.toThrow(PaymentWebhookSignatureError)
  })

  it('refuses every webhook when no secret was configured', async () => {
    const body = event('payment.succeeded')
    await expect(createTestAdapter().handleWebhook(signed(body))).rejects.toThrow(/no webhookSecret/)
  })

  it.each([
    ['not JSON', 'not json'],
    ['a JSON array', '[]'],
    ['without a reference', JSON.stringify({ id: 'evt_1', type: 'payment.succeeded' })],
    ['with an empty id', JSON.stringify({ id: '', type: 'payment.succeeded', reference: 'test_abc' })],
    ['with a numeric reference', JSON.stringify({ id: 'evt_1', type: 'payment.succeeded', reference: 42 })],
  ])('refuses a signed body %s as bad input', async (_, body) => {
    await expect(adapter.handleWebhook(signed(body))).rejects.toThrow(PaymentInputError)
  })
})
