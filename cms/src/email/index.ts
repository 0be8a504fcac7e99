import type { PayloadEmailAdapter } from 'payload'

import type { CmsEnv } from '../env'

import { createCapturingEmailAdapter } from './capturingEmailAdapter'
import { smtpEmailAdapter } from './smtpEmailAdapter'
import { undeliveredEmailAdapter } from './undeliveredEmailAdapter'

export { type CapturingEmailAdapter, type CapturingEmailAdapterOptions, createCapturingEmailAdapter } from './capturingEmailAdapter'
export { EMAIL_DEFAULTS } from './defaults'
export { type CapturedEmail, describeEmail, linksIn, summarizeEmail } from './describeEmail'
export { smtpEmailAdapter, type SmtpEmailAdapterOptions } from './smtpEmailAdapter'
export { undeliveredEmailAdapter } from './undeliveredEmailAdapter'

export type EmailEnv = Pick<CmsEnv, 'NODE_ENV'> & Partial<Pick<CmsEnv, 'EMAIL_FROM' | 'EMAIL_FROM_NAME' | 'SMTP_URL'>>

/**
 * The adapter the host uses when it is given none. With `SMTP_URL`, every email goes through that
 * SMTP server (in any environment). Without it, development and tests capture messages and print
 * their links to the console; production logs that mail was not delivered and never prints a link.
 */
export const defaultEmailAdapter = (env: EmailEnv): PayloadEmailAdapter | Promise<PayloadEmailAdapter> => {
  const from = { fromAddress: env.EMAIL_FROM, fromName: env.EMAIL_FROM_NAME }
  if (env.SMTP_URL) return smtpEmailAdapter({ ...from, url: env.SMTP_URL })
  return env.NODE_ENV === 'production' ? undeliveredEmailAdapter(from) : createCapturingEmailAdapter(from).adapter
}
