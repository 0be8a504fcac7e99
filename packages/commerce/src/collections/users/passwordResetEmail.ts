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

/** The email's words in one language. */
type PasswordResetWords = {
  greeting: (name: string | undefined) => string
  ignore: string
  request: (lifetime: string) => string
  subject: (shop: string | undefined) => string
  within: (minutes: number) => string
}

/**
 * The email in the languages the shop's storefront speaks (docs/languages.md). A customer who asks on
 * the German shop (which sends `?locale=de`) reads it in German and is linked to the German reset page;
 * any other locale reads English. Staff always read English, as the admin does.
 */
const WORDS: Record<string, PasswordResetWords> = {
  de: {
    greeting: (name) => `Hallo${name ? ` ${name}` : ''},`,
    ignore: 'Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.',
    request: (lifetime) => `Jemand möchte das Passwort Ihres Kontos zurücksetzen. Um ein neues zu wählen, öffnen Sie diesen Link innerhalb von ${lifetime}. Er funktioniert einmal.`,
    subject: (shop) => (shop ? `Ihr Passwort bei ${shop} zurücksetzen` : 'Passwort zurücksetzen'),
    within: (count) => (count === 1 ? '1 Minute' : `${count} Minuten`),
  },
  en: {
    greeting: (name) => `Hello${name ? ` ${name}` : ''},`,
    ignore: 'If that was not you, ignore this email: your password stays as it is.',
    request: (lifetime) => `Someone asked to reset the password of your account. To choose a new one, open this link within ${lifetime}. It works once.`,
    subject: (shop) => (shop ? `Reset your ${shop} password` : 'Reset your password'),
    within: (count) => (count === 1 ? '1 minute' : `${count} minutes`),
  },
}

/** The request's language when the email has it (and the request is not for staff), else English. */
const languageOf = (req: PayloadRequest | undefined, staff: boolean): string => (!staff && req?.locale && req.locale in WORDS ? req.locale : 'en')

/** `/de` for a customer reading German: the storefront serves its other languages under their code. */
const localePrefix = (req: PayloadRequest, language: string): string => {
  const defaultLocale = req.payload.config.localization ? req.payload.config.localization.defaultLocale : 'en'
  return language === defaultLocale ? '' : `/${language}`
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
 * A customer reads it in the language of the shop she asked from (`req.locale`, see `WORDS`).
 */
export const passwordResetEmail = ({
  expiration,
  resetPath,
  roles,
  storefrontUrl,
}: PasswordResetEmailOptions): Pick<ForgotPassword, 'generateEmailHTML' | 'generateEmailSubject'> => ({
  generateEmailHTML: ({ req, token, user } = {}) => {
    if (!req || !token) throw new Error('passwordResetEmail: Payload called generateEmailHTML without req or token')
    const staff = isStaffUser(roles, user)
    const language = languageOf(req, staff)
    const words = WORDS[language] ?? WORDS.en!
    const link = staff ? adminResetUrl(req, token) : storefrontResetUrl(storefrontUrl, token, `${localePrefix(req, language)}${resetPath ?? STOREFRONT_RESET_PATH}`)
    const name = nameOf(user)
    return [
      `<p>${words.greeting(name === undefined ? undefined : escapeText(name))}</p>`,
      `<p>${words.request(words.within(Math.round(expiration / 60_000)))}</p>`,
      `<p><a href="${escapeAttribute(link)}">${escapeText(link)}</a></p>`,
      `<p>${words.ignore}</p>`,
    ].join('\n')
  },
  generateEmailSubject: ({ req, user } = {}) => (WORDS[languageOf(req, isStaffUser(roles, user))] ?? WORDS.en!).subject(req?.payload.email.defaultFromName),
})
