import type { Access } from 'payload'

import type { RoleNames } from '../types'

import { isStaffUser } from './roles'

/** Staff see drafts; everyone else only what is published. */
export const publishedOrStaff =
  (roles: RoleNames): Access =>
  ({ req: { user } }) =>
    isStaffUser(roles, user) ? true : { _status: { equals: 'published' } }
