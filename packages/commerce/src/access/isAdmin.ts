import type { Access } from 'payload'

import type { RoleNames } from '../types'

import { isAdminUser } from './roles'

export const isAdmin =
  (roles: RoleNames): Access =>
  ({ req: { user } }) =>
    isAdminUser(roles, user)
