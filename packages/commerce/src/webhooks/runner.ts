import type { Payload } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { foldExitedBackendCounters } from '../catalogue/search/catalogueVersion'
import { PAYMENT_QUEUE, paymentsCanBeCancelled } from '../checkout/cancelAbandonedPayment'
import { postgresCodeOf } from '../database'
import { repeatUntilDestroyed } from '../repeatUntilDestroyed'
import { WEBHOOK_QUEUE } from './constants'
import { drainTarget, dueTargets, stopDrains } from './deliver'
import { settleKickedJobs } from './emit'
import { missingWebhookTables } from './missingTables'
import { pruneWebhookRecords } from './prune'

/** A queued webhook job this old was not run by the kick after its commit. */
const LEFT_BEHIND_MS = 30_000

/**
 * The safety net behind the after-commit kick, in every CMS process: every `pollIntervalMs` it runs
 * webhook jobs that are still queued (a process that died between commit and kick) and drains every
 * target with a due delivery nobody holds (retries, and deliveries whose sender crashed — their lease
 * expires). Every `pruneIntervalMs` it also trims the delivery log (`prune.ts`) and folds the catalogue version's
 * counter rows of exited database backends (`catalogueVersion.ts`). Claims make it safe
 * for several processes to do this at once. Stops with `payload.destroy()`,
 * which first waits for the attempts in flight to be recorded.
 *
 * It starts polling only once the schema is in place (`webhooks.pendingSchema`): a CMS may start
 * before its migrations have run (`serveApi --migrate` migrates after Payload's init; a rolling deploy
 * may start the new code before `payload migrate`). Until then it waits, and says so once. From then on
 * every failure, a missing table included, is logged at error level and reported to `onPollerError`.
 */
export const startWebhookRunner = (payload: Payload, config: SanitizedCommercePluginConfig): void => {
  // The first prune comes a minute after start-up (or sooner, with a short interval), so that instances
  // restarted more often than the interval still prune.
  let prunedAt = Date.now() - config.webhooks.pruneIntervalMs + Math.min(60_000, config.webhooks.pruneIntervalMs)
  const pendingSchema = config.webhooks.pendingSchema ?? ((instance: Payload) => missingWebhookTables(instance, config))
  let schemaReady = false
  let toldWaiting = false
  /** Whether the poller may run: true once nothing is pending (and from then on, without asking again). */
  const ready = async (): Promise<boolean> => {
    if (schemaReady) return true
    const pending = await pendingSchema(payload)
    if (pending.length > 0) {
      if (!toldWaiting) payload.logger.info({ msg: 'Webhook poller waits for the database schema (migrations not applied yet)', pending })
      toldWaiting = true
      return false
    }
    schemaReady = true
    if (toldWaiting) payload.logger.info({ msg: 'Webhook poller started: the database schema is in place' })
    return true
  }
  const tick = async (): Promise<void> => {
    if (!(await ready())) return
    // Our own query first: it fails cleanly if a table is missing after all, whereas a failing
    // `jobs.run` leaves its transaction open in Payload 3.90 and so leaks a pooled connection.
    const targets = await dueTargets(payload, config)
    // Fresh jobs are run by the kick after their commit; only old ones were left behind by a process
    // that stopped in between. (Payload's job claim is not atomic: two runners picking the same job
    // both run it. Harmless here, because deliveries are claimed one by one, but noisy.)
    const leftBehind = new Date(Date.now() - LEFT_BEHIND_MS).toISOString()
    await payload.jobs.run({ limit: 50, queue: WEBHOOK_QUEUE, silent: true, where: { createdAt: { less_than: leftBehind } } })
    // Payment cancels are few: their retries (and any a stopped process left) run here too. Without an
    // adapter that cancels, there are none, and the queue is not asked every tick.
    if (paymentsCanBeCancelled(config)) await payload.jobs.run({ limit: 20, queue: PAYMENT_QUEUE, silent: true, where: { createdAt: { less_than: leftBehind } } })
    await Promise.all(targets.map((target) => drainTarget(payload, config, target)))
    if (Date.now() - prunedAt >= config.webhooks.pruneIntervalMs) {
      prunedAt = Date.now()
      const removed = await pruneWebhookRecords(payload, config)
      if (removed.deliveries + removed.jobs > 0) payload.logger.info({ msg: 'Pruned the webhook log', ...removed })
      // The plugin's one periodic housekeeping tick: the search's change counters shrink here too.
      await foldExitedBackendCounters(payload)
    }
  }
  repeatUntilDestroyed(payload, {
    everyMs: config.webhooks.pollIntervalMs,
    onError: (error) => {
      config.webhooks.onPollerError(error)
      payload.logger.error({
        err: error,
        msg: `Webhook poller failed; it tries again in ${config.webhooks.pollIntervalMs} ms`,
        postgresCode: postgresCodeOf(error),
        schemaReady,
      })
    },
    run: tick,
    stop: async () => {
      // Deliveries being sent (by the poller or an after-commit kick) are recorded before the pool goes.
      await stopDrains(payload)
      // Job runs an after-commit kick started are finished too (they write their job rows).
      await settleKickedJobs(payload)
    },
  })
}
