import type { CollectionConfig } from 'payload'

import type { RoleNames } from '../types'

import { anyone } from './anyone'
import { isStaff } from './isStaff'

/** What the shop shows everyone and only staff edit (categories, media): read by anyone, written by staff. */
export const publicReadStaffWrite = (roles: RoleNames): NonNullable<CollectionConfig['access']> => {
  const staff = isStaff(roles)
  return { create: staff, delete: staff, read: anyone, update: staff }
}
