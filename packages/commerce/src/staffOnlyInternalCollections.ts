import type { Access, Payload } from 'payload'

import type { RoleNames } from './types'

import { isStaffUser } from './access/roles'

/**
 * Collections Payload adds on its own after plugins run, for the admin UI, whose default access is
 * "any signed-in user": with public sign-up that is anyone. Document locks would let a customer lock
 * products against editors and list what staff are editing. (Preferences are already scoped to their
 * owner; migrations and the key-value store are closed.)
 */
export const INTERNAL_ADMIN_COLLECTIONS = ['payload-locked-documents'] as const

const staffAnd =
  (roles: RoleNames, original: Access | undefined): Access =>
  (args) =>
    isStaffUser(roles, args.req.user) ? (original ? original(args) : true) : false

/**
 * Narrows those collections to staff, keeping Payload's own rules on top. Access functions are read
 * per request, so changing them at init takes effect for every request.
 */
export const staffOnlyInternalCollections = (payload: Payload, roles: RoleNames): void => {
  for (const slug of INTERNAL_ADMIN_COLLECTIONS) {
    const collection = payload.collections[slug]
    if (!collection) continue
    const { access } = collection.config
    collection.config.access = {
      ...access,
      create: staffAnd(roles, access.create),
      delete: staffAnd(roles, access.delete),
      read: staffAnd(roles, access.read),
      update: staffAnd(roles, access.update),
    }
  }
}
