import { buildShowroomConfig } from './buildShowroomConfig'
import { readEnv } from './env'

const env = readEnv()

export default buildShowroomConfig({
  ...env,
  unpaidOrders: { holdMinutes: env.UNPAID_ORDER_HOLD_MINUTES, sweepIntervalMs: env.UNPAID_ORDER_SWEEP_INTERVAL_MS },
  webhooks: {
    leaseMarginMs: env.WEBHOOK_LEASE_MARGIN_MS,
    pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
    retentionDays: env.WEBHOOK_RETENTION_DAYS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
  },
})
