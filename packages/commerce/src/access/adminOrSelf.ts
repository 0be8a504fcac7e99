import type { Access } from 'payload'

import type { RoleNames } from '../types'

import { isAdminUser } from './roles'

/** Admins reach every user; anyone else signed in reaches only their own record. */
export const adminOrSelf =
  (roles: RoleNames): Access =>
  ({ req: { user } }) => {
    if (!user) return false
    if (isAdminUser(roles, user)) return true
    return { id: { equals: user.id } }
  }
