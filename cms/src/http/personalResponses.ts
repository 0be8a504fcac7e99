/**
 * Personal and authenticated API responses must not be kept by a browser's back/forward cache, a CDN or a
 * proxy (docs/security.md). Payload reads credentials from the `Authorization` header (JWT, API key) and
 * its auth cookie only; the commerce plugin's catalogue answers anonymous readers with public, shared
 * caching and `Vary: Authorization, Cookie` of its own, which stays untouched.
 */

export const PRIVATE_CACHE_CONTROL = 'private, no-store'
export const PERSONAL_VARY = ['Authorization', 'Cookie']

/** Whether the request carries credentials Payload would read: a bearer/JWT/API-key header or its auth cookie. */
export const carriesCredentials = (headers: Headers, cookiePrefix: string): boolean =>
  headers.has('authorization') || (headers.get('cookie') ?? '').split(';').some((pair) => pair.trim().startsWith(`${cookiePrefix}-token=`))

/**
 * Paths whose answer is personal even without credentials: users (`/users/me`, sign-up, login,
 * refresh, logout — which set or clear the auth cookie) and orders (a guest reads hers with a token).
 */
export const isPersonalPath = (segments: string[], { orders, users }: { orders: string; users: string }): boolean =>
  segments[0] === orders || segments[0] === users

/** Adds each of `names` to the response's `Vary` unless it is already there (or `Vary: *`). */
const addVary = (headers: Headers, names: string[]): void => {
  const current = (headers.get('vary') ?? '').split(',').map((each) => each.trim()).filter(Boolean)
  if (current.includes('*')) return
  const known = new Set(current.map((each) => each.toLowerCase()))
  const merged = [...current, ...names.filter((name) => !known.has(name.toLowerCase()))]
  headers.set('Vary', merged.join(', '))
}

/** Marks a response as personal: nobody stores it, and caches key anything else on the credentials. */
export const markPersonal = (headers: Headers): void => {
  headers.set('Cache-Control', PRIVATE_CACHE_CONTROL)
  addVary(headers, PERSONAL_VARY)
}
