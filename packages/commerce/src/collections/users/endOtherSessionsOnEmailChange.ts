import type { CollectionAfterChangeHook } from 'payload'

type Session = { id: string }

/** The session a request's user signed in with (Payload sets `_sid` on `req.user`; its `User` type omits it). */
const sidOf = (user: object): string | undefined => ('_sid' in user && typeof user._sid === 'string' ? user._sid : undefined)

/**
 * A new email ends the user's other sessions, as a new password does in Payload itself (which keeps
 * only the session that made the change): whoever held a session under the old address is signed out.
 */
export const endOtherSessionsOnEmailChange: CollectionAfterChangeHook = async ({ collection, doc, operation, previousDoc, req }) => {
  if (operation !== 'update' || !collection.auth?.useSessions || previousDoc?.email === doc.email) return doc
  const stored = await req.payload.db.findOne<{ id: number | string; sessions?: Session[] }>({ collection: collection.slug, req, where: { id: { equals: doc.id } } })
  const own = req.user?.collection === collection.slug && String(req.user.id) === String(doc.id) ? sidOf(req.user) : undefined
  const sessions = (stored?.sessions ?? []).filter((session) => own !== undefined && session.id === own)
  await req.payload.db.updateOne({ id: doc.id, collection: collection.slug, data: { sessions }, req, returning: false })
  return doc
}
