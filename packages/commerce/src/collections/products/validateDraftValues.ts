import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

import { integerProblem } from '../../fields/integer'

type Amounts = {
  compareAtPrice?: unknown
  currency?: unknown
  price?: unknown
  stock?: unknown
  variants?: Array<{ price?: unknown; stock?: unknown }> | null
}

/**
 * Payload skips field validation when a draft is saved, so an incomplete product can be kept for
 * later. Incomplete is fine; wrong is not: a fractional price or an unknown currency would be stored
 * in the draft (or fail in the database as a 500). This checks the values that are present, in
 * drafts and published saves alike.
 */
export const validateDraftValues =
  (currencies: readonly string[]): CollectionBeforeValidateHook =>
  ({ collection, data, req }) => {
    const product = (data ?? {}) as Amounts
    const errors: Array<{ message: string; path: string }> = []
    const check = (path: string, value: unknown) => {
      if (value === null || value === undefined) return
      const problem = integerProblem(value)
      if (problem) errors.push({ message: problem, path })
    }
    check('price', product.price)
    check('compareAtPrice', product.compareAtPrice)
    check('stock', product.stock)
    ;(product.variants ?? []).forEach((variant, index) => {
      check(`variants.${index}.price`, variant.price)
      check(`variants.${index}.stock`, variant.stock)
    })
    const { currency } = product
    if (currency !== null && currency !== undefined && !currencies.includes(String(currency))) {
      errors.push({ message: `The currency must be one of ${currencies.join(', ')}.`, path: 'currency' })
    }
    if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors }, req.t)
    return data
  }
