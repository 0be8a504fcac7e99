import type { PayloadRequest } from 'payload'

/**
 * Who made a change: a signed-in user (her id and the email she had then), or one of the shop's own
 * processes (`checkout`, `sweeper`, `import`, `reconciler`, …), which may act on behalf of a user (a
 * customer's checkout names her id).
 */
export type AuditActor =
  | { email: null | string; id: number | string; kind: 'user' }
  | { email?: null | string; id?: null | number | string; kind: 'system'; name: string }

/** The system names the plugin itself records; an importer or a host's job may use any other short name. */
export type SystemActorName = 'checkout' | 'import' | 'reconciler' | 'sweeper' | 'system' | (string & {})

/**
 * `req.context.auditActor` names the process behind a write made through the Local API (the sweeper
 * sets `'sweeper'`, an importer `'import'`); it wins over `req.user`, which such writes may carry.
 */
export const AUDIT_ACTOR_CONTEXT = 'auditActor'

const userOf = (req: PayloadRequest): { email: null | string; id: number | string } | null => {
  const user: unknown = req.user
  if (user === null || typeof user !== 'object' || !('id' in user)) return null
  const id = user.id
  if (typeof id !== 'number' && typeof id !== 'string') return null
  const email = 'email' in user && typeof user.email === 'string' ? user.email : null
  return { email, id }
}

/** The actor of the write `req` makes: the named system process, else the signed-in user, else `system`. */
export const auditActorOf = (req: PayloadRequest): AuditActor => {
  const named: unknown = req.context[AUDIT_ACTOR_CONTEXT]
  const user = userOf(req)
  if (typeof named === 'string' && named.length > 0) return { email: user?.email ?? null, id: user?.id ?? null, kind: 'system', name: named.slice(0, 60) }
  return user ? { ...user, kind: 'user' } : { kind: 'system', name: 'system' }
}

/** The request id the logs show for `req` (the CMS's servers set `x-request-id` on every request), or null. */
export const requestIdOf = (req: PayloadRequest): null | string => {
  const value = req.headers?.get?.('x-request-id')
  return value ? value.slice(0, 100) : null
}
