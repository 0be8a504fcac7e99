import type { CollectionSlug, FieldAccess } from 'payload'

import { isSelf } from './isSelfField'
import { hasRole } from './roles'

/** Field-level, on a user: that user (see `isSelf`), and admins, for support. */
export const adminOrSelfField =
  (usersSlug: CollectionSlug): FieldAccess =>
  (args) =>
    hasRole(args.req.user, 'admin') || isSelf(usersSlug, args)
