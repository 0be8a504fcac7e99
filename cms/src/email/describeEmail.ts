import type { SendEmailOptions } from 'payload'

import { decodeHTMLAttribute } from 'entities'

/** A sent message as a developer or a test needs to see it: plain strings only. */
export type CapturedEmail = {
  from: string
  html: string
  /** Every http(s) link in the message, in order of first appearance, HTML entities decoded. */
  links: string[]
  sentAt: Date
  subject: string
  text: string
  /** Recipients' addresses (`to` only: Payload's own emails never use cc or bcc). */
  to: string[]
}

type AddressLike = { address?: unknown; name?: unknown }

const addressOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value
  if (value !== null && typeof value === 'object') {
    const { address } = value as AddressLike
    if (typeof address === 'string') return address
  }
  return undefined
}

/** `to` may be a string (possibly comma-separated), an address object, or an array of either. */
const addressesOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value])
    .map(addressOf)
    .filter((address): address is string => address !== undefined)
    .flatMap((address) => address.split(','))
    .map((address) => address.trim())
    .filter(Boolean)

const fromOf = (value: unknown): string => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { address, name } = value as AddressLike
    if (typeof address === 'string') return typeof name === 'string' && name ? `"${name}" <${address}>` : address
  }
  return addressesOf(value).join(', ')
}

/** Nodemailer accepts Buffers and streams for bodies; Payload's own emails only send strings. */
const bodyOf = (value: unknown): string => (typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : '')

const LINK = /https?:\/\/[^\s"'<>]+/g

/** The http(s) links in a body, without duplicates. In HTML, `&amp;` inside an href is decoded. */
export const linksIn = (...bodies: string[]): string[] => [
  ...new Set(bodies.flatMap((body) => [...body.matchAll(LINK)].map(([link]) => decodeHTMLAttribute(link)))),
]

/** Reads the parts of Payload's `SendEmailOptions` that a log line or a test looks at. */
export const describeEmail = (message: SendEmailOptions, sentAt: Date = new Date()): CapturedEmail => {
  const html = bodyOf(message.html)
  const text = bodyOf(message.text)
  return {
    from: fromOf(message.from),
    html,
    links: linksIn(text, html),
    sentAt,
    subject: typeof message.subject === 'string' ? message.subject : '',
    text,
    to: addressesOf(message.to),
  }
}

/**
 * One log line: recipients and subject, then the links when `withLinks` is set. Links in a password
 * reset email are credentials: print them only where the log is the developer's own console.
 */
export const summarizeEmail = (email: CapturedEmail, { withLinks }: { withLinks: boolean }): string => {
  const head = `Email to ${email.to.join(', ') || '(nobody)'}: "${email.subject}"`
  return withLinks && email.links.length > 0 ? `${head} ${email.links.join(' ')}` : head
}
