import { randomBytes } from 'node:crypto'

import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { InProcessReceiver, SanitizedCommercePluginConfig, WebhookTarget } from '../types'

import { poolSql, type SQL, tableOfCollection } from '../database'
import { retryDelayMs } from './backoff'
import { IN_PROCESS_TARGET, STOREFRONT_TARGET } from './constants'
import { signWebhook } from './signature'

type Claimed = { attempt_count: number | string; endpoint_id: null | number; id: number; payload: unknown; retries_from: null | number | string; webhook_id: string }

type Attempt = { at: string; durationMs: number; error: null | string; statusCode: null | number }

/**
 * Claims the oldest open delivery of `target`, if it is due and nobody holds it. One conditional
 * `UPDATE`: when two processes race for it, Postgres re-checks the lease on the row the second one
 * waited for, so exactly one gets it. Taking only the oldest keeps each receiver's events in order.
 */
const claimNext = async (payload: Payload, config: SanitizedCommercePluginConfig, target: string): Promise<Claimed | undefined> => {
  const table = sql.identifier(tableOfCollection(payload, config.slugs.webhookDeliveries))
  const leaseMs = config.webhooks.timeoutMs + config.webhooks.leaseMarginMs
  const { rows } = await poolSql(payload).execute<Claimed>(sql`
    update ${table} set lease_until = now() + ${leaseMs} * interval '1 millisecond'
    where id = (select id from ${table} where target = ${target} and status in ('pending', 'retrying') order by id limit 1)
      and next_attempt_at <= now() and (lease_until is null or lease_until < now())
    returning id, webhook_id, payload, attempt_count, retries_from, endpoint_id`)
  return rows[0]
}

/**
 * Puts deliveries back at the head of their receivers' queues, due now, with a new round of retries:
 * `where` picks them (a SQL condition on the deliveries table). Ones a sender holds right now are left
 * alone. Returns the targets that got work, to drain.
 */
export const requeueDeliveries = async (payload: Payload, config: SanitizedCommercePluginConfig, where: SQL): Promise<{ count: number; targets: string[] }> => {
  const table = sql.identifier(tableOfCollection(payload, config.slugs.webhookDeliveries))
  const { rows } = await poolSql(payload).execute<{ target: string }>(sql`
    update ${table} set status = 'pending', next_attempt_at = now(), retries_from = attempt_count, updated_at = now()
    where (${where}) and (lease_until is null or lease_until < now())
    returning target`)
  return { count: rows.length, targets: [...new Set(rows.map((row) => row.target))] }
}

/** Where the delivery goes now, or why it cannot go anywhere. */
const receiverOf = async (payload: Payload, config: SanitizedCommercePluginConfig, target: string, endpoint: null | number): Promise<InProcessReceiver | string | WebhookTarget> => {
  if (target === IN_PROCESS_TARGET) return config.webhooks.inProcess ?? 'The in-process receiver is no longer configured.'
  if (target === STOREFRONT_TARGET) return config.webhooks.storefront ?? 'The storefront webhook is no longer configured.'
  if (endpoint === null) return 'The webhook endpoint was deleted.'
  const record = await payload.findByID({ collection: config.slugs.webhookEndpoints, depth: 0, disableErrors: true, id: endpoint, overrideAccess: true })
  const { active, secret, url } = (record ?? {}) as { active?: boolean | null; secret?: null | string; url?: string }
  if (!record || !url || !secret) return 'The webhook endpoint was deleted.'
  if (!active) return 'The webhook endpoint is inactive.'
  return { secret, url }
}

const describeFailure = (error: unknown, timeoutMs: number): string => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `No answer within ${timeoutMs} ms.`
  const cause = error instanceof Error ? error.cause : undefined
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined
  const message = error instanceof Error ? error.message : String(error)
  return `Could not deliver: ${code ?? message}.`
}

/** One HTTP attempt: 2xx succeeds; any other status, a timeout or a connection error fails. */
const send = async (receiver: WebhookTarget, delivery: Claimed, timeoutMs: number): Promise<Attempt> => {
  const at = new Date()
  const body = JSON.stringify(delivery.payload)
  const headers = signWebhook({ body, id: delivery.webhook_id, secret: receiver.secret, timestamp: at })
  const started = performance.now()
  try {
    const response = await fetch(receiver.url, { body, headers, method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
    // The answer's body is not used; drain it so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined)
    const durationMs = Math.round(performance.now() - started)
    const ok = response.status >= 200 && response.status < 300
    return { at: at.toISOString(), durationMs, error: ok ? null : `The receiver answered ${response.status}.`, statusCode: response.status }
  } catch (error) {
    return { at: at.toISOString(), durationMs: Math.round(performance.now() - started), error: describeFailure(error, timeoutMs), statusCode: null }
  }
}

/** One in-process attempt: `receive` resolving succeeds; throwing (or a timeout) fails and is retried. */
const hand = async (payload: Payload, receiver: InProcessReceiver, delivery: Claimed, timeoutMs: number): Promise<Attempt> => {
  const at = new Date()
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      receiver.receive(payload, { body: delivery.payload, webhookId: delivery.webhook_id }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeoutMs)
      }),
    ])
    return { at: at.toISOString(), durationMs: Math.round(performance.now() - started), error: null, statusCode: null }
  } catch (error) {
    payload.logger.warn({ err: error, msg: `In-process receiver failed on ${delivery.webhook_id}; it will be retried` })
    return { at: at.toISOString(), durationMs: Math.round(performance.now() - started), error: describeFailure(error, timeoutMs), statusCode: null }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Writes the attempt and what follows: delivered, a retry at a backed-off time, or given up. Frees the
 * lease. One statement, not Payload's `update` (which reads the record and rewrites every attempt
 * row): each receiver's deliveries go one at a time, so this write is on the path of every later event.
 */
