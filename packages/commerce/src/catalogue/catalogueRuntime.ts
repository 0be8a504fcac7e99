import { createLocalReq, type Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'

import { poolSql, tableOfCollection } from '../database'
import { LISTING_STATE } from './listing/listingTable'
import { refreshListing } from './listing/refreshListing'
import { ResponseCache } from './responseCache/responseCache'
import { retryUntil } from '../retryUntil'

/** What one Payload instance keeps for its catalogue reads. */
export type CatalogueRuntime = {
  cache: ResponseCache
  /** The plugin's settings; null before `startCatalogue` (or with the plugin disabled). */
  config: null | SanitizedCommercePluginConfig
  /** Whether the listing projection is complete, so list reads may be answered from it. */
  listingReady: () => boolean
}

const runtimes = new WeakMap<Payload, CatalogueRuntime>()

/** Until the projection is built (by this or another process), how often this one looks again. */
const READY_RECHECK_MS = 2000

/** Advisory lock key of the first build, so two replicas starting together build it once. */
const BUILD_LOCK = 7_201_204

const disabledCache = new ResponseCache({ maxBytes: 0, redisPrefix: '', ttlMs: 1 })

/** The instance's runtime; before `startCatalogue` (or with the plugin disabled): no cache, no fast path. */
export const catalogueRuntime = (payload: Payload): CatalogueRuntime =>
  runtimes.get(payload) ?? { cache: disabledCache, config: null, listingReady: () => false }

/** Whether the projection is complete; false (not an error) while its migration has not run yet. */
/** Products the first build writes between two looks at whether the process is shutting down. */
const BUILD_CHUNK = 500

const isBuilt = async (payload: Payload): Promise<boolean> => {
  const db = poolSql(payload)
  const { rows: tables } = await db.execute<{ present: boolean }>(sql`select to_regclass(${LISTING_STATE}) is not null as present`)
  if (tables[0]?.present !== true) return false
  const { rows } = await db.execute<{ built: boolean }>(sql`select exists (select 1 from ${sql.identifier(LISTING_STATE)}) as built`)
  return rows[0]?.built === true
}

const hasSchema = async (payload: Payload): Promise<boolean> => {
  const { rows } = await poolSql(payload).execute<{ present: boolean }>(sql`select to_regclass(${LISTING_STATE}) is not null as present`)
  return rows[0]?.present === true
}

/**
 * Fills the projection from every published product once (a new install, or the first start after
 * the migration), in batches outside any request; then marks it built. Products saved meanwhile have
 * already written their own rows in their transactions; the last pass re-reads those changed since
 * the build began, so a row read just before an edit is not left behind.
 */
const buildListing = async (payload: Payload, config: SanitizedCommercePluginConfig, stopped: () => boolean): Promise<void> => {
  const db = poolSql(payload)
  const products = sql.identifier(tableOfCollection(payload, config.slugs.products))
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BUILD_LOCK})`)
    const { rows: state } = await tx.execute(sql`select 1 from ${sql.identifier(LISTING_STATE)}`)
    if (state.length > 0) return
    const { rows: clock } = await tx.execute<{ now: string }>(sql`select clock_timestamp()::text as now`)
    const started = clock[0]?.now ?? new Date().toISOString()
    const { rows } = await tx.execute<{ id: number }>(sql`select id from ${products} where _status = 'published' order by id`)
    // The rows are read and written on other pooled connections (no transaction), batch by batch; this
    // transaction only holds the lock.
    const req = await createLocalReq({}, payload)
    const ids = rows.map((row) => Number(row.id))
    for (let start = 0; start < ids.length; start += BUILD_CHUNK) {
      // A shutdown stops the build between chunks (it waits for the one in flight); nothing is marked
      // built, so the next start builds again.
      if (stopped()) throw new Error('Catalogue listing build stopped by shutdown')
      await refreshListing(req, config, ids.slice(start, start + BUILD_CHUNK))
    }
    const { rows: changed } = await tx.execute<{ id: number }>(sql`select id from ${products} where updated_at >= ${started}::timestamptz`)
    await refreshListing(req, config, changed.map((row) => Number(row.id)))
    await tx.execute(sql`insert into ${sql.identifier(LISTING_STATE)} (id, built_at) values (1, now())`)
  })
}

const stops = new WeakMap<Payload, () => Promise<void>>()

/**
 * Sets up this instance's catalogue reads (from the plugin's `onInit`): the response cache (joined to
 * the replicas' Redis channel when configured) and the listing projection, built in the background
 * once its migration has run, when no process has built it yet; reads take Payload's path until then.
 */
export const startCatalogue = async (payload: Payload, config: SanitizedCommercePluginConfig): Promise<void> => {
  const options = config.catalogue
  const cache = new ResponseCache({ maxBytes: options.responseCacheMaxBytes, redisPrefix: options.redisPrefix, redisUrl: options.redisUrl, ttlMs: options.responseCacheTtlMs })
  const logError = (error: unknown) => payload.logger.error({ err: error, msg: 'Catalogue response cache: Redis error' })
  await cache.start(logError)
  let ready = false
  let stopped = false
  let building: () => Promise<void> = () => Promise.resolve()
  stops.set(payload, () => {
    stopped = true
    return building()
  })
  runtimes.set(payload, { cache, config, listingReady: () => ready })
  if (!options.listing) return
  const becomeReady = () => {
    ready = true
    // Responses cached from Payload's path meanwhile are equal, but start the listing's era clean.
    cache.invalidate(logError)
  }
  building = retryUntil(
    async () => {
      if (await isBuilt(payload)) {
        becomeReady()
        return true
      }
      if (!(await hasSchema(payload))) return false
      await buildListing(payload, config, () => stopped)
      payload.logger.info('Catalogue listing built')
      becomeReady()
      return true
    },
    READY_RECHECK_MS,
    () => stopped,
    (error) => payload.logger.error({ err: error, msg: 'Could not build the catalogue listing; list reads keep Payload’s path' }),
  )
}

/** Waits for a listing build in flight, then closes the cache's Redis connections (from the plugin's shutdown). */
export const stopCatalogue = async (payload: Payload): Promise<void> => {
  await stops.get(payload)?.()
  await runtimes.get(payload)?.cache.stop()
  runtimes.delete(payload)
}
