import type { CollectionSlug, FieldAccess } from 'payload'

import type { RoleNames } from '../types'

import { isSelf } from './isSelfField'
import { isAdminUser } from './roles'

/** Field-level, on a user: that user (see `isSelf`), and admins, for support. */
export const adminOrSelfField =
  (roles: RoleNames, usersSlug: CollectionSlug): FieldAccess =>
  (args) =>
    isAdminUser(roles, args.req.user) || isSelf(usersSlug, args)
