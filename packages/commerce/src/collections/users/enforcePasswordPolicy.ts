import { type CollectionBeforeOperationHook, ValidationError } from 'payload'

import { passwordProblem } from './passwordPolicy'

/**
 * Refuses a weak password wherever one is set — sign-up, the first user, a change of password, a
 * reset — with a 400 naming the `password` field and saying why, before anything is written
 * (the rules: `passwordPolicy.ts`).
 */
export const enforcePasswordPolicy =
  (collection: string): CollectionBeforeOperationHook =>
  async ({ args, operation }) => {
    if (operation !== 'create' && operation !== 'update' && operation !== 'resetPassword') return args
    const data: unknown = 'data' in args ? args.data : undefined
    if (!data || typeof data !== 'object' || !('password' in data) || data.password === undefined) return args
    const problem = await passwordProblem(data.password)
    if (problem) throw new ValidationError({ collection, errors: [{ message: problem, path: 'password' }] })
    return args
  }
