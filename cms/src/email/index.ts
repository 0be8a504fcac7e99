import type { PayloadEmailAdapter } from 'payload'

import type { CmsEnv } from '../env'

import { createCapturingEmailAdapter } from './capturingEmailAdapter'
import { undeliveredEmailAdapter } from './undeliveredEmailAdapter'

export { type CapturingEmailAdapter, type CapturingEmailAdapterOptions, createCapturingEmailAdapter } from './capturingEmailAdapter'
export { EMAIL_DEFAULTS } from './defaults'
export { type CapturedEmail, describeEmail, linksIn, summarizeEmail } from './describeEmail'
export { undeliveredEmailAdapter } from './undeliveredEmailAdapter'

export type EmailEnv = Pick<CmsEnv, 'NODE_ENV'> & Partial<Pick<CmsEnv, 'EMAIL_FROM' | 'EMAIL_FROM_NAME'>>

/**
 * The adapter the host uses when it is given none. Development and tests capture messages and print
 * their links to the console; production, until a real transport (SMTP) is wired in, logs that mail
 * was not delivered and never prints a link.
 */
export const defaultEmailAdapter = (env: EmailEnv): PayloadEmailAdapter => {
  const from = { fromAddress: env.EMAIL_FROM, fromName: env.EMAIL_FROM_NAME }
  return env.NODE_ENV === 'production' ? undeliveredEmailAdapter(from) : createCapturingEmailAdapter(from).adapter
}
