import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

import type { ProductDraft } from './productDraft'

/** A compare-at price only makes sense above the selling price. */
export const validateCompareAtPrice: CollectionBeforeValidateHook = ({ collection, data, req }) => {
  const { compareAtPrice, price } = data as ProductDraft
  if (typeof compareAtPrice === 'number' && typeof price === 'number' && compareAtPrice <= price) {
    throw new ValidationError(
      {
        collection: collection.slug,
        errors: [{ message: 'The compare-at price must be higher than the price.', path: 'compareAtPrice' }],
      },
      req.t,
    )
  }
  return data
}
