import type { PayloadEmailAdapter } from 'payload'

import { type CapturedEmail, describeEmail, summarizeEmail } from './describeEmail'
import { EMAIL_DEFAULTS } from './defaults'

export type CapturingEmailAdapterOptions = {
  /** @default EMAIL_DEFAULTS.fromAddress ('shop@showroom.local') */
  fromAddress?: string
  /** @default EMAIL_DEFAULTS.fromName ('Showroom') */
  fromName?: string
  /**
   * How many messages `messages` holds; older ones are dropped, so a long `pnpm dev` session does
   * not grow without bound.
   * @default 100
   */
  keep?: number
  /**
   * Prints one line per message (recipients, subject and every link) to Payload's logger, so a
   * developer finds the reset link in the `pnpm dev` console. Tests turn it off to keep output quiet.
   * @default true
   */
  log?: boolean
}

export type CapturingEmailAdapter = {
  adapter: PayloadEmailAdapter<CapturedEmail>
  /** The messages sent so far, oldest first. The same array for the adapter's whole life. */
  messages: CapturedEmail[]
}

/**
 * An email adapter for development and tests: nothing leaves the machine. Each message is kept in
 * memory (for tests to read) and, unless `log` is off, summarised in the log with its links.
 */
export const createCapturingEmailAdapter = ({
  fromAddress = EMAIL_DEFAULTS.fromAddress,
  fromName = EMAIL_DEFAULTS.fromName,
  keep = 100,
  log = true,
}: CapturingEmailAdapterOptions = {}): CapturingEmailAdapter => {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`createCapturingEmailAdapter: keep must be a positive integer, got ${keep}`)
  const messages: CapturedEmail[] = []
  const adapter: PayloadEmailAdapter<CapturedEmail> = ({ payload }) => ({
    name: 'showroom-capture',
    defaultFromAddress: fromAddress,
    defaultFromName: fromName,
    sendEmail: (message) => {
      const email = describeEmail(message)
      messages.push(email)
      if (messages.length > keep) messages.splice(0, messages.length - keep)
      if (log) payload.logger.info(summarizeEmail(email, { withLinks: true }))
      return Promise.resolve(email)
    },
  })
  return { adapter, messages }
}
