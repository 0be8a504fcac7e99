import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

import { integerProblem } from '../../fields/integer'

type PriceList = Array<{ amount?: unknown; currency?: unknown }> | null | undefined

type Amounts = {
  compareAtPrice?: unknown
  currency?: unknown
  price?: unknown
  prices?: PriceList
  stock?: unknown
  variants?: Array<{ price?: unknown; prices?: PriceList; stock?: unknown; weight?: unknown }> | null
  weight?: unknown
}

/**
 * Payload skips field validation when a draft is saved, so an incomplete product can be kept for
 * later. Incomplete is fine; wrong is not: a fractional price or an unknown currency would be stored
 * in the draft (or fail in the database as a 500). This checks the values that are present, in
 * drafts and published saves alike.
 */
export const validateDraftValues =
  (currencies: readonly string[]): CollectionBeforeValidateHook =>
  ({ collection, data, originalDoc, req }) => {
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
    check('weight', product.weight)
    const base = String(product.currency ?? (originalDoc as Amounts | undefined)?.currency ?? '')
    // A price list names each currency once, never the base currency (the product's `price` is that one).
    const checkPrices = (path: string, prices: PriceList) =>
      (prices ?? []).forEach((row, index) => {
        check(`${path}.${index}.amount`, row.amount)
        const code = String(row.currency ?? '')
        if (!currencies.includes(code)) errors.push({ message: `The currency must be one of ${currencies.join(', ')}.`, path: `${path}.${index}.currency` })
        else if (code === base) errors.push({ message: `${code} is the product's base currency: set its price above, not in this list.`, path: `${path}.${index}.currency` })
        else if ((prices ?? []).findIndex((other) => other.currency === code) !== index) errors.push({ message: `${code} is listed twice.`, path: `${path}.${index}.currency` })
      })
    checkPrices('prices', product.prices)
    ;(product.variants ?? []).forEach((variant, index) => {
      check(`variants.${index}.price`, variant.price)
      check(`variants.${index}.stock`, variant.stock)
      check(`variants.${index}.weight`, variant.weight)
      checkPrices(`variants.${index}.prices`, variant.prices)
    })
    const { currency } = product
    if (currency !== null && currency !== undefined && !currencies.includes(String(currency))) {
      errors.push({ message: `The currency must be one of ${currencies.join(', ')}.`, path: 'currency' })
    }
    if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors }, req.t)
    return data
  }
