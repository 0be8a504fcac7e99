import { APIError, type CollectionBeforeOperationHook } from 'payload'

/**
 * Public sign-up (a create with access checked) is closed until the install has its first account.
 * Otherwise a visitor who registers on a freshly deployed storefront before its owner would take the
 * first account, which `firstUserIsAdmin` makes an admin, and the owner's "create first user" screen
 * would be gone. The owner's first account comes from that screen or from `pnpm seed`, which both
 * create with access overridden.
 */
export const noSignUpBeforeFirstUser: CollectionBeforeOperationHook = async ({ collection, operation, overrideAccess, req }) => {
  if (operation !== 'create' || overrideAccess) return undefined
  const { totalDocs } = await req.payload.count({ collection: collection.slug, overrideAccess: true, req })
  if (totalDocs === 0) throw new APIError('This shop does not take new accounts yet: its administrator has not been set up.', 403, undefined, true)
  return undefined
}
