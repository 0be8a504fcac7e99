import type { CollectionBeforeChangeHook } from 'payload'

import type { RoleNames } from '../../types'

/**
 * The first account of a fresh install (the admin's "create first user" screen) must be able to run
 * the shop, whatever the roles field shows. This grants nothing new: while no user exists, Payload's
 * first-register endpoint lets anyone choose their roles anyway. Create the admin (or run the seed)
 * before exposing a new CMS.
 */
export const firstUserIsAdmin =
  (roles: RoleNames): CollectionBeforeChangeHook =>
  async ({ collection, data, operation, req }) => {
    if (operation !== 'create') return data
    const { totalDocs } = await req.payload.count({ collection: collection.slug, overrideAccess: true, req })
    return totalDocs === 0 ? { ...data, roles: [roles.admin] } : data
  }
