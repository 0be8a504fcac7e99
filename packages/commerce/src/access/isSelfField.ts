import type { CollectionSlug, FieldAccess } from 'payload'

type FieldAccessArgs = Parameters<FieldAccess>[0]

/**
 * True when the signed-in user is the record of `usersSlug` the field belongs to. On read Payload
 * passes that record as `doc`; on update, its `id`. On create there is no record yet: a visitor
 * signing up (no one signed in) is the new user; anyone signed in creating an account is not.
 */
export const isSelf = (usersSlug: CollectionSlug, { doc, id, req: { user } }: FieldAccessArgs): boolean => {
  const record: unknown = doc
  const target: unknown = id ?? (record !== null && typeof record === 'object' && 'id' in record ? record.id : undefined)
  if (target === undefined || target === null) return !user
  // The same id in another auth collection is someone else.
  return user !== null && user.collection === usersSlug && String(user.id) === String(target)
}

/** Field-level, on a user: only that user (see `isSelf`); admins and editors acting on others are refused. */
export const isSelfField =
  (usersSlug: CollectionSlug): FieldAccess =>
  (args) =>
    isSelf(usersSlug, args)
