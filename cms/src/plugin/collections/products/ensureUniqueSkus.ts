import { APIError, type CollectionBeforeChangeHook, type CollectionSlug } from 'payload'

import type { ProductDraft } from './productDraft'

/**
 * Product SKUs and variant SKUs share one namespace: a warehouse scans a SKU without knowing
 * whether it belongs to a product or a variant. The unique indexes cover each table on its own;
 * this covers the pairs across them.
 */
export const ensureUniqueSkus =
  (productsSlug: CollectionSlug): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, req }) => {
    const product = data as ProductDraft
    const skus = [product.sku, ...(product.variants ?? []).map((variant) => variant.sku)].filter(
      (sku): sku is string => typeof sku === 'string' && sku !== '',
    )
    if (skus.length === 0) return data
    const clash = await req.payload.find({
      collection: productsSlug,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      req,
      select: { sku: true, variants: { sku: true } },
      where: {
        and: [
          ...(originalDoc?.id === undefined ? [] : [{ id: { not_equals: originalDoc.id } }]),
          { or: [{ sku: { in: skus } }, { 'variants.sku': { in: skus } }] },
        ],
      },
    })
    const other = clash.docs[0] as ProductDraft | undefined
    if (other) {
      const taken = [other.sku, ...(other.variants ?? []).map((variant) => variant.sku)]
      const sku = skus.find((candidate) => taken.includes(candidate)) ?? skus[0]
      throw new APIError(`The SKU "${sku}" is already used by another product.`, 409, undefined, true)
    }
    return data
  }
