import { APIError, type CollectionSlug, type Payload, type RequestContext, type TypedUser, ValidationError } from 'payload'

import { deferCatalogueWork } from '../catalogue/deferredCatalogueWork'
import { flushCatalogueWork } from '../catalogue/flushCatalogueWork'
import { SKUS_CHECKED, skuTakenError } from '../collections/products/ensureUniqueSkus'
import { forEachWithConcurrency } from './forEachWithConcurrency'
import type { ProductColumn } from './productColumns'
import type { NumberedRow, ProductImportItem, RowError } from './productImportItems'
import { takenSkus } from './takenSkus'

export type UpsertCounts = { created: number; failed: number; processed: number; updated: number }

export type UpsertOptions = {
  /** Products looked up (by SKU) together, and between two `onBatch` calls. @default 200 */
  batchSize?: number
  collection: CollectionSlug
  /** Products saved at once, each in its own transaction. */
  concurrency: number
  /** Passed to every save's hooks, such as `{ auditActor: 'import', importId }`. */
  context?: RequestContext
  /**
   * Each save does all its hooks' work itself (SKU lookups, listing, search, cache), as a single
   * editor's save does, instead of leaving it to one step per batch: the reference the batched path
   * is tested against (same end state), several times slower. @default false
   */
  perSaveHooks?: boolean
  /** Called after each batch with the running totals (an import's progress). */
  onBatch?: (counts: UpsertCounts) => Promise<void>
  /** Saves as this user, with their access rights; without one, the Local API's full access (the seed). */
  user?: null | TypedUser
}

export type UpsertResult = UpsertCounts & { errors: RowError[]; failedRows: NumberedRow[] }

type Existing = { id: number; sku: string; variants?: Array<{ id?: null | string; sku?: null | string }> | null }

const COLUMN_OF_FIELD: Record<string, ProductColumn> = {
  categories: 'categories',
  compareAtPrice: 'compare_at_price',
  currency: 'currency',
  featured: 'featured',
  options: 'options',
  price: 'price',
  sku: 'sku',
  slug: 'slug',
  stock: 'stock',
  title: 'title',
}
const COLUMN_OF_VARIANT_FIELD: Record<string, ProductColumn> = { price: 'variant_price', selections: 'variant_options', sku: 'variant_sku', stock: 'variant_stock' }

/** Where the collection's error about `path` (`price`, `variants.2.sku`) belongs in the file. */
const locate = (item: ProductImportItem, path: string): { column: '' | ProductColumn; row: number } => {
  const productRow = item.rows[0]?.row ?? 0
  const [field = '', index, sub = ''] = path.split('.')
  if (field === 'variants' && index !== undefined && /^\d+$/.test(index)) {
    return { column: COLUMN_OF_VARIANT_FIELD[sub] ?? '', row: item.variantRows[Number(index)] ?? productRow }
  }
  return { column: COLUMN_OF_FIELD[field] ?? '', row: productRow }
}

/** The collection's verdict on one product as row errors (each message on the row and column it is about). */
const rowErrorsOf = (item: ProductImportItem, error: unknown): RowError[] => {
  if (error instanceof ValidationError) {
    return error.data.errors.map(({ message, path }) => ({ ...locate(item, path), message }))
  }
  if (error instanceof APIError && error.status < 500) {
    // ensureUniqueSkus names the SKU that is taken: point at the row that has it.
    const sku = /SKU "([^"]+)"/.exec(error.message)?.[1]
    const variant = sku === undefined ? -1 : (item.data.variants ?? []).findIndex((candidate) => candidate.sku === sku)
    if (variant >= 0) return [{ column: 'variant_sku', message: error.message, row: item.variantRows[variant] ?? 0 }]
    return [{ column: sku === undefined ? '' : 'sku', message: error.message, row: item.rows[0]?.row ?? 0 }]
  }
  throw new Error(`Could not save the product ${item.data.sku}`, { cause: error })
}

