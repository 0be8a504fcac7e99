import type { Payload } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { beforeDestroy } from '../beforeDestroy'
import { sweepUnpaidOrders } from './sweepUnpaidOrders'

/**
 * Every `unpaidOrders.sweepIntervalMs`, in every CMS process (the plugin starts it in `onInit`: the
 * Next server, `next start`, `scripts/serveApi.ts`), cancels the pending orders past their payment
 * due time (`sweepUnpaidOrders`; claims make it safe for several processes at once). A failed sweep is
 * logged and the next one tries again. Stops with `payload.destroy()`, after the sweep in progress.
 */
export const startUnpaidOrderSweeper = (payload: Payload, config: SanitizedCommercePluginConfig): void => {
  let stopped = false
  let running: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  const schedule = (): void => {
    if (stopped) return
    timer = setTimeout(() => {
      running = sweepUnpaidOrders(payload, config)
        .then(() => undefined)
        .catch((error: unknown) => {
          if (!stopped) payload.logger.error({ err: error, msg: 'Unpaid order sweep failed; the next one tries again' })
        })
        .finally(schedule)
    }, config.unpaidOrders.sweepIntervalMs)
    // A script that is done (seed, migrate) must not be kept alive by the sweeper.
    timer.unref()
  }
  schedule()

  beforeDestroy(payload, async () => {
    stopped = true
    clearTimeout(timer)
    await running
  })
}
