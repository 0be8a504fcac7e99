import type { CollectionBeforeOperationHook } from 'payload'

import { hashDummyPassword } from './passwordHash'

/**
 * Payload answers a sign-in to an unknown email as soon as its lookup finds nobody (≈ 10 ms), but a
 * wrong password only after hashing it (≈ 100 ms or more): the difference tells an attacker which
 * emails have accounts. For an unknown email this hashes the given password the way a real account's
 * would be checked, then lets Payload answer its usual 401. Status and message were already the same.
 */
export const equalizeUnknownLogins: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'login') return args
  const data: unknown = 'data' in args ? args.data : undefined
  const email = data && typeof data === 'object' && 'email' in data && typeof data.email === 'string' ? data.email.toLowerCase().trim() : ''
  const password = data && typeof data === 'object' && 'password' in data && typeof data.password === 'string' ? data.password : ''
  // Payload refuses these with a 400 before looking anyone up.
  if (!email || !password.trim()) return args
  const user = await req.payload.db.findOne({ collection: collection.slug, req, where: { email: { equals: email } } })
  if (!user) await hashDummyPassword(password)
  return args
}
