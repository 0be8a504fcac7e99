import { buildShowroomConfig } from './buildShowroomConfig'
import { readEnv } from './env'

const env = readEnv()

export default buildShowroomConfig({
  ...env,
  webhooks: {
    leaseMarginMs: env.WEBHOOK_LEASE_MARGIN_MS,
    pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
    retentionDays: env.WEBHOOK_RETENTION_DAYS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
  },
})
