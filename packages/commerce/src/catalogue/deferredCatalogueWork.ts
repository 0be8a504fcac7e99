import type { PayloadRequest, RequestContext } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

type ListingConfig = Pick<SanitizedCommercePluginConfig, 'maxPublicPageSize' | 'slugs'>

/**
 * The catalogue work a bulk writer's saves leave for one step per batch: the products whose listing
 * rows and search documents are to be rewritten, and whether the response cache is to be cleared.
 * Both projections are rebuilt from the products' live rows, so rewriting them once after a batch of
 * saves leaves the same rows as rewriting them after each save.
 */
export class DeferredCatalogueWork {
  /**
   * Lookups the saves of one batch share rather than each repeating them (the active webhook
   * endpoints); emptied after each batch, so a change to them shows from the next batch on.
   */
  readonly batchLookups = new Map<string, unknown>()
  invalidate = false
  listing: { config: ListingConfig; ids: Set<number> } | null = null
  readonly search = new Set<number>()
}

/** Where a request context holds its deferred work. */
export const DEFERRED_WORK_KEY = 'catalogue:deferredWork'

/**
 * A request context whose product saves defer their listing, search and cache work to
 * `flushCatalogueWork` (the CSV import and the seed: one statement per batch instead of a few per
 * product). Saves that share it (shallow copies of it are fine) add to the same work.
 */
export const deferCatalogueWork = (): RequestContext => ({ [DEFERRED_WORK_KEY]: new DeferredCatalogueWork() })

/** The deferred work of this save, when its caller deferred it (`deferCatalogueWork`). */
export const deferredCatalogueWork = (req: PayloadRequest): DeferredCatalogueWork | undefined => {
  const work = req.context[DEFERRED_WORK_KEY]
  return work instanceof DeferredCatalogueWork ? work : undefined
}
