import type { FieldAccess } from 'payload'

import { isStaffUser } from './roles'

/** Field-level: only staff see the field (customers reading their own order do not). */
export const isStaffField: FieldAccess = ({ req: { user } }) => isStaffUser(user)
