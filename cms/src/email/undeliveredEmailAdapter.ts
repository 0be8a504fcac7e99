import type { PayloadEmailAdapter } from 'payload'

import { describeEmail, summarizeEmail } from './describeEmail'
import { EMAIL_DEFAULTS } from './defaults'

export type UndeliveredEmailAdapterOptions = {
  /** @default EMAIL_DEFAULTS.fromAddress ('shop@showroom.local') */
  fromAddress?: string
  /** @default EMAIL_DEFAULTS.fromName ('Showroom') */
  fromName?: string
}

/**
 * Production without an email transport: says so loudly at start-up and logs a warning per message,
 * without its body or links (a reset link in a shared log would let anyone who reads the log take
 * over the account). Sending still succeeds, so a forgot-password request answers the same whether
 * or not the address has an account.
 */
export const undeliveredEmailAdapter = ({
  fromAddress = EMAIL_DEFAULTS.fromAddress,
  fromName = EMAIL_DEFAULTS.fromName,
}: UndeliveredEmailAdapterOptions = {}): PayloadEmailAdapter<void> => ({ payload }) => {
  payload.logger.warn('No email transport is configured: password reset emails are not delivered.')
  return {
    name: 'showroom-undelivered',
    defaultFromAddress: fromAddress,
    defaultFromName: fromName,
    sendEmail: (message) => {
      payload.logger.warn(`${summarizeEmail(describeEmail(message), { withLinks: false })}: not delivered, no email transport configured`)
      return Promise.resolve()
    },
  }
}
