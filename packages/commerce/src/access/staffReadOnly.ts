import type { CollectionConfig } from 'payload'

import type { RoleNames } from '../types'

import { isStaff } from './isStaff'
import { nobody } from './nobody'

/**
 * A record only the plugin writes (a ledger, the audit log): staff read it, nobody creates, updates or
 * deletes it through the API.
 */
export const staffReadOnly = (roles: RoleNames): CollectionConfig['access'] => ({ create: nobody, delete: nobody, read: isStaff(roles), update: nobody })
