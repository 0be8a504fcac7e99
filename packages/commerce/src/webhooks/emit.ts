import { randomUUID } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import type { WebhookEventDataMap, WebhookEventType } from './events/types'

import type { SanitizedCommercePluginConfig } from '../types'
import { coalesced } from '../bulk/createTogether'

import { deferredCatalogueWork } from '../catalogue/deferredCatalogueWork'
import { type SQL, tableOf, transactionSql } from '../database'
import { perTransaction } from './afterCommit'
import { ENDPOINT_TARGET_PREFIX, endpointTarget, IN_PROCESS_TARGET, STOREFRONT_TARGET, WEBHOOK_QUEUE } from './constants'
import { drainTarget } from './deliver'
import { queueDeliveryJob } from './jobs'

/** What a hook knows about an event; the sequence is drawn here, inside the transaction. */
export type EventData<T extends WebhookEventType> = Omit<WebhookEventDataMap[T], 'sequence'>

type Receiver = { endpoint: null | number; target: string }

/** Jobs this transaction queued, run as soon as it commits. */
type Queued = { jobs: Array<number | string>; targets: Set<string> }

const QUEUED = Symbol('webhooks queued in this transaction')

/**
 * Sends to `targets` now (after the commit that made their deliveries visible), and runs the given
 * jobs, without waiting for the poller. The send starts straight away rather than from inside the
 * job: Payload's job runner reads and updates the job rows first, a few queries that every change
 * would otherwise wait for before its webhook leaves (save-to-visible on the storefront). The job
 * still runs, joins that send (`drainTarget` runs once per target and process) and completes as before.
 */
const kick = (payload: Payload, config: SanitizedCommercePluginConfig, targets: Iterable<string>, jobs: Array<number | string>): void => {
  if (jobs.length === 0) return
  for (const target of targets) {
    drainTarget(payload, config, target).catch((error: unknown) => payload.logger.error({ err: error, msg: `Could not send webhooks to ${target}; the poller will retry` }))
  }
  const run = payload.jobs
    .run({ limit: jobs.length, queue: WEBHOOK_QUEUE, silent: true, where: { id: { in: jobs } } })
    .catch((error: unknown) => payload.logger.error({ err: error, msg: 'Could not start webhook deliveries; the poller will retry' }))
  const runs = kickedRuns.get(payload) ?? new Set<Promise<unknown>>()
  kickedRuns.set(payload, runs)
  runs.add(run)
  void run.finally(() => runs.delete(run))
}

/** The job runs `kick` started and nobody awaits, per Payload instance. */
const kickedRuns = new WeakMap<Payload, Set<Promise<unknown>>>()

/**
 * Waits for the job runs `kick` started (from `payload.destroy()`): a run still writing its job rows
 * holds a pooled connection, which must not be cut off by the pool closing or the database going.
 */
export const settleKickedJobs = async (payload: Payload): Promise<void> => {
  await Promise.allSettled([...(kickedRuns.get(payload) ?? [])])
}

type ActiveEndpoint = { events: string[]; id: number }

const ENDPOINTS = 'webhooks:activeEndpoints'

/**
 * The active endpoints and the events each filters on (none: every event), read once per request, or
 * once per batch of a bulk writer's saves (`deferCatalogueWork`).
 */
const activeEndpoints = async (req: PayloadRequest, config: SanitizedCommercePluginConfig): Promise<ActiveEndpoint[]> => {
  const batch = deferredCatalogueWork(req)?.batchLookups
  // The lookup itself is shared (not only its result), so saves of a batch that run side by side ask once.
  const known = (req.context[ENDPOINTS] ?? batch?.get(ENDPOINTS)) as Promise<ActiveEndpoint[]> | undefined
  if (known) return known
  const lookup = (async () => {
    const db = await transactionSql(req)
    const endpoints = tableOf(req, config.slugs.webhookEndpoints)
    const { rows } = await db.execute<{ events: null | string[]; id: number }>(sql`
      select e.id, array_remove(array_agg(f.value::text), null) as events
      from ${sql.identifier(endpoints)} e left join ${sql.identifier(`${endpoints}_events`)} f on f.parent_id = e.id
      where e.active group by e.id order by e.id`)
    return rows.map((row) => ({ events: row.events ?? [], id: Number(row.id) }))
  })()
  req.context[ENDPOINTS] = lookup
  batch?.set(ENDPOINTS, lookup)
  try {
    return await lookup
  } catch (error) {
    // A failed lookup is not kept: the next save asks again.
    if (req.context[ENDPOINTS] === lookup) delete req.context[ENDPOINTS]
    if (batch?.get(ENDPOINTS) === lookup) batch.delete(ENDPOINTS)
    throw error
  }
}

