import { type CollectionBeforeOperationHook, ValidationError } from 'payload'

/** The same rule the storefront's forms state; Payload itself accepts three characters. */
export const MIN_PASSWORD_LENGTH = 10

const tooShort = (password: unknown): boolean => typeof password === 'string' && password.length < MIN_PASSWORD_LENGTH

/**
 * Refuses a password shorter than `MIN_PASSWORD_LENGTH` wherever one is set — sign-up, a change of
 * password, a reset — with a 400 naming the `password` field, before anything is written.
 */
export const enforcePasswordPolicy =
  (collection: string): CollectionBeforeOperationHook =>
  ({ args, operation }) => {
    if (operation !== 'create' && operation !== 'update' && operation !== 'resetPassword') return args
    const data: unknown = 'data' in args ? args.data : undefined
    if (data && typeof data === 'object' && 'password' in data && tooShort(data.password)) {
      throw new ValidationError({
        collection,
        errors: [{ message: `Use at least ${MIN_PASSWORD_LENGTH} characters.`, path: 'password' }],
      })
    }
    return args
  }
