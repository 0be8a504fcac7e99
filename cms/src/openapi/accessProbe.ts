import type { Access, Payload, PayloadRequest, SanitizedCollectionConfig } from 'payload'

/** What an access rule gives one kind of caller: every document, some (a `Where` filter), or none. */
export type Grant = 'all' | 'none' | 'some' | 'unknown'

/** The callers a rule is asked about: nobody signed in, then a user holding each role. */
export type Callers = { anonymous: Grant } & Record<string, Grant>

/**
 * The role names of the auth collection's `roles` select field (`['admin', 'editor', 'customer']`),
 * or none when it has no such field: then the probe knows only "signed in".
 */
export const rolesOf = (users: SanitizedCollectionConfig | undefined): string[] => {
  const field = users?.flattenedFields.find((candidate) => candidate.name === 'roles')
  if (!field || field.type !== 'select') return []
  return field.options.map((option) => (typeof option === 'string' ? option : option.value))
}

/**
 * A request from `user` with nothing else in it: no headers, no query, no body. Access rules read
 * `req.user`, `req.headers` and `req.payload`; what a rule reads beyond that makes it `unknown`.
 */
const probeRequest = (payload: Payload, user: null | Record<string, unknown>): PayloadRequest =>
  // A partial request on purpose: a rule that needs more than these throws and is reported as `unknown`.
  ({ context: {}, headers: new Headers(), i18n: payload.config.i18n, payload, query: {}, routeParams: {}, user }) as unknown as PayloadRequest

const grantOf = async (access: Access, req: PayloadRequest): Promise<Grant> => {
  try {
    const result = await access({ req })
    return result === true ? 'all' : result ? 'some' : 'none'
  } catch {
    return 'unknown'
  }
}

/**
 * Asks an access rule, as Payload would for a REST call, what it grants to an anonymous caller and to
 * a user holding each role (`users` is the auth collection they belong to). The rule itself is the
 * source: the document cannot claim a permission the API does not give.
 */
export const probeAccess = async (payload: Payload, access: Access, users: string, roles: string[]): Promise<Callers> => {
  const callers: Callers = { anonymous: await grantOf(access, probeRequest(payload, null)) }
  for (const role of roles.length > 0 ? roles : ['signedIn']) {
    callers[role] = await grantOf(access, probeRequest(payload, { collection: users, id: 0, roles: roles.length > 0 ? [role] : [] }))
  }
  return callers
}

const WORDS: Record<Grant, string> = { all: 'yes', none: 'no', some: 'only some documents (filtered)', unknown: 'depends on the request' }

/** One line per caller, for an operation's description. */
export const describeCallers = (callers: Callers): string =>
  Object.entries(callers)
    .map(([caller, grant]) => `- ${caller}: ${WORDS[grant]}`)
    .join('\n')
