import { z } from 'astro/zod'

import { formError } from './formMessages'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwordLength'

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwordLength'

// Messages are keys of the dictionary's `formErrors`: the form's page shows them in the shopper's language.
const email = z.email(formError('emailInvalid')).max(254, formError('emailTooLong'))
const name = z.string().trim().min(1, formError('nameMissing')).max(200, formError('nameTooLong'))
const newPassword = z.string().min(MIN_PASSWORD_LENGTH, formError('passwordTooShort')).max(MAX_PASSWORD_LENGTH, formError('passwordTooLong'))

/**
 * Where to go after signing in: only a path on this site. Anything else (another origin, `//host`,
 * a backslash trick, a missing value) becomes the account page, so the form cannot redirect off-site.
 */
export const safeNextPath = (value: unknown): string => {
  if (typeof value !== 'string' || value.length > 500) return '/account'
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/account'
  if (/[\u0000-\u001f]/.test(value)) return '/account'
  return value
}

export const loginInput = z.object({
  email,
  next: z.string().nullish().transform(safeNextPath),
  password: z.string().min(1, formError('passwordMissing')).max(MAX_PASSWORD_LENGTH),
})

export const registerInput = z.object({ email, name, password: newPassword })

export const profileInput = z.object({ name })

export const forgotInput = z.object({ email })

export const resetInput = z
  .object({ confirm: z.string().max(MAX_PASSWORD_LENGTH), password: newPassword, token: z.string().trim().min(1, formError('resetLinkIncomplete')).max(500) })
  .refine((input) => input.password === input.confirm, { message: formError('passwordsDiffer'), path: ['confirm'] })

/** The account forms, each with its own page (where its errors are shown). */
export const ACCOUNT_FORMS = {
  forgot: '/account/forgot',
  login: '/account/login',
  profile: '/account',
  register: '/account/register',
  reset: '/account/reset',
} as const

export type AccountForm = keyof typeof ACCOUNT_FORMS

export const isAccountForm = (name: string): name is AccountForm => Object.hasOwn(ACCOUNT_FORMS, name)

/** Fields whose values are shown again after a failed submit; passwords and tokens never are. */
const KEPT_FIELDS = new Set(['email', 'name', 'next'])

/** What a failed submit leaves for its form's page (post-redirect-get). */
export const formStateSchema = z.object({
  fields: z.record(z.string(), z.string().max(500)),
  form: z.enum(Object.keys(ACCOUNT_FORMS) as [AccountForm, ...AccountForm[]]),
  message: z.string().max(500),
  values: z.record(z.string(), z.string().max(500)),
})

export type FormState = z.infer<typeof formStateSchema>

export const parseFormState = (value: unknown): FormState | undefined => {
  const parsed = formStateSchema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/** The posted values worth showing again, trimmed to what the form has. */
export const keptFormValues = (entries: Iterable<[string, unknown]>): Record<string, string> => {
  const values: Record<string, string> = {}
  for (const [key, value] of entries) {
    if (KEPT_FIELDS.has(key) && typeof value === 'string') values[key] = value.slice(0, 500)
  }
  return values
}

/** A signed-in customer as the session keeps them: the CMS token and who it belongs to. */
export const signedInSchema = z.object({
  /** When the token stops working, in seconds since the epoch (the JWT's `exp`). */
  exp: z.number().int().positive(),
  token: z.string().min(1).max(4000),
  user: z.object({ email: z.string(), id: z.number().int().positive(), name: z.string().optional() }),
})

export type SignedIn = z.infer<typeof signedInSchema>

/** The session's customer, if their token is still valid `now` (milliseconds). */
export const parseSignedIn = (value: unknown, now: number): SignedIn | undefined => {
  const parsed = signedInSchema.safeParse(value)
  if (!parsed.success || parsed.data.exp * 1000 <= now) return undefined
  return parsed.data
}

const jwtClaimsSchema = z.object({ exp: z.number().int().positive() })

/**
 * The expiry (`exp`, seconds) a JWT claims, read without checking its signature: only the CMS trusts
 * tokens; the storefront just needs to know when to stop using one. Undefined for anything unreadable.
 */
export const tokenExpiry = (token: string): number | undefined => {
  const [, payload] = token.split('.')
  if (!payload) return undefined
  try {
    const parsed = jwtClaimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data.exp : undefined
  } catch {
    return undefined
  }
}

/** A user as the CMS answers for its owner: what the account pages use. */
export const userSchema = z.object({
  cart: z.unknown().optional(),
  email: z.string(),
  id: z.number().int().positive(),
  name: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
})

export type User = z.infer<typeof userSchema>