/** Keeps the stored ids of variants the file names again, so they are updated (stock ledger included), not replaced. */
const withVariantIds = (item: ProductImportItem, existing: Existing): ProductImportItem['data'] => {
  const ids = new Map((existing.variants ?? []).flatMap((variant) => (variant.id && variant.sku ? [[variant.sku, variant.id] as const] : [])))
  return { ...item.data, variants: (item.data.variants ?? []).map((variant) => ({ ...variant, id: ids.get(variant.sku) })) }
}

/**
 * The bulk path into the catalogue, used by the CSV import and the seed: creates the products whose
 * SKU is new and updates those whose SKU exists (never a duplicate), each through the Local API in a
 * transaction of its own, so every collection rule and hook runs as for an editor's save (validation,
 * stock ledger, webhooks), and a product that fails writes nothing. What the hooks would look up or
 * rebuild per product is done once per batch with the same rules: the SKU uniqueness check
 * (`takenSkus`, before the batch's saves) and the catalogue's listing rows, search documents and
 * response cache, which are rebuilt from the saved rows (`deferCatalogueWork`, after them).
 */
export const upsertProducts = async (payload: Payload, items: readonly ProductImportItem[], options: UpsertOptions): Promise<UpsertResult> => {
  const { batchSize = 200, collection, concurrency, context: shared = {}, onBatch, perSaveHooks = false, user } = options
  const result: UpsertResult = { created: 0, errors: [], failed: 0, failedRows: [], processed: 0, updated: 0 }
  const access = user ? { overrideAccess: false, user } : { overrideAccess: true }
  // Shared by every save of the import (copied shallowly per save, so they add to the same work).
  const deferred = perSaveHooks ? shared : { ...deferCatalogueWork(), ...shared }
  try {
    for (let start = 0; start < items.length; start += batchSize) {
      const batch = items.slice(start, start + batchSize)
      const found = await payload.find({
        collection,
        depth: 0,
        draft: true,
        overrideAccess: true,
        pagination: false,
        select: { sku: true, variants: { id: true, sku: true } },
        where: { sku: { in: batch.map((item) => item.data.sku) } },
      })
      const existing = new Map((found.docs as unknown as Existing[]).map((doc) => [doc.sku, doc]))
      const taken = perSaveHooks ? [] : await takenSkus(payload, collection, batch.map((item) => item.data), batch.map((item) => existing.get(item.data.sku)?.id))
      const takenOf = new Map(batch.map((item, index) => [item, taken[index]]))
      await forEachWithConcurrency(batch, concurrency, async (item) => {
        const current = existing.get(item.data.sku)
        const draft = item.status === 'draft'
        // A context of its own per save: hooks keep per-save state in it (`rebaseStockEdits`), and
        // concurrent saves sharing one object would read each other's stock. Its SKUs are checked above.
        const context = perSaveHooks ? { ...deferred } : { ...deferred, [SKUS_CHECKED]: true }
        try {
          const sku = takenOf.get(item)
          if (sku !== undefined) throw skuTakenError(sku)
          if (current) {
            await payload.update({ ...access, id: current.id, collection, context, data: { ...withVariantIds(item, current), _status: item.status } as never, depth: 0, draft })
            result.updated += 1
          } else {
            await payload.create({ ...access, collection, context, data: { ...item.data, _status: item.status } as never, depth: 0, draft })
            result.created += 1
          }
        } catch (error) {
          const errors = rowErrorsOf(item, error)
          const explained = new Set(errors.map((problem) => problem.row))
          const others = item.rows.filter((row) => !explained.has(row.row))
          result.errors.push(...errors, ...others.map((row) => ({ column: '' as const, message: `Not imported: row ${errors[0]?.row} of this product has an error.`, row: row.row })))
          result.failedRows.push(...item.rows)
          result.failed += 1
        }
        result.processed += 1
      })
      await flushCatalogueWork(payload, deferred)
      await onBatch?.({ created: result.created, failed: result.failed, processed: result.processed, updated: result.updated })
    }
  } finally {
    // Also after a failure part-way: the products saved so far get their listing and search rows.
    await flushCatalogueWork(payload, deferred)
  }
  return result
}
