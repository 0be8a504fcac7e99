import type { Payload } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { WEBHOOK_QUEUE } from './constants'
import { drainTarget, dueTargets, stopDrains } from './deliver'
import { pruneWebhookRecords } from './prune'

/** A queued webhook job this old was not run by the kick after its commit. */
const LEFT_BEHIND_MS = 30_000

/** Postgres "undefined table" (42P01), anywhere in the cause chain: the migrations have not run yet. */
const notMigratedYet = (error: unknown): boolean => {
  for (let current: unknown = error; current instanceof Error || (current && typeof current === 'object'); ) {
    if (current && typeof current === 'object' && 'code' in current && current.code === '42P01') return true
    current = current && typeof current === 'object' && 'cause' in current ? current.cause : undefined
  }
  return false
}

/**
 * The safety net behind the after-commit kick, in every CMS process: every `pollIntervalMs` it runs
 * webhook jobs that are still queued (a process that died between commit and kick) and drains every
 * target with a due delivery nobody holds (retries, and deliveries whose sender crashed — their lease
 * expires). Every `pruneIntervalMs` it also trims the delivery log (`prune.ts`). Claims make it safe
 * for several processes to do this at once. Stops with `payload.destroy()`,
 * which first waits for the attempts in flight to be recorded.
 */
export const startWebhookRunner = (payload: Payload, config: SanitizedCommercePluginConfig): void => {
  let stopped = false
  let running: Promise<void> = Promise.resolve()
  // The first prune comes a minute after start-up (or sooner, with a short interval), so that instances
  // restarted more often than the interval still prune.
  let prunedAt = Date.now() - config.webhooks.pruneIntervalMs + Math.min(60_000, config.webhooks.pruneIntervalMs)
  const tick = async (): Promise<void> => {
    // Our own query first: it fails cleanly while the migrations have not run yet, whereas a failing
    // `jobs.run` leaves its transaction open in Payload 3.90 and so leaks a pooled connection.
    const targets = await dueTargets(payload, config)
    // Fresh jobs are run by the kick after their commit; only old ones were left behind by a process
    // that stopped in between. (Payload's job claim is not atomic: two runners picking the same job
    // both run it. Harmless here, because deliveries are claimed one by one, but noisy.)
    const leftBehind = new Date(Date.now() - LEFT_BEHIND_MS).toISOString()
    await payload.jobs.run({ limit: 50, queue: WEBHOOK_QUEUE, silent: true, where: { createdAt: { less_than: leftBehind } } })
    await Promise.all(targets.map((target) => drainTarget(payload, config, target)))
    if (Date.now() - prunedAt >= config.webhooks.pruneIntervalMs) {
      prunedAt = Date.now()
      const removed = await pruneWebhookRecords(payload, config)
      if (removed.deliveries + removed.jobs > 0) payload.logger.info({ msg: 'Pruned the webhook log', ...removed })
    }
  }
  const schedule = (): void => {
    if (stopped) return
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => {
          if (stopped || notMigratedYet(error)) return
          payload.logger.error({ err: error, msg: 'Webhook poller failed; it tries again' })
        })
        .finally(schedule)
    }, config.webhooks.pollIntervalMs)
    // A script that is done (seed, migrate) must not be kept alive by the poller.
    timer.unref()
  }
  let timer: NodeJS.Timeout | undefined
  schedule()

  const destroy = payload.destroy
  payload.destroy = async () => {
    stopped = true
    clearTimeout(timer)
    await running
    // Deliveries being sent (by the poller or an after-commit kick) are recorded before the pool goes.
    await stopDrains(payload)
    await destroy()
  }
}
