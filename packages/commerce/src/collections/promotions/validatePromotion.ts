import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

import { CODE_PATTERN } from '../../promotions/promotion'

type Draft = {
  amounts?: Array<{ currency?: unknown }> | null
  appliesTo?: unknown
  categories?: unknown[] | null
  code?: null | string
  endsAt?: null | string
  kind?: unknown
  minimumSubtotals?: Array<{ currency?: unknown }> | null
  percentage?: null | number
  products?: unknown[] | null
  startsAt?: null | string
}

const repeatsCurrency = (rows: Draft['amounts']): boolean => {
  const currencies = (rows ?? []).map((row) => row.currency)
  return new Set(currencies).size !== currencies.length
}

/**
 * A promotion must say what it takes off: a percentage for a percentage, at least one amount for a
 * fixed amount, at least one product or category when it is for chosen items; it ends after it starts.
 */
export const validatePromotion: CollectionBeforeValidateHook = ({ collection, data, originalDoc, req }) => {
  const promotion = { ...(originalDoc as Draft | undefined), ...(data as Draft | undefined) }
  const errors: Array<{ message: string; path: string }> = []
  if (promotion.code && !CODE_PATTERN.test(promotion.code)) errors.push({ message: 'A code is 3–40 letters, digits, - or _.', path: 'code' })
  if (promotion.kind === 'percentage' && !promotion.percentage) errors.push({ message: 'Give the percent off (1–100).', path: 'percentage' })
  if (promotion.kind === 'fixed' && (promotion.amounts ?? []).length === 0) errors.push({ message: 'Give the amount off in at least one currency.', path: 'amounts' })
  if (repeatsCurrency(promotion.amounts)) errors.push({ message: 'One amount per currency.', path: 'amounts' })
  if (repeatsCurrency(promotion.minimumSubtotals)) errors.push({ message: 'One minimum per currency.', path: 'minimumSubtotals' })
  if (promotion.appliesTo === 'items' && (promotion.products ?? []).length === 0 && (promotion.categories ?? []).length === 0) {
    errors.push({ message: 'Choose the products or categories it is for.', path: 'products' })
  }
  if (promotion.startsAt && promotion.endsAt && new Date(promotion.endsAt) <= new Date(promotion.startsAt)) {
    errors.push({ message: 'The end must be after the start.', path: 'endsAt' })
  }
  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors }, req.t)
  return data
}
