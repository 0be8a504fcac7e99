import type { Role } from '../types'

/** Reads roles defensively: the plugin works with whatever user type the host generates. */
const rolesOf = (user: unknown): unknown[] =>
  user !== null && typeof user === 'object' && 'roles' in user && Array.isArray(user.roles) ? user.roles : []

/** True when the user holds at least one of the given roles. */
export const hasRole = (user: unknown, ...roles: Role[]): boolean =>
  rolesOf(user).some((role) => roles.includes(role as Role))

/** Staff run the shop from the admin UI: admins and editors. */
export const isStaffUser = (user: unknown): boolean => hasRole(user, 'admin', 'editor')

/** Admins manage users and integrations such as webhook endpoints. */
export const isAdminUser = (user: unknown): boolean => hasRole(user, 'admin')
