import type { CollectionSlug, Payload } from 'payload'

import type { ProductDraft } from '../collections/products/productDraft'
import { skusOf } from '../collections/products/ensureUniqueSkus'

type Stored = ProductDraft & { id: number }

/**
 * `ensureUniqueSkus` for a whole batch: which SKU of each product (by index) another product already
 * uses, in the stored products or earlier in the batch; `undefined` for a product whose SKUs are free.
 * Two lookups per batch (product SKUs, variant SKUs, each on its own index, as the hook does) instead
 * of the hook's per save. `ownIds[i]` is the stored product the i-th product updates, if any.
 */
export const takenSkus = async (
  payload: Payload,
  collection: CollectionSlug,
  products: readonly ProductDraft[],
  ownIds: ReadonlyArray<number | undefined>,
): Promise<Array<string | undefined>> => {
  const all = [...new Set(products.flatMap((product) => skusOf(product)))]
  /** Each stored product's SKUs, by SKU, of the products found by one path. */
  const ownersBy = async (path: 'sku' | 'variants.sku'): Promise<Map<string, Set<number>>> => {
    const owners = new Map<string, Set<number>>()
    if (all.length === 0) return owners
    const { docs } = await payload.find({
      collection,
      depth: 0,
      overrideAccess: true,
      pagination: false,
      select: { sku: true, variants: { sku: true } },
      where: { [path]: { in: all } },
    })
    for (const doc of docs as unknown as Stored[]) {
      for (const sku of skusOf(doc)) owners.set(sku, (owners.get(sku) ?? new Set()).add(doc.id))
    }
    return owners
  }
  // As the hook: the products found by product SKU first, then those found by variant SKU.
  const lookups = [await ownersBy('sku'), await ownersBy('variants.sku')]
  /** SKUs earlier products of the batch claim (a product saved earlier would have made them taken). */
  const claimed = new Map<string, number>()
  return products.map((product, index) => {
    const own = ownIds[index]
    const skus = skusOf(product)
    const takenBy = (owners: Map<string, Set<number>>) => skus.find((sku) => [...(owners.get(sku) ?? [])].some((id) => id !== own))
    const taken = lookups.map(takenBy).find((sku) => sku !== undefined) ?? skus.find((sku) => claimed.has(sku) && claimed.get(sku) !== index)
    if (taken === undefined) for (const sku of skus) claimed.set(sku, index)
    return taken
  })
}