const record = async (payload: Payload, config: SanitizedCommercePluginConfig, delivery: Claimed, attempt: Attempt, final = false): Promise<boolean> => {
  const table = tableOfCollection(payload, config.slugs.webhookDeliveries)
  // A numeric column: pg returns it as a string.
  const attemptCount = Number(delivery.attempt_count) + 1
  // A redelivered delivery starts a new round of retries; its earlier attempts stay in the log.
  const attemptInRound = attemptCount - Number(delivery.retries_from ?? 0)
  const succeeded = attempt.error === null
  const givenUp = !succeeded && (final || attemptInRound >= config.webhooks.retry.maxAttempts)
  const nextAttemptAt = succeeded || givenUp ? null : new Date(Date.now() + retryDelayMs(attemptInRound, config.webhooks.retry)).toISOString()
  const status = succeeded ? 'succeeded' : givenUp ? 'failed' : 'retrying'
  // The attempt is appended as Payload stores array rows: the next `_order`, a 24-hex-digit row id.
  const attempts = sql.identifier(`${table}_attempts`)
  await poolSql(payload).execute(sql`
    with attempt as (
      insert into ${attempts} (_order, _parent_id, id, at, status_code, duration_ms, error)
      select coalesce(max(_order), 0) + 1, ${delivery.id}, ${randomBytes(12).toString('hex')}, ${attempt.at}, ${attempt.statusCode}, ${attempt.durationMs}, ${attempt.error}
      from ${attempts} where _parent_id = ${delivery.id}
    )
    update ${sql.identifier(table)}
    set attempt_count = ${attemptCount}, delivered_at = coalesce(${succeeded ? attempt.at : null}::timestamptz, delivered_at), lease_until = null,
      next_attempt_at = ${nextAttemptAt}, status = ${status}, updated_at = now()
    where id = ${delivery.id}`)
  config.webhooks.onAttempt(status, attempt.durationMs)
  return succeeded || givenUp
}

/** Sends the target's next due delivery. True when the queue moved on (so the next one may go). */
const sendNext = async (payload: Payload, config: SanitizedCommercePluginConfig, target: string): Promise<boolean> => {
  const delivery = await claimNext(payload, config, target)
  if (!delivery) return false
  const receiver = await receiverOf(payload, config, target, delivery.endpoint_id)
  if (typeof receiver === 'string') {
    return record(payload, config, delivery, { at: new Date().toISOString(), durationMs: 0, error: receiver, statusCode: null }, true)
  }
  const timeoutMs = config.webhooks.timeoutMs
  return record(payload, config, delivery, 'receive' in receiver ? await hand(payload, receiver, delivery, timeoutMs) : await send(receiver, delivery, timeoutMs))
}

type Drain = { again: boolean; done: Promise<void> }

/** Targets each Payload instance is draining; a request for one already running makes it look again. */
const drainingBy = new WeakMap<Payload, Map<string, Drain>>()

/** Payload instances shutting down: their drains finish the delivery in hand and claim no more. */
const stoppingDrains = new WeakSet<Payload>()

/**
 * Stops this Payload's drains from claiming further deliveries and waits for the attempts in
 * flight to be recorded (each ends within the request timeout). What is left stays due for the
 * next process's poller, unclaimed.
 */
export const stopDrains = async (payload: Payload): Promise<void> => {
  stoppingDrains.add(payload)
  await Promise.allSettled([...(drainingBy.get(payload)?.values() ?? [])].map((drain) => drain.done))
}

/**
 * Sends `target`'s due deliveries one at a time, oldest first, until one fails (it waits for its
 * retry, and the later ones wait behind it, so a receiver sees events in order) or none is due.
 * Resolves when this process has looked at everything due for the target, its own request included.
 */
export const drainTarget = (payload: Payload, config: SanitizedCommercePluginConfig, target: string): Promise<void> => {
  const draining = drainingBy.get(payload) ?? new Map<string, Drain>()
  drainingBy.set(payload, draining)
  const running = draining.get(target)
  if (running) {
    running.again = true
    return running.done
  }
  const drain: Drain = { again: true, done: Promise.resolve() }
  drain.done = (async () => {
    try {
      while (drain.again && !stoppingDrains.has(payload)) {
        drain.again = false
        while (!stoppingDrains.has(payload) && (await sendNext(payload, config, target))) {
          // The next one is due too, unless it is waiting for a retry.
        }
      }
    } finally {
      draining.delete(target)
    }
  })()
  draining.set(target, drain)
  return drain.done
}

/** Targets with a delivery that is due and not held by anyone (a retry, or work left by a crashed process). */
export const dueTargets = async (payload: Payload, config: SanitizedCommercePluginConfig): Promise<string[]> => {
  const table = sql.identifier(tableOfCollection(payload, config.slugs.webhookDeliveries))
  const { rows } = await poolSql(payload).execute<{ target: string }>(sql`
    select distinct target from ${table}
    where status in ('pending', 'retrying') and next_attempt_at <= now() and (lease_until is null or lease_until < now())`)
  return rows.map((row) => row.target)
}
