import type { CollectionAfterOperationHook } from 'payload'

import type { CommerceSlugs } from '../../types'

import { stockTables } from '../../inventory/stock'
import { readLiveStock } from './liveStock'

type Doc = { id?: unknown; stock?: unknown; stockSeen?: unknown; variants?: Array<{ id?: unknown; stock?: unknown; stockSeen?: unknown }> | null }

/**
 * A draft read (the admin's edit form and list, `?draft=true`) comes from the product's latest version,
 * whose stock is a copy from when it was saved; checkouts never touch versions. This puts the live
 * levels over it, `stockSeen` included, so an editor always opens the stock really on hand.
 */
export const overlayLiveStock =
  (slugs: Pick<CommerceSlugs, 'auditLog' | 'products' | 'stockMovements'>): CollectionAfterOperationHook =>
  async (hook) => {
    if ((hook.operation !== 'find' && hook.operation !== 'findByID') || !hook.args.draft) return hook.result
    const docs = (hook.operation === 'find' ? hook.result.docs : [hook.result]) as Doc[]
    const ids = docs.map((doc) => doc?.id).filter((id): id is number => typeof id === 'number')
    const live = await readLiveStock(hook.req, stockTables(hook.req, slugs), ids)
    for (const doc of docs) {
      const levels = typeof doc?.id === 'number' ? live.get(doc.id) : undefined
      if (!levels) continue
      if ('stock' in doc) doc.stock = levels.stock
      if ('stockSeen' in doc) doc.stockSeen = levels.stock
      for (const variant of doc.variants ?? []) {
        const level = typeof variant.id === 'string' ? levels.variants.get(variant.id) : undefined
        if (!level) continue
        if ('stock' in variant) variant.stock = level.stock
        if ('stockSeen' in variant) variant.stockSeen = level.stock
      }
    }
    return hook.result
  }
