import type { FieldAccess } from 'payload'

import type { RoleNames } from '../types'

import { isAdminUser } from './roles'

/** Field-level: only admins may set or change the field. */
export const isAdminField =
  (roles: RoleNames): FieldAccess =>
  ({ req: { user } }) =>
    isAdminUser(roles, user)
