import type { PayloadRequest } from 'payload'

import type { RoleNames } from '../types'

import { isStaffUser } from './roles'

/** Only staff may sign in to `/admin`; customers use the storefront. */
export const canAccessAdmin =
  (roles: RoleNames) =>
  ({ req }: { req: PayloadRequest }): boolean =>
    isStaffUser(roles, req.user)
