import type { FieldAccess } from 'payload'

import type { RoleNames } from '../types'

import { isStaffUser } from './roles'

/** Field-level: only staff see the field (customers reading their own order do not). */
export const isStaffField =
  (roles: RoleNames): FieldAccess =>
  ({ req: { user } }) =>
    isStaffUser(roles, user)
