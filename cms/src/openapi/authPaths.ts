import type { SanitizedCollectionConfig } from 'payload'

import { errorRef, json } from './commonComponents'
import { type JsonSchema, schemaRef } from './jsonSchema'
import type { SecurityRequirements } from './security'
import type { Operation, Paths } from './types'

const string: JsonSchema = { type: 'string' }
const object = (properties: Record<string, JsonSchema>, required: string[]): JsonSchema => ({ properties, required, type: 'object' })
const body = (schema: JsonSchema) => ({ content: { 'application/json': { schema } }, required: true })

/**
 * Payload's sign-in operations on an auth collection: login, logout, me, refresh-token,
 * forgot-password and reset-password, with the identity field the collection logs in with
 * (`email`, or `username` when `loginWithUsername` is on).
 */
export const authPaths = (collection: SanitizedCollectionConfig, signedIn: SecurityRequirements): Paths => {
  const { slug } = collection
  const user = schemaRef(slug)
  const identity: Record<string, JsonSchema> = collection.auth.loginWithUsername ? { email: string, username: string } : { email: { format: 'email', type: 'string' } }
  const identityRequired = collection.auth.loginWithUsername ? [] : ['email']
  const tokenAnswer: Record<string, JsonSchema> = {
    exp: { description: 'When the token expires (seconds since the epoch).', type: 'integer' },
    message: string,
    token: { description: 'Send it as `Authorization: JWT <token>`; the same token is also set as a cookie.', type: 'string' },
    user,
  }
  const op = (operation: Operation, who: 'anyone' | 'signedIn'): Operation => ({
    ...operation,
    security: who === 'anyone' ? [{}, ...signedIn] : signedIn,
    tags: [slug],
  })
  return {
    [`/${slug}/forgot-password`]: {
      post: op(
        {
          description: `Emails a link to reset the password. Answers the same whether or not the account exists.`,
          operationId: `${slug}.forgotPassword`,
          requestBody: body(object(identity, identityRequired)),
          responses: { 200: json(object({ message: string }, ['message']), 'Sent, if the account exists'), 400: errorRef('BadRequest'), 429: errorRef('TooManyRequests') },
          summary: 'Ask for a password reset email',
        },
        'anyone',
      ),
    },
    [`/${slug}/login`]: {
      post: op(
        {
          operationId: `${slug}.login`,
          requestBody: body(object({ ...identity, password: string }, [...identityRequired, 'password'])),
          responses: {
            200: json(object(tokenAnswer, ['user']), 'Signed in: the user and a token (also set as the session cookie)'),
            400: errorRef('BadRequest'),
            401: errorRef('Unauthorized'),
            429: errorRef('TooManyRequests'),
          },
          summary: 'Sign in',
        },
        'anyone',
      ),
    },
    [`/${slug}/logout`]: {
      post: op(
        {
          operationId: `${slug}.logout`,
          responses: { 200: json(object({ message: string }, ['message']), 'Signed out: the session ends and the cookie is cleared'), 400: errorRef('BadRequest') },
          summary: 'Sign out',
        },
        'signedIn',
      ),
    },
    [`/${slug}/me`]: {
      get: op(
        {
          operationId: `${slug}.me`,
          responses: {
            200: json(
              object({ ...tokenAnswer, collection: string, strategy: string, user: { oneOf: [user, { type: 'null' }] } }, ['user']),
              'The signed-in user, or `user: null` when nobody is signed in',
            ),
          },
          summary: 'Who is signed in',
        },
        'anyone',
      ),
    },
    [`/${slug}/refresh-token`]: {
      post: op(
        {
          operationId: `${slug}.refreshToken`,
          responses: {
            200: json(object({ exp: tokenAnswer.exp as JsonSchema, message: string, refreshedToken: string, user }, ['refreshedToken']), 'A new token for the same session'),
            401: errorRef('Unauthorized'),
            403: errorRef('Forbidden'),
          },
          summary: 'Extend the session',
        },
        'signedIn',
      ),
    },
    [`/${slug}/reset-password`]: {
      post: op(
        {
          operationId: `${slug}.resetPassword`,
          requestBody: body(object({ password: string, token: { description: 'From the reset email’s link.', type: 'string' } }, ['token', 'password'])),
          responses: { 200: json(object(tokenAnswer, ['user']), 'The new password is set and the user is signed in'), 400: errorRef('BadRequest'), 403: errorRef('Forbidden'), 429: errorRef('TooManyRequests') },
          summary: 'Set a new password with the emailed token',
        },
        'anyone',
      ),
    },
  }
}
