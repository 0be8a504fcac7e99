import type { PayloadRequest } from 'payload'

import { isStaffUser } from './roles'

/** Only staff may sign in to `/admin`; customers use the storefront. */
export const canAccessAdmin = ({ req }: { req: PayloadRequest }): boolean => isStaffUser(req.user)
