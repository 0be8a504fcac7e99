import { randomUUID } from 'node:crypto'

/** What an incoming `x-request-id` may look like to be kept: short, and nothing that could forge a log line. */
const ACCEPTED_REQUEST_ID = /^[\w.-]{1,100}$/

/**
 * The id of one request: the caller's `x-request-id` when it is 1–100 characters of letters, digits,
 * `_`, `.` and `-` (a proxy or the CMS's caller already named it), otherwise a new UUID.
 */
export const requestIdFrom = (header: null | string | undefined): string =>
  header !== null && header !== undefined && ACCEPTED_REQUEST_ID.test(header) ? header : randomUUID()
