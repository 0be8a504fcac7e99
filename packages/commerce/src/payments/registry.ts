import type { PaymentAdapter } from './types'

import { PaymentInputError } from './errors'

export type PaymentRegistry = {
  /** The adapter called `name`; throws `PaymentInputError` (400) for a name the shop does not offer. */
  get(name: unknown): PaymentAdapter
  /** The offered payment methods' names, in the order they were given. */
  names(): string[]
  /** The offered adapters, in the order they were given: the first is the one a checkout pre-selects. */
  adapters(): PaymentAdapter[]
}

const NAME = /^[a-z][a-z0-9-]*$/
/** A key in `details`, safe as a form field name and an object key. */
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9]*$/

/** Throws when an adapter declares a field twice, or one a form or a `details` object cannot carry. */
const checkFields = (adapter: PaymentAdapter): void => {
  const seen = new Set<string>()
  for (const field of adapter.fields) {
    if (!FIELD_NAME.test(field.name) || seen.has(field.name) || !Number.isInteger(field.maxLength) || field.maxLength < 1) {
      throw new RangeError(
        `createPaymentRegistry: adapter "${adapter.name}" field "${field.name}" must have a unique name of letters and digits and a maxLength ≥ 1`,
      )
    }
    seen.add(field.name)
  }
}

/** Longest piece of an unknown name echoed back to the shopper. */
const MAX_ECHO = 40

/**
 * The payment methods a shop offers, looked up by the name the shopper chose. Throws at construction when
 * the list is empty, a name is not lower case letters, digits and dashes, two adapters share a name, or an
 * adapter declares an unusable field.
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
    checkFields(adapter)
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
    adapters: () => [...byName.values()],
  }
}
