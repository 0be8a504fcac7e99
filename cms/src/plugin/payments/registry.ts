import type { PaymentAdapter } from './types'

import { PaymentInputError } from './errors'

export type PaymentRegistry = {
  /** The adapter called `name`; throws `PaymentInputError` (400) for a name the shop does not offer. */
  get(name: unknown): PaymentAdapter
  /** The offered payment methods' names, in the order they were given. */
  names(): string[]
}

const NAME = /^[a-z][a-z0-9-]*$/

/** Longest piece of an unknown name echoed back to the shopper. */
const MAX_ECHO = 40

/**
 * The payment methods a shop offers, looked up by the name the shopper chose. Throws at construction when
 * the list is empty, a name is not lower case letters, digits and dashes, or two adapters share a name.
 */
export const createPaymentRegistry = (adapters: readonly PaymentAdapter[]): PaymentRegistry => {
  if (adapters.length === 0) throw new RangeError('createPaymentRegistry: give at least one payment adapter')
  // A Map, not an object: a shopper sending "__proto__" or "toString" must not find anything.
  const byName = new Map<string, PaymentAdapter>()
  for (const adapter of adapters) {
    if (!NAME.test(adapter.name)) {
      throw new RangeError(`createPaymentRegistry: adapter name "${adapter.name}" must be lower case letters, digits and dashes`)
    }
    if (byName.has(adapter.name)) throw new RangeError(`createPaymentRegistry: two payment adapters are named "${adapter.name}"`)
    byName.set(adapter.name, adapter)
  }
  const names = [...byName.keys()]
  return {
    get: (name) => {
      const adapter = typeof name === 'string' ? byName.get(name) : undefined
      if (adapter) return adapter
      if (typeof name !== 'string' || name.trim() === '') throw new PaymentInputError('Choose a payment method.')
      const shown = name.length > MAX_ECHO ? `${name.slice(0, MAX_ECHO)}…` : name
      throw new PaymentInputError(`Unknown payment method "${shown}".`)
    },
    names: () => [...names],
  }
}
