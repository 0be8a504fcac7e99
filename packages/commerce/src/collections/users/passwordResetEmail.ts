import type { IncomingAuthType, PayloadRequest } from 'payload'

import { escapeAttribute, escapeText } from 'entities'
import { formatAdminURL } from 'payload/shared'

import type { RoleNames } from '../../types'

import { isStaffUser } from '../../access/roles'

type ForgotPassword = NonNullable<IncomingAuthType['forgotPassword']>

/** The storefront page that reads `?token=` and asks for a new password (the `storefrontPaths.passwordReset` default). */
export const STOREFRONT_RESET_PATH = '/account/reset'

/** `<storefrontUrl><resetPath>?token=<token>`; a trailing slash on `storefrontUrl` is ignored. */
export const storefrontResetUrl = (storefrontUrl: string, token: string, resetPath = STOREFRONT_RESET_PATH): string => {
  const url = new URL(`${storefrontUrl.replace(/\/+$/, '')}${resetPath}`)
  url.searchParams.set('token', token)
  return url.href
}

/** Payload's own reset page in `/admin`, where staff sign in. */
const adminResetUrl = (req: PayloadRequest, token: string): string => {
  const { config } = req.payload
  return formatAdminURL({
    adminRoute: config.routes.admin,
    path: `${config.admin.routes.reset}/${encodeURIComponent(token)}`,
    serverURL: config.serverURL,
  })
}

const nameOf = (user: unknown): string | undefined => {
  if (user === null || typeof user !== 'object' || !('name' in user)) return undefined
  return typeof user.name === 'string' && user.name.trim() ? user.name.trim() : undefined
}

const minutes = (ms: number): string => {
  const count = Math.round(ms / 60_000)
  return count === 1 ? '1 minute' : `${count} minutes`
}

export type PasswordResetEmailOptions = {
  /** How long the link works, in milliseconds; only used for the wording. Pass the collection's `forgotPassword.expiration`. */
  expiration: number
  /** The storefront's password-reset page. @default STOREFRONT_RESET_PATH */
  resetPath?: string
  /** Which stored roles are staff (sent to the admin's reset page). */
  roles: RoleNames
  /** The storefront's origin (or base URL), such as `https://shop.example`. */
  storefrontUrl: string
}

/**
 * The forgot-password email. Customers are sent to the storefront's reset page, staff to the admin's
 * (customers never reach `/admin`; staff sign in there). Plain and short, every interpolated value
 * escaped (the `entities` library, as the HTML spec says for text and double-quoted attributes). The subject names the shop by the sender name (`EMAIL_FROM_NAME`).
 */
export const passwordResetEmail = ({
  expiration,
  resetPath,
  roles,
  storefrontUrl,
}: PasswordResetEmailOptions): Pick<ForgotPassword, 'generateEmailHTML' | 'generateEmailSubject'> => ({
  generateEmailHTML: ({ req, token, user } = {}) => {
    if (!req || !token) throw new Error('passwordResetEmail: Payload called generateEmailHTML without req or token')
    const link = isStaffUser(roles, user) ? adminResetUrl(req, token) : storefrontResetUrl(storefrontUrl, token, resetPath)
    const name = nameOf(user)
    return [
      `<p>Hello${name ? ` ${escapeText(name)}` : ''},</p>`,
      `<p>Someone asked to reset the password of your account. To choose a new one, open this link within ${minutes(expiration)}. It works once.</p>`,
      `<p><a href="${escapeAttribute(link)}">${escapeText(link)}</a></p>`,
      '<p>If that was not you, ignore this email: your password stays as it is.</p>',
    ].join('\n')
  },
  generateEmailSubject: ({ req } = {}) => {
    const shop = req?.payload.email.defaultFromName
    return shop ? `Reset your ${shop} password` : 'Reset your password'
  },
})
