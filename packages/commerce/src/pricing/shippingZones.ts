import type { PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { readInLocale } from '../localization/catalogueLocales'

/** An amount in minor units and its ISO 4217 currency. */
export type Money = { amount: number; currency: string }

/** One row of a method's price list: applies to orders in `currency` from `fromSubtotal` on, up to `upToWeight` grams. */
export type ShippingRate = Money & { fromSubtotal: null | number; upToWeight: null | number }

export type ZoneMethod = { code: string; freeFrom: Money[]; label: string; rates: ShippingRate[] }

export type ShippingZone = { countries: string[]; everywhereElse: boolean; id: number; methods: ZoneMethod[]; name: string }

type Row = { amount?: null | number; currency?: null | string; fromSubtotal?: null | number; upToWeight?: null | number }
type SavedZone = {
  countries?: null | string[]
  everywhereElse?: boolean | null
  id: number
  methods?: Array<{ code?: null | string; freeFrom?: null | Row[]; label?: null | string; rates?: null | Row[] }> | null
  name?: null | string
}

const money = (row: Row): Money => ({ amount: Number(row.amount ?? 0), currency: String(row.currency ?? '') })

/**
 * Every shipping zone, as checkout reads them (a shop has a handful), the methods' labels in `locale`
 * (none: the default locale), with the default locale's where one has none (Payload's fallback).
 */
export const readShippingZones = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, locale?: string): Promise<ShippingZone[]> => {
  const { docs } = await req.payload.find({
    collection: config.slugs.shippingZones,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    sort: 'id',
    ...(locale === undefined ? {} : readInLocale(req.payload, locale)),
  })
  return (docs as unknown as SavedZone[]).map((zone) => ({
    countries: zone.countries ?? [],
    everywhereElse: zone.everywhereElse === true,
    id: zone.id,
    methods: (zone.methods ?? []).map((method) => ({
      code: String(method.code ?? ''),
      freeFrom: (method.freeFrom ?? []).map(money),
      label: String(method.label ?? ''),
      rates: (method.rates ?? []).map((row) => ({ ...money(row), fromSubtotal: row.fromSubtotal ?? null, upToWeight: row.upToWeight ?? null })),
    })),
    name: String(zone.name ?? ''),
  }))
}

/**
 * The zone that ships to `country`: the one listing it, else the one covering everywhere else. Without a
 * country (a storefront that has not asked yet), the everywhere-else zone, else the first.
 */
export const zoneFor = <Zone extends Pick<ShippingZone, 'countries' | 'everywhereElse'>>(zones: Zone[], country?: string): Zone | undefined => {
  const fallback = zones.find((zone) => zone.everywhereElse)
  if (country === undefined) return fallback ?? zones[0]
  return zones.find((zone) => zone.countries.includes(country)) ?? fallback
}

/** Whether `method` can ship some order in `currency`: it has a rate (or a free threshold) in it. */
export const shipsIn = (method: ZoneMethod, currency: string): boolean =>
  method.rates.some((rate) => rate.currency === currency) || method.freeFrom.some((free) => free.currency === currency)
