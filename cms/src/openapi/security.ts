import type { SanitizedConfig } from 'payload'

import type { Callers } from './accessProbe'
import type { SecurityRequirement, SecurityScheme } from './types'

/** Every way of signing a request in, one requirement each (any one of them will do). */
export type SecurityRequirements = SecurityRequirement[]

type Schemes = Record<string, SecurityScheme>

/**
 * The ways Payload reads a signed-in user, in the order it tries them (`auth.jwtOrder`): the token
 * from `POST /<users>/login` as `Authorization: JWT <token>` or `Bearer <token>`, or the
 * `<cookiePrefix>-token` cookie that login sets (browsers; cross-site only from allowed origins);
 * and API keys on the auth collections that enable them.
 */
export const securitySchemes = (config: SanitizedConfig): Schemes => {
  const schemes: Schemes = {}
  for (const method of config.auth.jwtOrder) {
    if (method === 'JWT') {
      schemes.jwt = {
        description: 'The token from login, as `Authorization: JWT <token>` (Payload’s own scheme).',
        in: 'header',
        name: 'Authorization',
        type: 'apiKey',
      }
    } else if (method === 'Bearer') {
      schemes.bearer = { bearerFormat: 'JWT', description: 'The token from login, as `Authorization: Bearer <token>`.', scheme: 'bearer', type: 'http' }
    } else {
      schemes.cookie = {
        description: 'Set by login (HttpOnly). Sent cross-site only from the CMS’s allowed origins (CSRF list).',
        in: 'cookie',
        name: `${config.cookiePrefix}-token`,
        type: 'apiKey',
      }
    }
  }
  for (const collection of config.collections) {
    if (collection.auth?.useAPIKey) {
      schemes[`${collection.slug}ApiKey`] = {
        description: `An API key of a ${collection.slug} document, as \`Authorization: ${collection.slug} API-Key <key>\`.`,
        in: 'header',
        name: 'Authorization',
        type: 'apiKey',
      }
    }
  }
  return schemes
}

/** One requirement per scheme: any of them signs the request in. */
export const signedIn = (schemes: Schemes): SecurityRequirements => Object.keys(schemes).map((name) => ({ [name]: [] }))

/** An operation's `security`: anyone may call it (`{}` first) unless an anonymous caller gets nothing. */
export const securityFor = (callers: Callers, requirements: SecurityRequirements): SecurityRequirements =>
  callers.anonymous === 'none' ? requirements : [{}, ...requirements]
