import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'
import type { ZoneMethod } from './shippingZones'
import { type DestinationTax, STANDARD_TAX_CLASS, type TaxRate } from './taxRate'

import { poolSql, tableOf } from '../database'
import { STORE_SETTINGS_SLUG } from '../collections/storeSettings'
import { type StoreSettings, storeSettingsOf } from './storeSettings'
import { catalogueLocales, localizedColumnSql } from '../localization/catalogueLocales'

type Row = {
  automatic: boolean | null
  methods: ZoneMethod[] | null
  settings: { currencies: null | string[]; defaultCurrency: null | string; pricesIncludeTax: boolean | null; taxShipping: boolean | null } | null
  /** The destination's rates, region-specific ones first. */
  tax: Array<{ rate: number | string } & Omit<TaxRate, 'rate'>> | null
  zone: null | number
}

/** What checkout needs to price an order to a destination, besides the catalogue. */
export type PricingData = { automaticPromotions: boolean; methods: ZoneMethod[] | undefined; settings: StoreSettings; tax: DestinationTax }

/**
 * The store settings, the shipping methods of the zone that ships to `country` (the zone listing it,
 * else the one covering everywhere else; undefined when none does) and the destination's tax rates per
 * tax class (each its region's, compared ignoring case and spaces, else its country's) and whether an automatic
 * promotion is on (so checkout without a code skips promotions), in ONE query on the pool:
 * checkout runs this per order, where three Payload reads cost more CPU than the order's own statement.
 * The same rules as `readStoreSettings` and `zoneFor`, which checkout options use.
 */
export const readPricingData = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, country: string, region?: string): Promise<PricingData> => {
  const settings = tableOf(req, STORE_SETTINGS_SLUG)
  const zones = tableOf(req, config.slugs.shippingZones)
  const taxRates = sql.identifier(tableOf(req, config.slugs.taxRates))
  const promotions = sql.identifier(tableOf(req, config.slugs.promotions))
  const [s, currencies, z, texts, methods, rates, free] = [
    settings,
    `${settings}_currencies`,
    zones,
    `${zones}_texts`,
    `${zones}_methods`,
    `${zones}_methods_rates`,
    `${zones}_methods_free_from`,
  ].map((name) => sql.identifier(name))
  // The label in the default locale (orders and their messages name the method in it).
  const label = localizedColumnSql(req.payload, `${zones}_methods`, 'label', sql`m.id`, catalogueLocales(req.payload).defaultLocale, 'm')
  const lists = (zone: SQL) => sql`exists (select 1 from ${texts} t where t.parent_id = ${zone}.id and t.path = 'countries' and t.text = ${country})`
  const { rows } = await poolSql(req.payload).execute<Row>(sql`
    with zone as (
      select z.id from ${z} z where z.everywhere_else or ${lists(sql`z`)}
      order by ${lists(sql`z`)} desc, z.id limit 1)
    select
      (select json_build_object('defaultCurrency', st.default_currency::text, 'pricesIncludeTax', st.prices_include_tax, 'taxShipping', st.tax_shipping,
        'currencies', (select json_agg(c.value::text order by c."order") from ${currencies} c where c.parent_id = st.id))
        from ${s} st order by st.id limit 1) as settings,
      (select id from zone) as zone,
      (select json_agg(json_build_object('code', m.code, 'label', ${label},
        'rates', (select coalesce(json_agg(json_build_object('currency', r.currency::text, 'amount', r.amount, 'fromSubtotal', r.from_subtotal,
          'upToWeight', r.up_to_weight) order by r._order), '[]') from ${rates} r where r._parent_id = m.id),
        'freeFrom', (select coalesce(json_agg(json_build_object('currency', f.currency::text, 'amount', f.amount) order by f._order), '[]')
          from ${free} f where f._parent_id = m.id)) order by m._order)
        from ${methods} m where m._parent_id = (select id from zone)) as methods,
      (select json_agg(json_build_object('name', x.name, 'country', x.country, 'region', nullif(x.region, ''), 'rate', x.rate, 'taxClass', coalesce(x.tax_class::text, ${STANDARD_TAX_CLASS}::text))
        order by coalesce(x.region, '') = '') from ${taxRates} x
        where x.country = ${country} and lower(trim(coalesce(x.region, ''))) in ('', ${(region ?? '').trim().toLowerCase()})) as tax,
      exists (select 1 from ${promotions} p where p.active and p.code is null
        and (p.starts_at is null or p.starts_at <= now()) and (p.ends_at is null or p.ends_at > now())) as automatic`)
  const row = rows[0]
  if (!row) throw new Error('readPricingData: the query returned no row')
  return {
    automaticPromotions: row.automatic === true,
    methods: row.zone === null ? undefined : (row.methods ?? []),
    settings: storeSettingsOf(row.settings ?? {}, config),
    tax: destinationTax(row.tax ?? []),
  }
}

/** Each class's first rate (the query lists a region's before its country's). */
const destinationTax = (rates: NonNullable<Row['tax']>): DestinationTax => {
  const byClass: Record<string, TaxRate> = {}
  for (const rate of rates) byClass[rate.taxClass] ??= { ...rate, rate: Number(rate.rate) }
  return { byClass }
}

type SQL = ReturnType<typeof sql>
