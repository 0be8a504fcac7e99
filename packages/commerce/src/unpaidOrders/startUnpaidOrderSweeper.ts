import type { Payload } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { repeatUntilDestroyed } from '../repeatUntilDestroyed'
import { sweepUnpaidOrders } from './sweepUnpaidOrders'

/**
 * Every `unpaidOrders.sweepIntervalMs`, in every CMS process (the plugin starts it in `onInit`: the
 * Next server, `next start`, `scripts/serveApi.ts`), cancels the pending orders past their payment
 * due time (`sweepUnpaidOrders`; claims make it safe for several processes at once). A failed sweep is
 * logged and the next one tries again. Stops with `payload.destroy()`, after the sweep in progress.
 */
export const startUnpaidOrderSweeper = (payload: Payload, config: SanitizedCommercePluginConfig): void =>
  repeatUntilDestroyed(payload, {
    everyMs: config.unpaidOrders.sweepIntervalMs,
    onError: (error) => payload.logger.error({ err: error, msg: 'Unpaid order sweep failed; the next one tries again' }),
    run: () => sweepUnpaidOrders(payload, config),
  })
