import type { Payload } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { postgresCodeOf } from '../database'
import { retryUntil } from '../retryUntil'

/** The name of the zone a shop without zones starts with. */
export const DEFAULT_ZONE_NAME = 'Everywhere'

/**
 * A shop with no shipping zone gets one on start-up: "Everywhere", covering every country, with the
 * plugin config's `shippingMethods` and their price per currency, so a shop that set its methods in
 * code keeps shipping after the upgrade. Staff edit or replace it in the admin; the config is not read
 * again once a zone exists. Two processes starting at once: the zone's unique name lets one win.
 * Returns false when the database is not migrated yet (nothing written), true once a zone exists.
 */
export const seedDefaultZone = async (payload: Payload, config: SanitizedCommercePluginConfig): Promise<boolean> => {
  try {
    const { totalDocs } = await payload.count({ collection: config.slugs.shippingZones, overrideAccess: true })
    if (totalDocs > 0) return true
    await payload.create({
      collection: config.slugs.shippingZones,
      data: {
        countries: [],
        everywhereElse: true,
        methods: config.shippingMethods.map((method) => ({
          code: method.id,
          freeFrom: [],
          label: method.label,
          rates: Object.entries(method.prices).map(([currency, amount]) => ({ amount, currency })),
        })),
        name: DEFAULT_ZONE_NAME,
      } as never,
      overrideAccess: true,
    })
    return true
  } catch (error) {
    // Not migrated yet: `startDefaultZoneSeeding` looks again.
    if (postgresCodeOf(error) === '42P01') return false
    // Another process seeded it first.
    const { totalDocs } = await payload.count({ collection: config.slugs.shippingZones, overrideAccess: true })
    if (totalDocs > 0) return true
    throw new Error('seedDefaultZone: could not create the default shipping zone', { cause: error })
  }
}

/** While the database has no shipping-zones table yet, how often the start-up seeding looks again. */
const SEED_RECHECK_MS = 2000

/**
 * Seeds the default zone from the plugin's `onInit`, and resolves once the first attempt is over, so an
 * instance whose database is migrated serves no request before the zone exists. An instance that
 * migrates after Payload started (`serveApi --migrate`, as docker-compose's replicas do) finds no table
 * at first: it looks again every 2 s until the migration has run. Returns what stops it and waits for
 * an attempt in flight (for shutdown).
 */
export const startDefaultZoneSeeding = async (payload: Payload, config: SanitizedCommercePluginConfig): Promise<() => Promise<void>> => {
  let stopped = false
  const inFlight = retryUntil(
    () => seedDefaultZone(payload, config),
    SEED_RECHECK_MS,
    () => stopped,
    (error) => payload.logger.error({ err: error, msg: 'Could not create the default shipping zone; trying again' }),
  )
  await inFlight()
  return () => {
    stopped = true
    return inFlight()
  }
}
