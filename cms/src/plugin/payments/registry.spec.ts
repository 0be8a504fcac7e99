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
