import { APIError, type CollectionBeforeOperationHook, ValidationError } from 'payload'

import type { RoleNames } from '../../types'

import { isAdminUser } from '../../access/roles'
import { passwordMatches } from './passwordHash'

/** The body field that carries the current password; never stored. */
export const CURRENT_PASSWORD_FIELD = 'currentPassword'

const changesCredentials = (data: Record<string, unknown>): boolean => data.password !== undefined || data.email !== undefined

/**
 * A user changing her own password or email must send her current password as `currentPassword`
 * (a stolen session token alone cannot take the account over). Admins changing another user are
 * exempt (they may reset anyone's); Local API calls that override access (seed, scripts) too.
 * Wrong or missing: 400 naming the field, nothing written. Several users at once (`PATCH /users?where`)
 * may not change credentials, except by an admin.
 */
export const requireCurrentPassword =
  (roles: RoleNames): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, overrideAccess, req }) => {
    if (operation !== 'update') return args
    const data: unknown = 'data' in args ? args.data : undefined
    if (!data || typeof data !== 'object') return args
    const body = data as Record<string, unknown>
    const given = body[CURRENT_PASSWORD_FIELD]
    // Checked here or not needed: never passed on to be stored.
    delete body[CURRENT_PASSWORD_FIELD]
    if (overrideAccess || !changesCredentials(body)) return args
    const id: unknown = 'id' in args ? args.id : undefined
    const user = req.user
    const self = user?.collection === collection.slug && id !== undefined && String(user.id) === String(id)
    if (!self) {
      if (isAdminUser(roles, user)) return args
      // Access control answers a customer's update of someone else; a bulk update lands here.
      if (id === undefined) throw new APIError('Change a password or email one account at a time, on your own account.', 403, undefined, true)
      return args
    }
    const stored = await req.payload.db.findOne<{ email?: unknown; hash?: unknown; id: number | string; salt?: unknown }>({ collection: collection.slug, req, where: { id: { equals: id } } })
    const unchangedEmail = body.password === undefined && typeof body.email === 'string' && body.email.trim().toLowerCase() === stored?.email
    if (unchangedEmail) return args
    if (typeof given !== 'string' || !stored || !(await passwordMatches({ hash: stored.hash, salt: stored.salt }, given))) {
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ message: 'Enter your current password to change your password or email.', path: CURRENT_PASSWORD_FIELD }],
      })
    }
    return args
  }
