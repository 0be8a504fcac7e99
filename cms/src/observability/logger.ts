import { defaultLoggerOptions, type PayloadLogger } from 'payload'
import { type LevelWithSilent, pino } from 'pino'

/**
 * The CMS's one pino logger, given to Payload as its `logger` and to the parts that log before or
 * beside Payload (the database pool, the API server's request log). In production: JSON lines, one
 * object per event with `service: 'showroom-cms'`, for a log collector, in the storefront's shape (`level`
 * as a word, `time` in ISO 8601), so one collector rule reads both apps. Elsewhere: Payload's own
 * readable default. `DISABLE_LOGGING=true` silences it, as it does Payload's.
 */
export const createCmsLogger = ({ level = 'info', production }: { level?: LevelWithSilent; production: boolean }): PayloadLogger =>
  production
    ? pino({
        base: { service: 'showroom-cms' },
        enabled: process.env.DISABLE_LOGGING !== 'true',
        formatters: { level: (label) => ({ level: label }) },
        level,
        name: 'payload',
        timestamp: pino.stdTimeFunctions.isoTime,
      })
    : pino(defaultLoggerOptions)
