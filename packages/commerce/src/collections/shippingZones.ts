import { type CollectionBeforeValidateHook, type CollectionConfig, type CollectionSlug, type Field, type TextFieldSingleValidation, ValidationError } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { COUNTRY_CODE, normalizeCountry } from '../fields/countryCode'
import { currencyField } from '../fields/currency'
import { integerField } from '../fields/integer'
import { moneyField } from '../fields/money'
import { requiredInDefaultLocale } from '../localization/requiredInDefaultLocale'

type ZoneDraft = {
  countries?: unknown
  everywhereElse?: unknown
  methods?: Array<{ code?: unknown; rates?: Array<{ currency?: unknown }> | null }> | null
  name?: unknown
}

/**
 * A zone's rules that fields cannot state alone: a country belongs to one zone only, one zone at most
 * covers "everywhere else", method codes are unique in a zone. Read against the other zones, so two
 * zones can never both claim a shopper's country.
 */
const validateZone =
  (slug: CollectionSlug): CollectionBeforeValidateHook =>
  async ({ data, originalDoc, req }) => {
    const zone = { ...(originalDoc as ZoneDraft | undefined), ...(data as ZoneDraft | undefined) }
    const errors: Array<{ message: string; path: string }> = []
    const countries = Array.isArray(zone.countries) ? zone.countries.map(normalizeCountry) : []
    if (data && Array.isArray(data.countries)) data.countries = countries
    countries.forEach((code, index) => {
      if (typeof code !== 'string' || !COUNTRY_CODE.test(code)) errors.push({ message: `"${String(code)}" is not a two-letter country code, such as DE.`, path: `countries.${index}` })
      else if (countries.indexOf(code) !== index) errors.push({ message: `${code} is listed twice.`, path: `countries.${index}` })
    })
    if (countries.length === 0 && zone.everywhereElse !== true) errors.push({ message: 'List the zone’s countries, or let it cover every country no other zone lists.', path: 'countries' })
    const codes = (zone.methods ?? []).map((method) => method.code)
    codes.forEach((code, index) => {
      if (codes.indexOf(code) !== index) errors.push({ message: `Another method of this zone has the code "${String(code)}".`, path: `methods.${index}.code` })
    })
    const { docs: others } = await req.payload.find({
      collection: slug,
      depth: 0,
      pagination: false,
      req,
      select: { countries: true, everywhereElse: true, name: true },
      where: originalDoc?.id === undefined ? {} : { id: { not_equals: originalDoc.id } },
    })
    for (const other of others as Array<ZoneDraft & { id: number }>) {
      const taken = countries.filter((code) => Array.isArray(other.countries) && other.countries.includes(code))
      if (taken.length > 0) errors.push({ message: `${taken.join(', ')} already belong to the zone "${String(other.name)}".`, path: 'countries' })
      if (zone.everywhereElse === true && other.everywhereElse === true) errors.push({ message: `The zone "${String(other.name)}" already covers every other country.`, path: 'everywhereElse' })
    }
    if (errors.length > 0) throw new ValidationError({ collection: slug, errors }, req.t)
    return data
  }

/** A method's label is required in the default locale; another one may leave it to the default's. */
const labelRequired: TextFieldSingleValidation = (value, options) => requiredInDefaultLocale(value, { ...options, required: true })

const priceRows = (config: SanitizedCommercePluginConfig, name: string, fields: Field[], description: string): Field => ({
  name,
  type: 'array',
  admin: { description, initCollapsed: false },
  fields: [{ type: 'row', fields: [currencyField(config.currencies, config.defaultCurrency), ...fields] }],
})

/**
 * Shipping zones: groups of countries, each with the methods offered there and what they cost per
 * currency, by subtotal and weight band, with an optional free-shipping threshold. Checkout offers a
 * shopper only the methods of her country's zone (docs/pricing.md). Staff read them; admins change them.
 */
export const createShippingZonesCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.shippingZones,
  access: { create: isAdmin(config.roles), delete: isAdmin(config.roles), read: isStaff(config.roles), update: isAdmin(config.roles) },
  admin: { defaultColumns: ['name', 'countries', 'everywhereElse'], group: 'Shop settings', useAsTitle: 'name' },
  fields: [
    { name: 'name', type: 'text', maxLength: 100, required: true, unique: true },
    {
      name: 'countries',
      type: 'text',
      admin: { description: 'ISO 3166-1 alpha-2 codes, such as DE, AT, CH. A country belongs to one zone only.' },
      hasMany: true,
      maxLength: 2,
      maxRows: 250,
    },
    {
      name: 'everywhereElse',
      type: 'checkbox',
      admin: { description: 'Also ship to every country no other zone lists (one zone at most).' },
      defaultValue: false,
    },
    {
      name: 'methods',
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'code', type: 'text', admin: { description: 'What orders store and checkout sends, such as standard.' }, maxLength: 40, required: true },
            {
              name: 'label',
              type: 'text',
              admin: { description: 'What shoppers see, such as "Standard (3–5 working days)"; per language (empty in German: the English one).' },
              // Per language; required in the default one only, so the column may be empty for a
              // language nobody has translated yet (Payload would make it NOT NULL with `required`).
              localized: true,
              maxLength: 100,
              validate: labelRequired,
            },
          ],
        },
        priceRows(
          config,
          'rates',
          [
            moneyField({ name: 'amount', required: true }),
            moneyField({ name: 'fromSubtotal', label: 'From subtotal', admin: { description: 'Applies from this subtotal (after discounts) on; empty: any.' } }),
            integerField({ name: 'upToWeight', label: 'Up to weight (g)', admin: { description: 'Applies up to this weight in grams; empty: any.' } }),
          ],
          'What the method costs in each currency. When several rows fit an order (its currency, subtotal and weight), the cheapest applies; a currency without a fitting row cannot use this method.',
        ),
        priceRows(
          config,
          'freeFrom',
          [moneyField({ name: 'amount', label: 'Free from subtotal', required: true })],
          'Optional: free shipping from this subtotal (after discounts) on, per currency.',
        ),
      ],
      minRows: 1,
    },
  ],
  hooks: { beforeValidate: [validateZone(config.slugs.shippingZones)] },
})
