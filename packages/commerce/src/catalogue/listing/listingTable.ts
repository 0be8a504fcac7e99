import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../database'

/** The listing projection (created by the `catalogue_listing` migration; see docs/catalogue.md). */
export const LISTING = 'catalogue_listing'

/** One row once the projection holds every published product; until then reads take Payload's path. */
export const LISTING_STATE = 'catalogue_listing_state'

/**
 * The live stock of product `id` as one string: its own stock, then each variant's in order. Checkouts
 * move stock in these rows without a product save; a listing row whose stored signature differs from
 * this one has its stock values replaced at read time.
 */
export const liveStockSignature = (products: string, id: SQL): SQL => sql`(
  select coalesce(sig_p.stock::text, '') || '|' || coalesce((select string_agg(coalesce(sig_v.stock::text, ''), ',' order by sig_v._order)
    from ${sql.identifier(`${products}_variants`)} sig_v where sig_v._parent_id = sig_p.id), '')
  from ${sql.identifier(products)} sig_p where sig_p.id = ${id})`
