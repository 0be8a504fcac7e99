import type { FieldAccess } from 'payload'

import { hasRole } from './roles'

/** Field-level: only admins may set or change the field. */
export const isAdminField: FieldAccess = ({ req: { user } }) => hasRole(user, 'admin')
