import type { CollectionBeforeOperationHook } from 'payload'

import type { RoleNames } from '../types'

import { isStaffUser } from '../access/roles'

type ListArgs = { limit?: number; overrideAccess?: boolean; pagination?: boolean }

/**
 * Public lists come in pages of at most `max` documents: without a cap, `?limit=0` or
 * `?pagination=false` would return the whole catalogue in one response to anyone. Staff (the admin
 * UI) and server-side calls that override access are not capped.
 */
export const capPageSize =
  (roles: RoleNames, max: number): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    const list = args as ListArgs
    if (operation !== 'read' || list.overrideAccess || isStaffUser(roles, req.user)) return args
    const uncapped = list.pagination === false || list.limit === 0 || (typeof list.limit === 'number' && list.limit > max)
    return uncapped ? { ...args, limit: max, pagination: true } : args
  }
