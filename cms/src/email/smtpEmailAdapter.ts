import type { EmailAdapter } from 'payload'

import { nodemailerAdapter } from '@payloadcms/email-nodemailer'

import { EMAIL_DEFAULTS } from './defaults'

export type SmtpEmailAdapterOptions = {
  /** @default EMAIL_DEFAULTS.fromAddress ('shop@showroom.local') */
  fromAddress?: string
  /** @default EMAIL_DEFAULTS.fromName ('Showroom') */
  fromName?: string
  /** `smtp://user:pass@host:port` (STARTTLS when the server offers it) or `smtps://…` (TLS from the first byte). */
  url: string
}

/**
 * Sends through an SMTP server with Payload's nodemailer adapter. The URL is taken apart here rather
 * than handed to nodemailer whole, so the user name and password may be percent-encoded (an `@` or `:`
 * in a password) and so the transport is verified, not silently misread, at start-up: a server that
 * does not answer is logged once, and each send still tries it again.
 */
export const smtpEmailAdapter = ({ fromAddress = EMAIL_DEFAULTS.fromAddress, fromName = EMAIL_DEFAULTS.fromName, url }: SmtpEmailAdapterOptions): Promise<EmailAdapter> => {
  const parsed = new URL(url)
  const secure = parsed.protocol === 'smtps:'
  const user = decodeURIComponent(parsed.username)
  const transportOptions = {
    auth: user ? { pass: decodeURIComponent(parsed.password), user } : undefined,
    host: parsed.hostname,
    // Nodemailer's pool keeps a few connections open and reuses them: emails go one after another
    // (the outbox hands them over in order), and a handshake per message would be most of the work.
    pool: true,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
  }
  return nodemailerAdapter({ defaultFromAddress: fromAddress, defaultFromName: fromName, transportOptions })
}
