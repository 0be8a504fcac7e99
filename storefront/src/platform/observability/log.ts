import { CmsError } from '../cms/cmsError'
import { currentRequestId } from './requestContext.server'

export type LogLevel = 'error' | 'info' | 'warn'
export type LogFields = Record<string, unknown>

/** Where lines go; stdout in the server (a log shipper reads it), replaceable in tests. */
let write = (line: string): void => void process.stdout.write(`${line}\n`)

/** Sends log lines to `writer` instead of stdout (tests). */
export const setLogWriter = (writer: (line: string) => void): void => {
  write = writer
}

/** What a log line says about an error: its message, a `CmsError`'s kind, URL and status, and its cause's message. */
export const errorFields = (error: unknown): LogFields => {
  if (!(error instanceof Error)) return { error: String(error) }
  const fields: LogFields = { error: error.message, errorName: error.name }
  if (error instanceof CmsError) Object.assign(fields, { cmsErrorKind: error.kind, cmsStatus: error.status, cmsUrl: error.url })
  if (error.cause instanceof Error) fields.cause = error.cause.message
  if (error.stack) fields.stack = error.stack
  return fields
}

/**
 * One JSON object per line: `level`, `time`, `msg`, the current request's `requestId`, then `fields`
 * (an `err` field is expanded with `errorFields`). Never pass secrets, tokens or cookies.
 */
export const logLine = (level: LogLevel, msg: string, { err, ...fields }: LogFields = {}): void => {
  const requestId = currentRequestId()
  const line = { level, time: new Date().toISOString(), msg, ...(requestId ? { requestId } : {}), ...fields, ...(err === undefined ? {} : errorFields(err)) }
  write(JSON.stringify(line))
}

/** The storefront's logger: `log.error('CMS failed', { err })`. */
export const log = {
  error: (msg: string, fields?: LogFields): void => logLine('error', msg, fields),
  info: (msg: string, fields?: LogFields): void => logLine('info', msg, fields),
  warn: (msg: string, fields?: LogFields): void => logLine('warn', msg, fields),
}

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
