import { APIError, type CollectionBeforeChangeHook, type CollectionSlug, type PayloadRequest, type Where } from 'payload'

import type { ProductDraft } from './productDraft'

export const skusOf = (product: ProductDraft | undefined): string[] =>
  [product?.sku, ...(product?.variants ?? []).map((variant) => variant.sku)].filter(
    (sku): sku is string => typeof sku === 'string' && sku !== '',
  )

/** The refusal of a SKU another product uses (409). */
export const skuTakenError = (sku: string | undefined): Error => new APIError(`The SKU "${sku}" is already used by another product.`, 409, undefined, true)

/**
 * Set in a save's context by a bulk writer that has checked the save's SKUs itself, for its whole
 * batch at once, with the same rule (`upsertProducts` → `takenSkus`): the hook then skips its lookups.
 */
export const SKUS_CHECKED = 'products:skusChecked'

/**
 * Product SKUs and variant SKUs share one namespace: a warehouse scans a SKU without knowing
 * whether it belongs to a product or a variant. The unique indexes cover each table on its own;
 * this covers the pairs across them. Two lookups rather than one `or`: each uses its own index,
 * where the combined query scans both tables on every save.
 */
export const ensureUniqueSkus =
  (productsSlug: CollectionSlug): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, req }) => {
    const skus = skusOf(data as ProductDraft)
    if (skus.length === 0 || req.context[SKUS_CHECKED] === true) return data
    const notThis: Where[] = originalDoc?.id === undefined ? [] : [{ id: { not_equals: originalDoc.id } }]
    for (const path of ['sku', 'variants.sku']) {
      const other = await findOne(req, productsSlug, { and: [...notThis, { [path]: { in: skus } }] })
      if (other) {
        const taken = skusOf(other)
        const sku = skus.find((candidate) => taken.includes(candidate)) ?? skus[0]
        throw skuTakenError(sku)
      }
    }
    return data
  }

const findOne = async (req: PayloadRequest, collection: CollectionSlug, where: Where): Promise<ProductDraft | undefined> => {
  const { docs } = await req.payload.find({
    collection,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    select: { sku: true, variants: { sku: true } },
    where,
  })
  return docs[0] as ProductDraft | undefined
}
