import type { Access } from 'payload'

import type { RoleNames } from '../types'

import { isStaffUser } from './roles'

/** Admins and editors. */
export const isStaff =
  (roles: RoleNames): Access =>
  ({ req: { user } }) =>
    isStaffUser(roles, user)
