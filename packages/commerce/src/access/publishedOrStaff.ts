import type { Access } from 'payload'

import { isStaffUser } from './roles'

/** Staff see drafts; everyone else only what is published. */
export const publishedOrStaff: Access = ({ req: { user } }) =>
  isStaffUser(user) ? true : { _status: { equals: 'published' } }