/**
 * The storefront (every event) and each active endpoint whose filter is empty or names `type`. The
 * endpoints are read once per request: checkout asks before it takes the stock, so no lookup runs
 * while the stock rows are locked.
 */
export const receiversOf = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, type: WebhookEventType): Promise<Receiver[]> => [
  ...(config.webhooks.storefront ? [{ endpoint: null, target: STOREFRONT_TARGET }] : []),
  ...(config.webhooks.inProcess?.events.includes(type) ? [{ endpoint: null, target: IN_PROCESS_TARGET }] : []),
  ...(await activeEndpoints(req, config))
    .filter((endpoint) => endpoint.events.length === 0 || endpoint.events.includes(type))
    .map((endpoint) => ({ endpoint: endpoint.id, target: endpointTarget(endpoint.id) })),
]

/**
 * The receivers of `type` as rows (`target, endpoint`), read inside the statement that records the
 * event: the storefront (every event) and each active endpoint whose filter is empty or names `type`,
 * as `receiversOf` reads them, without a round trip of their own.
 */
const receiversSql = (req: PayloadRequest, config: SanitizedCommercePluginConfig, type: WebhookEventType): SQL => {
  const endpoints = tableOf(req, config.slugs.webhookEndpoints)
  const events = sql.identifier(`${endpoints}_events`)
  const storefront = config.webhooks.storefront ? sql`select ${STOREFRONT_TARGET}::varchar as target, null::integer as endpoint union all ` : sql``
  const inProcess = config.webhooks.inProcess?.events.includes(type) ? sql`select ${IN_PROCESS_TARGET}::varchar, null::integer union all ` : sql``
  return sql`${storefront}${inProcess}select ${ENDPOINT_TARGET_PREFIX}::varchar || e.id, e.id from ${sql.identifier(endpoints)} e
    where e.active and (not exists (select 1 from ${events} f where f.parent_id = e.id)
      or exists (select 1 from ${events} f where f.parent_id = e.id and f.value::text = ${type}))`
}

/**
 * The insert, as the body of a data-modifying CTE inside a bigger statement, that records one `type`
 * event per row of `source` (columns `resource text, data jsonb`, the event's data without its
 * sequence) for each of its receivers, returning each delivery's `target`: for a change that must be
 * one statement (checkout's reserve, `insertOrder.ts`). Each event draws its sequence and id as its row
 * is built, so when `source` reads rows the statement has just locked and changed, a later change to
 * the same resource (which waits for those locks) draws a higher sequence, as with `emitWebhookEvent`.
 * Once the statement has committed, `deliverSoon` starts sending to the targets it returned.
 */
export const eventDeliveriesSql = (req: PayloadRequest, config: SanitizedCommercePluginConfig, type: WebhookEventType, source: SQL): SQL => {
  if (config.disabled) return sql`select null::varchar as target where false`
  const table = tableOf(req, config.slugs.webhookDeliveries)
  return sql`
    insert into ${sql.identifier(table)} (event_type, webhook_id, resource, sequence, target, endpoint_id, payload, status, next_attempt_at)
    select ${type}, e.webhook_id, e.resource, e.sequence, r.target, r.endpoint,
      jsonb_build_object('data', e.data || jsonb_build_object('sequence', e.sequence), 'timestamp',
        to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'type', ${type}::text), 'pending', now()
    from (
      select nextval(pg_get_serial_sequence(${table}, 'id')) as sequence, 'msg_' || replace(gen_random_uuid()::text, '-', '') as webhook_id, s.resource, s.data
      from (${source}) s
    ) e cross join (${receiversSql(req, config, type)}) r (target, endpoint)
    returning target`
}

