import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type RequestContext } from 'payload'

import { catalogueRuntime } from './catalogueRuntime'
import { DEFERRED_WORK_KEY, DeferredCatalogueWork } from './deferredCatalogueWork'
import { refreshListing } from './listing/refreshListing'
import { refreshSearchDocuments } from './search/refreshSearchDocuments'

/**
 * Does the deferred work of `context` in one transaction (listing rows, then search documents), then
 * clears the catalogue response cache here and on every replica, and empties the work. Until it runs,
 * the listing and search still show the products as they were before the batch.
 */
export const flushCatalogueWork = async (payload: Payload, context: RequestContext): Promise<void> => {
  const work = context[DEFERRED_WORK_KEY]
  if (!(work instanceof DeferredCatalogueWork)) return
  const { invalidate, listing, search } = work
  work.batchLookups.clear()
  work.invalidate = false
  work.listing = null
  const searchIds = [...search]
  search.clear()
  if (!listing && searchIds.length === 0 && !invalidate) return
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  try {
    if (listing) await refreshListing(req, listing.config, [...listing.ids])
    if (searchIds.length > 0) {
      await refreshSearchDocuments(req, searchIds)
    }
    await commitTransaction(req)
  } catch (error) {
    await killTransaction(req)
    throw new Error('Could not refresh the catalogue listing and search after a batch of saves', { cause: error })
  }
  if (invalidate) {
    catalogueRuntime(payload).cache.invalidate((error: unknown) => payload.logger.error({ err: error, msg: 'Could not publish a catalogue invalidation' }))
  }
}
