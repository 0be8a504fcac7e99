import pino from 'pino'

import { CmsError } from '../cms/cmsError'
import { currentRequestId } from './requestContext.server'

export type LogFields = Record<string, unknown>

/** What a log line says about an error: its message, a `CmsError`'s kind, URL and status, and its cause's message. */
export const errorFields = (error: unknown): LogFields => {
  if (!(error instanceof Error)) return { error: String(error) }
  const fields: LogFields = { error: error.message, errorName: error.name }
  if (error instanceof CmsError) Object.assign(fields, { cmsErrorKind: error.kind, cmsStatus: error.status, cmsUrl: error.url })
  if (error.cause instanceof Error) fields.cause = error.cause.message
  if (error.stack) fields.stack = error.stack
  return fields
}

export type Log = Record<'error' | 'info' | 'warn', (msg: string, fields?: LogFields) => void>

/**
 * A logger (`pino`) writing one JSON object per line to `destination` (stdout by default, where a log
 * shipper reads it): `level` (`info`, `warn`, `error`), `time` (ISO 8601), the current request's
 * `requestId`, `fields`, and `msg`. An `err` field is expanded with `errorFields`. Never pass
 * secrets, tokens or cookies.
 */
export const createLog = (destination?: pino.DestinationStream): Log => {
  const logger = pino(
    {
      // No pid or hostname: the platform that collects stdout knows which instance wrote it.
      base: undefined,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId()
        return requestId ? { requestId } : {}
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  )
  const line =
    (level: 'error' | 'info' | 'warn') =>
    (msg: string, { err, ...fields }: LogFields = {}): void =>
      logger[level](err === undefined ? fields : { ...fields, ...errorFields(err) }, msg)
  return { error: line('error'), info: line('info'), warn: line('warn') }
}

/** The storefront's logger: `log.error('CMS failed', { err })`. */
export const log = createLog()

/** When each throttled line was last written. */
const lastWritten = new Map<string, number>()

/**
 * Whether the line keyed `key` may be written now: at most once per `intervalMs` (default 10 s), so an
 * outage that fails every request logs a line now and then, not one per request (metrics count them all).
 */
export const logThrottled = (key: string, intervalMs = 10_000): boolean => {
  const now = Date.now()
  if (now - (lastWritten.get(key) ?? Number.NEGATIVE_INFINITY) < intervalMs) return false
  lastWritten.set(key, now)
  return true
}
