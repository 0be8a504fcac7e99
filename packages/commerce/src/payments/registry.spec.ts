import { describe, expect, it } from 'vitest'

import { PaymentInputError } from './errors'
import { createManualAdapter } from './manualAdapter'
import { createPaymentRegistry } from './registry'
import { createTestAdapter } from './testAdapter'

describe('createPaymentRegistry', () => {
  const manual = createManualAdapter()
  const test = createTestAdapter()
  const registry = createPaymentRegistry([manual, test])

  it('finds adapters by name and lists the names in order', () => {
    expect(registry.get('manual')).toBe(manual)
    expect(registry.get('test')).toBe(test)
    expect(registry.names()).toEqual(['manual', 'test'])
  })

  it('lists the adapters in order, the first being the default', () => {
    expect(registry.adapters()).toEqual([manual, test])
  })

  it('refuses an adapter whose fields a form or a details object cannot carry', () => {
    const field = { autocomplete: 'off', label: 'IBAN', maxLength: 34, name: 'iban', required: true, type: 'text' as const }
    for (const fields of [[field, field], [{ ...field, name: '__proto__' }], [{ ...field, maxLength: 0 }]]) {
      expect(() => createPaymentRegistry([{ ...manual, fields }])).toThrow(/field .* must have a unique name/)
    }
  })

  it('does not let a caller change its list', () => {
    registry.names().push('stripe')
    expect(registry.names()).toEqual(['manual', 'test'])
  })

  it.each(['stripe', 'Manual', '__proto__', 'toString', 'constructor'])('refuses the unknown method %j with a PaymentInputError', (name) => {
    expect(() => registry.get(name)).toThrow(PaymentInputError)
    expect(() => registry.get(name)).toThrow(`Unknown payment method "${name}".`)
  })

  it('shortens a long unknown name it echoes', () => {
    expect(() => registry.get('x'.repeat(500))).toThrow(`Unknown payment method "${'x'.repeat(40)}…".`)
  })

  it.each([[undefined], [''], ['  '], [42], [{ name: 'manual' }]])('asks for a choice when given %j', (name) => {
    expect(() => registry.get(name)).toThrow(new PaymentInputError('Choose a payment method.'))
  })

  it('refuses two adapters with one name', () => {
    expect(() => createPaymentRegistry([manual, createManualAdapter({ label: 'Cash' })])).toThrow('two payment adapters are named "manual"')
  })

  it('refuses an empty list and names that are not lower-case slugs', () => {
    expect(() => createPaymentRegistry([])).toThrow(/at least one/)
    expect(() => createPaymentRegistry([{ ...manual, name: 'Bank Transfer' }])).toThrow(/must be lower case/)
  })
})
