import { describe, expect, it } from 'vitest'

import { dictionaryOf } from '../i18n/dictionary'
import { paymentNote as notes } from './paymentNote'

const paymentNote = (input: Parameters<typeof notes>[0], formatDate: (iso: string) => string) => notes(input, formatDate, dictionaryOf('en').order.paymentNotes)

type Input = Parameters<typeof notes>[0]
type Entry = Input['statusHistory'][number]

const format = (iso: string) => `[${iso}]`
const placed: Entry = { at: '2026-12-01T10:00:00.000Z', from: undefined, reason: undefined, to: 'pending' }
const order = (status: string, payment: Partial<NonNullable<Input['payment']>>, history: Entry[] = [placed]): Input => ({
  payment: { dueAt: undefined, method: undefined, status: undefined, ...payment },
  status,
  statusHistory: history,
})

describe('paymentNote', () => {
  it('tells a bank-transfer customer by when to pay, and what happens after', () => {
    expect(paymentNote(order('pending', { dueAt: '2026-12-04T10:00:00.000Z', method: 'manual', status: 'pending' }), format)).toBe(
      'Please pay by bank transfer by [2026-12-04T10:00:00.000Z]: we send the details by email and ship once the money arrives. If it has not arrived by then, the order is cancelled.',
    )
  })

  it('says an expired order was cancelled for want of payment, and a late payment will be refunded', () => {
    const expired: Entry[] = [placed, { at: '2026-12-04T10:01:00.000Z', from: 'pending', reason: 'expired-unpaid', to: 'cancelled' }]
    expect(paymentNote(order('cancelled', { method: 'manual', status: 'pending' }, expired), format)).toMatch(/did not receive your payment in time/)
    expect(paymentNote(order('cancelled', { method: 'test', status: 'paid' }, expired), format)).toMatch(/we will refund it/)
  })

  it('says nothing about paying on an order the customer cancelled herself, and confirms a payment', () => {
    const cancelled: Entry[] = [placed, { at: '2026-12-02T10:00:00.000Z', from: 'pending', reason: undefined, to: 'cancelled' }]
    expect(paymentNote(order('cancelled', { method: 'manual', status: 'pending' }, cancelled), format)).toBeUndefined()
    expect(paymentNote(order('paid', { method: 'manual', status: 'paid' }), format)).toBe('Your payment was received.')
  })

  it('speaks German on the German shop', () => {
    expect(notes(order('pending', { dueAt: '2026-12-04T10:00:00.000Z', method: 'manual', status: 'pending' }), format, dictionaryOf('de').order.paymentNotes)).toMatch(
      /^Bitte zahlen Sie bis \[2026-12-04T10:00:00\.000Z\] per Banküberweisung: /,
    )
  })
})
