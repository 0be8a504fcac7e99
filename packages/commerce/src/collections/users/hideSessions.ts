import type { CollectionAfterReadHook } from 'payload'

/**
 * Payload keeps a user's live sessions on the user record and returns them to the user (and, on
 * sign-up, in the response). They are server state, so every API response drops them. Payload's own
 * session check reads the user with `overrideAccess` and still sees them.
 */
export const hideSessions: CollectionAfterReadHook = ({ doc, overrideAccess }) => {
  if (overrideAccess || doc === null || typeof doc !== 'object' || !('sessions' in doc)) return doc
  const { sessions: _sessions, ...rest } = doc as Record<string, unknown>
  return rest
}
