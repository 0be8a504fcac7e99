import { APIError, type CollectionSlug, type Payload, type RequestContext, type TypedUser, ValidationError } from 'payload'

import { deferCatalogueWork } from '../catalogue/deferredCatalogueWork'
import { flushCatalogueWork } from '../catalogue/flushCatalogueWork'
import { SKUS_CHECKED, skuTakenError } from '../collections/products/ensureUniqueSkus'
import { createTogether } from '../bulk/createTogether'
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
  /** Asked before each batch: true ends the run there (`stopped` in the result). */
  stopping?: () => boolean
  /** Saves as this user, with their access rights; without one, the Local API's full access (the seed). */
  user?: null | TypedUser
}

export type UpsertResult = UpsertCounts & { errors: RowError[]; failedRows: NumberedRow[]; stopped: boolean }

type Existing = { id: number; sku: string; variants?: Array<{ id?: null | string; sku?: null | string }> | null }

/** New products of a batch are created together in at most this many groups side by side. */
const TOGETHER_GROUPS = 2

const COLUMN_OF_FIELD: Record<string, ProductColumn> = {
  categories: 'categories',
  compareAtPrice: 'compare_at_price',
  currency: 'currency',
  featured: 'featured',
  options: 'options',
  price: 'price',
  prices: 'prices',
  sku: 'sku',
  slug: 'slug',
  stock: 'stock',
  taxClass: 'tax_class',
  title: 'title',
  weight: 'weight',
}
const COLUMN_OF_VARIANT_FIELD: Record<string, ProductColumn> = {
  price: 'variant_price',
  prices: 'variant_prices',
  selections: 'variant_options',
  sku: 'variant_sku',
  stock: 'variant_stock',
  weight: 'variant_weight',
}

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
  const { batchSize = 200, collection, concurrency, context: shared = {}, onBatch, perSaveHooks = false, stopping = () => false, user } = options
  const result: UpsertResult = { created: 0, errors: [], failed: 0, failedRows: [], processed: 0, stopped: false, updated: 0 }
  const access = user ? { overrideAccess: false, user } : { overrideAccess: true }
  // Shared by every save of a batch (copied shallowly per save, so they add to the same work).
  const works: RequestContext[] = []
  const batchWork = () => {
    const work = perSaveHooks ? shared : { ...deferCatalogueWork(), ...shared }
    works.push(work)
    return work
  }
  let deferred = batchWork()
  // The catalogue work of the batch before, done while this one is saved (the listing and search
  // rows of a batch are rebuilt from its committed rows, which the next batch does not touch).
  let behind: Promise<void> = Promise.resolve()
  try {
    for (let start = 0; start < items.length; start += batchSize) {
      if (stopping()) {
        result.stopped = true
        break
      }
      const batch = items.slice(start, start + batchSize)
      deferred = batchWork()
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
      const failed = (item: ProductImportItem, error: unknown) => {
        const errors = rowErrorsOf(item, error)
        const explained = new Set(errors.map((problem) => problem.row))
        const others = item.rows.filter((row) => !explained.has(row.row))
        result.errors.push(...errors, ...others.map((row) => ({ column: '' as const, message: `Not imported: row ${errors[0]?.row} of this product has an error.`, row: row.row })))
        result.failedRows.push(...item.rows)
        result.failed += 1
      }
      // A context of its own per save: hooks keep per-save state in it (`rebaseStockEdits`), and
      // concurrent saves sharing one object would read each other's stock. Its SKUs are checked above.
      const contextOf = () => (perSaveHooks ? { ...deferred } : { ...deferred, [SKUS_CHECKED]: true })
      const saveOne = async (item: ProductImportItem) => {
        const current = existing.get(item.data.sku)
        const draft = item.status === 'draft'
        const context = contextOf()
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
          failed(item, error)
        }
        result.processed += 1
      }
      // New products are created together (one transaction, coalesced statements); should that batch
      // not hold, they are created one by one like the rest, and get the same outcome.
      const fresh = perSaveHooks ? [] : batch.filter((item) => !existing.has(item.data.sku) && takenOf.get(item) === undefined)
      // In a few groups side by side (each its own transaction and connection), so one group's
      // JavaScript runs while another's statements run in Postgres.
      const parts = Math.max(1, Math.min(TOGETHER_GROUPS, concurrency, Math.floor(fresh.length / 2)))
      const size = Math.ceil(fresh.length / parts)
      const groups = fresh.length > 1 ? Array.from({ length: parts }, (_, part) => fresh.slice(part * size, (part + 1) * size)) : []
      const outcomes = await Promise.all(
        groups.map((group) =>
          createTogether(
            payload,
            collection,
            group.map((item) => ({ context: contextOf(), data: { ...item.data, _status: item.status }, draft: item.status === 'draft' })),
            access,
          ),
        ),
      )
      const together = new Set<ProductImportItem>()
      groups.forEach((group, part) => {
        const results = outcomes[part]
        // A group that could not be kept wrote nothing: its products are saved one by one below.
        if (!results) return
        group.forEach((item, index) => {
          const outcome = results[index]
          if (outcome?.ok) result.created += 1
          else failed(item, outcome?.error)
          result.processed += 1
          together.add(item)
        })
      })
      const remaining = batch.filter((item) => !together.has(item))
      await forEachWithConcurrency(remaining, concurrency, saveOne)
      const before = behind
      behind = flushCatalogueWork(payload, deferred)
      // Its failure is thrown where it is awaited (with the next batch, or below).
      behind.catch(() => undefined)
      await before
      await onBatch?.({ created: result.created, failed: result.failed, processed: result.processed, updated: result.updated })
    }
  } finally {
    // Also after a failure part-way: the products saved so far get their listing and search rows (a
    // batch's work that failed is tried again; work already done is empty).
    await behind.catch(() => undefined)
    for (const work of works) await flushCatalogueWork(payload, work)
  }
  return result
}
