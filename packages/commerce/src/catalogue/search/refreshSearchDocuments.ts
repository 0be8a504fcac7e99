import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { transactionSql } from '../../database'
import { deferredCatalogueWork } from '../deferredCatalogueWork'

/**
 * Rewrites the search documents of these products from their live rows, inside the request's
 * transaction: `product_search_refresh` (created by the `product_search` migration) keeps a row for
 * each published one and drops the others, so a save, publish or unpublish is searchable exactly
 * when it commits, and a rolled-back save leaves the old document.
 */
const refresh = async (req: PayloadRequest, productIds: SQLIds): Promise<void> => {
  const db = await transactionSql(req)
  await db.execute(sql`select product_search_refresh(${productIds})`)
}

type SQLIds = ReturnType<typeof sql>

const idList = (ids: number[]): SQLIds => sql.raw(`'{${ids.filter(Number.isSafeInteger).join(',')}}'::int[]`)

/** Rewrites the search documents of these products (see `refresh`), in the request's transaction. */
export const refreshSearchDocuments = async (req: PayloadRequest, productIds: number[]): Promise<void> => {
  await refresh(req, idList(productIds))
}

/**
 * After a product is saved (as a draft too: the live row may be a never-published draft). A bulk
 * writer's save leaves it to the batch's `flushCatalogueWork`.
 */
export const refreshProductSearch: CollectionAfterChangeHook = async ({ doc, req }) => {
  const id = Number((doc as { id?: unknown }).id)
  if (!Number.isSafeInteger(id)) return doc
  const deferred = deferredCatalogueWork(req)
  if (deferred) deferred.search.add(id)
  else await refresh(req, idList([id]))
  return doc
}

/**
 * After a category is saved or deleted: the products filed under it or below it get their ancestor
 * ids again (a move changes them; a deleted category must stop matching). A deleted product's
 * document goes with it (foreign key `ON DELETE CASCADE`).
 */
export const refreshCategorySearch: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const parentOf = (value: unknown): unknown => (value && typeof value === 'object' && 'parent' in value ? ((value.parent as { id?: unknown } | null)?.id ?? value.parent) : null)
  if (String(parentOf(doc)) !== String(parentOf(previousDoc))) await refreshUnder(req, doc)
  return doc
}

export const refreshDeletedCategorySearch: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await refreshUnder(req, doc)
  return doc
}

const refreshUnder = async (req: PayloadRequest, doc: unknown): Promise<void> => {
  const id = Number((doc as { id?: unknown }).id)
  if (!Number.isSafeInteger(id)) return
  const db = await transactionSql(req)
  await db.execute(sql`
    select product_search_refresh(array(select product_id from product_search where category_ids @> ${idList([id])}))
  `)
}
