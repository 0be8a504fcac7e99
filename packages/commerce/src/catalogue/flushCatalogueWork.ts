import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type RequestContext } from 'payload'

import { catalogueRuntime } from './catalogueRuntime'
import { DEFERRED_WORK_KEY, DeferredCatalogueWork } from './deferredCatalogueWork'
import { refreshListing } from './listing/refreshListing'
import { refreshSearchDocuments } from './search/refreshSearchDocuments'

/**
 * Does the deferred work of `context` in one transaction (listing rows, then search documents), then
 * clears the catalogue response cache here and on every replica, and empties the work. Until it runs,
 * the listing and search still show the products as they were before the batch. Work that fails stays
 * for the next call (`upsertProducts` calls it again when it stops).
 */
export const flushCatalogueWork = async (payload: Payload, context: RequestContext): Promise<void> => {
  const work = context[DEFERRED_WORK_KEY]
  if (!(work instanceof DeferredCatalogueWork)) return
  work.batchLookups.clear()
  const { invalidate, listing, search } = work
  if (!listing && search.size === 0 && !invalidate) return
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  try {
    if (listing) await refreshListing(req, listing.config, [...listing.ids])
    if (search.size > 0) await refreshSearchDocuments(req, [...search])
    await commitTransaction(req)
  } catch (error) {
    await killTransaction(req)
    throw new Error('Could not refresh the catalogue listing and search after a batch of saves', { cause: error })
  }
  work.invalidate = false
  work.listing = null
  search.clear()
  if (invalidate) {
    catalogueRuntime(payload).cache.invalidate((error: unknown) => payload.logger.error({ err: error, msg: 'Could not publish a catalogue invalidation' }))
  }
}
