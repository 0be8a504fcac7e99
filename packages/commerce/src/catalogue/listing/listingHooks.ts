import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeDeleteHook, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../../types'

import { tableOf, transactionSql } from '../../database'
import { perTransaction } from '../../webhooks/afterCommit'
import { catalogueRuntime } from '../catalogueRuntime'
import { deferredCatalogueWork } from '../deferredCatalogueWork'
import { refreshListing } from './refreshListing'

const INVALIDATE = Symbol('catalogue responses invalidated after this transaction')

/**
 * Clears the catalogue response cache (here and on every replica) once the request's transaction has
 * committed, or at once when it has none: the same point the webhooks are sent from.
 */
export const invalidateCatalogueAfterCommit = async (req: PayloadRequest): Promise<void> => {
  const { cache } = catalogueRuntime(req.payload)
  const logError = (error: unknown) => req.payload.logger.error({ err: error, msg: 'Could not publish a catalogue invalidation' })
  const pending = await perTransaction(req, INVALIDATE, () => true, () => cache.invalidate(logError))
  if (pending === null) cache.invalidate(logError)
}

type Referencing = 'categories' | 'media'

/** The products whose depth-1 documents embed this category or image. */
const productsReferencing = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, kind: Referencing, id: number): Promise<number[]> => {
  const db = await transactionSql(req)
  const products = tableOf(req, config.slugs.products)
  const rels = sql.identifier(`${products}_rels`)
  const { rows } =
    kind === 'categories'
      ? await db.execute<{ id: number }>(sql`select distinct parent_id as id from ${rels} where ${sql.identifier(`${tableOf(req, config.slugs.categories)}_id`)} = ${id}`)
      : await db.execute<{ id: number }>(sql`
          select parent_id as id from ${rels} where ${sql.identifier(`${tableOf(req, config.slugs.media)}_id`)} = ${id}
          union select _parent_id from ${sql.identifier(`${products}_variants`)} where image_id = ${id}`)
  return rows.map((row) => Number(row.id))
}

/**
 * A product's save rewrites its listing row in the same transaction (or removes it when not
 * published). A bulk writer's save leaves both to the batch's `flushCatalogueWork`.
 */
export const listProductAfterChange =
  (config: SanitizedCommercePluginConfig): CollectionAfterChangeHook =>
  async ({ doc, req }) => {
    if (config.disabled) return doc
    const id = (doc as { id: number }).id
    const deferred = deferredCatalogueWork(req)
    if (deferred) {
      if (config.catalogue.listing) (deferred.listing ??= { config, ids: new Set() }).ids.add(id)
      deferred.invalidate = true
      return doc
    }
    if (config.catalogue.listing) await refreshListing(req, config, [id])
    await invalidateCatalogueAfterCommit(req)
    return doc
  }

/** A deleted product's listing row goes with it (foreign key); cached responses showing it go after the commit. */
export const listProductAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await invalidateCatalogueAfterCommit(req)
  return doc
}

/** A category's or image's change rewrites the listing rows of the products that embed it at depth 1. */
export const listReferencesAfterChange =
  (config: SanitizedCommercePluginConfig, kind: Referencing): CollectionAfterChangeHook =>
  async ({ doc, req }) => {
    if (config.disabled) return doc
    if (config.catalogue.listing) await refreshListing(req, config, await productsReferencing(req, config, kind, (doc as { id: number }).id))
    await invalidateCatalogueAfterCommit(req)
    return doc
  }

const referencingKey = (kind: Referencing, id: number | string) => `catalogue:referencing:${kind}:${id}`

/** Before a delete removes the relationship rows: which products showed the category or image. */
export const rememberListingReferences =
  (config: SanitizedCommercePluginConfig, kind: Referencing): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    if (config.catalogue.listing && !config.disabled) req.context[referencingKey(kind, id)] = await productsReferencing(req, config, kind, Number(id))
  }

export const listReferencesAfterDelete =
  (config: SanitizedCommercePluginConfig, kind: Referencing): CollectionAfterDeleteHook =>
  async ({ doc, id, req }) => {
    const remembered = req.context[referencingKey(kind, id)]
    if (Array.isArray(remembered)) await refreshListing(req, config, remembered.filter((value): value is number => typeof value === 'number'))
    await invalidateCatalogueAfterCommit(req)
    return doc
  }