/**
 * Queues and starts the sending of what a committed statement recorded for `targets` (see
 * `eventDeliveriesSql`). If this process dies first, the poller sends them (`runner.ts`).
 */
export const deliverSoon = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, targets: string[]): Promise<void> => {
  const unique = [...new Set(targets)]
  if (unique.length === 0) return
  kick(req.payload, config, unique, await Promise.all(unique.map((target) => queueDeliveryJob(req, target))))
}

/**
 * Records an event for every receiver subscribed to it, in the request's transaction: the deliveries
 * and the job that sends them exist only if the change commits. The sequence is drawn here, after the
 * change has locked the rows it touched, so a later commit touching the same resource (which waits for
 * those locks) draws a higher one.
 * Sending starts right after the commit (see `afterCommit.ts`).
 */
export const emitWebhookEvent = async <T extends WebhookEventType>(
  req: PayloadRequest,
  config: SanitizedCommercePluginConfig,
  type: T,
  data: EventData<T>,
): Promise<void> => {
  if (config.disabled) return
  // Saves created together (a product import) record their events of one type in one statement.
  await coalesced(req, `webhooks:emit:${type}`, data, async (all) => {
    await recordEvents(req, config, type, all)
    return all.map(() => undefined)
  })
}

/** `emitWebhookEvent` for several events of one type, in the order given (their sequences ascend in it). */
const recordEvents = async <T extends WebhookEventType>(req: PayloadRequest, config: SanitizedCommercePluginConfig, type: T, all: Array<EventData<T>>): Promise<void> => {
  const receivers = await receiversOf(req, config, type)
  if (receivers.length === 0 || all.length === 0) return
  const db = await transactionSql(req)
  const table = tableOf(req, config.slugs.webhookDeliveries)
  // The deliveries' own id sequence (Payload's schema owns it, so no extra migration step that a
  // regenerated migration could lose): ids and event sequences come from one counter that only grows.
  const { rows } = await db.execute<{ sequence: string }>(
    sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::text as sequence from generate_series(1, ${all.length})`,
  )
  const sequences = rows.map((row) => Number(row.sequence)).sort((a, b) => a - b)
  const values = all.flatMap((data, index) => {
    const sequence = sequences[index]
    // The body of every delivery (`WebhookEvent<T>` in events/types.ts).
    const event: Record<string, unknown> = { data: { ...data, sequence }, timestamp: new Date().toISOString(), type }
    // One id per event: each receiver dedupes on it, and a redelivery sends it again unchanged.
    const webhookId = `msg_${randomUUID().replaceAll('-', '')}`
    return receivers.map(
      (receiver) =>
        sql`(${type}, ${webhookId}, ${data.resource}, ${sequence}, ${receiver.target}, ${receiver.endpoint}, ${JSON.stringify(event)}::jsonb, 'pending', now())`,
    )
  })
  // One statement for all receivers: this runs while the change's row locks are held (checkout's stock).
  await db.execute(sql`
    insert into ${sql.identifier(table)} (event_type, webhook_id, resource, sequence, target, endpoint_id, payload, status, next_attempt_at)
    values ${sql.join(values, sql`, `)}`)

  const queued = await perTransaction<Queued>(req, QUEUED, () => ({ jobs: [], targets: new Set() }), (state) => kick(req.payload, config, state.targets, state.jobs))
  const jobs: Array<number | string> = []
  for (const { target } of receivers) {
    if (queued?.targets.has(target)) continue
    queued?.targets.add(target)
    jobs.push(await queueDeliveryJob(req, target))
  }
  if (queued) queued.jobs.push(...jobs)
  else kick(req.payload, config, new Set(receivers.map(({ target }) => target)), jobs)
}

