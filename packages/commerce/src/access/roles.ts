import type { RoleNames } from '../types'

/** Reads roles defensively: the plugin works with whatever user type the host generates. */
const rolesOf = (user: unknown): unknown[] =>
  user !== null && typeof user === 'object' && 'roles' in user && Array.isArray(user.roles) ? user.roles : []

/** True when the user holds at least one of the given stored role values. */
export const hasRole = (user: unknown, ...names: string[]): boolean =>
  rolesOf(user).some((role) => typeof role === 'string' && names.includes(role))

/** Staff run the shop from the admin UI: admins and editors. */
export const isStaffUser = (roles: RoleNames, user: unknown): boolean => hasRole(user, roles.admin, roles.editor)

/** Admins manage users and integrations such as webhook endpoints. */
export const isAdminUser = (roles: RoleNames, user: unknown): boolean => hasRole(user, roles.admin)
