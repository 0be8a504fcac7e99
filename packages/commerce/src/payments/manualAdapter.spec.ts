import { describe, expect, it } from 'vitest'

import type { InitiateArgs } from './types'

import { PaymentInputError } from './errors'
import { createManualAdapter } from './manualAdapter'

const manual = createManualAdapter()

const args = (overrides: Partial<InitiateArgs> = {}): InitiateArgs => ({
  orderId: 7,
  orderNumber: 'SR-260315-ABCDE',
  amount: 4500,
  currency: 'EUR',
  details: undefined,
  idempotencyKey: 'order:7:attempt:1',
  ...overrides,
})

describe('manual adapter', () => {
  it('leaves a new payment pending, with a manual_ reference', async () => {
    expect(await manual.initiate(args())).toEqual({ status: 'pending', reference: expect.stringMatching(/^manual_[0-9a-f]{24}$/) })
  })

  it('knows a payment’s reference before the order is written, the one initiate gives that key', async () => {
    expect(manual.pendingReference?.({ idempotencyKey: 'order:7:attempt:1' })).toBe((await manual.initiate(args())).reference)
    expect(manual.pendingReference?.({ idempotencyKey: 'order:8:attempt:1' })).not.toBe((await manual.initiate(args())).reference)
  })

  it('gives the same attempt the same reference, even from another instance', async () => {
    const first = await manual.initiate(args())
    expect(await createManualAdapter().initiate(args())).toEqual(first)
    expect((await manual.initiate(args({ idempotencyKey: 'order:7:attempt:2' }))).reference).not.toBe(first.reference)
  })

  it.each([[undefined], [null], [{}], [{ note: 'ignored' }]])('takes no details (%j)', async (details) => {
    expect((await manual.initiate(args({ details }))).status).toBe('pending')
  })

  it('needs no order id: checkout pays before the order is stored', async () => {
    const { orderId: _omitted, ...request } = args()
    expect(await manual.initiate(request)).toEqual(await manual.initiate(args()))
  })

  it('refuses details that are not a form', async () => {
    await expect(manual.initiate(args({ details: 'cash' }))).rejects.toThrow(PaymentInputError)
  })

  it('stays pending on confirm: only staff mark it paid', async () => {
    const { reference } = await manual.initiate(args())
    expect(await manual.confirm({ reference })).toEqual({ status: 'pending', reference })
  })

  it('records a refund as done, once per key', async () => {
    const request = { reference: 'manual_abc', amount: 4500, currency: 'EUR', idempotencyKey: 'refund:1' }
    const refund = await manual.refund(request)
    expect(refund).toEqual({ status: 'refunded', reference: expect.stringMatching(/^manual_re_[0-9a-f]{24}$/) })
    expect(await manual.refund(request)).toEqual(refund)
  })

  it('has no webhooks', async () => {
    expect(await manual.handleWebhook({ body: '{}', headers: new Headers() })).toBeNull()
  })

  it('treats malformed caller arguments as a bug', async () => {
    await expect(manual.initiate(args({ amount: 45.5 }))).rejects.toThrow(TypeError)
    await expect(manual.refund({ reference: '', amount: 1, currency: 'EUR', idempotencyKey: 'k' })).rejects.toThrow(/^manual\.refund/)
  })

  it('has a label the shop can change', () => {
    expect(manual.label).toBe('Pay by bank transfer')
    expect(createManualAdapter({ label: 'Cash on collection' }).label).toBe('Cash on collection')
  })
})
