import { type CollectionBeforeValidateHook, type CollectionConfig, type CollectionSlug, ValidationError } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { COUNTRY_CODE, normalizeCountry } from '../fields/countryCode'
import { taxClassField } from '../fields/taxClass'
import { STANDARD_TAX_CLASS } from '../pricing/taxRate'

/** Most decimals a rate may have: 8.875 % is a real (New York City) rate. */
const RATE_DECIMALS = 3

/** What is wrong with a tax rate in percent, or null. */
export const rateProblem = (value: unknown): null | string => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) return 'The rate must be a percentage from 0 to 100.'
  if (Math.round(value * 10 ** RATE_DECIMALS) !== value * 10 ** RATE_DECIMALS) return `The rate may have at most ${RATE_DECIMALS} decimals.`
  return null
}

/**
 * One rate per country, region and tax class: a second one would make the order's tax depend on which
 * was read first.
 */
const uniquePerPlace =
  (slug: CollectionSlug, taxClasses: SanitizedCommercePluginConfig['taxClasses']): CollectionBeforeValidateHook =>
  async ({ data, originalDoc, req }) => {
    const country = normalizeCountry(data?.country ?? originalDoc?.country)
    const region = String(data?.region ?? originalDoc?.region ?? '').trim()
    const taxClass = String((data && 'taxClass' in data ? data.taxClass : originalDoc?.taxClass) ?? STANDARD_TAX_CLASS)
    if (typeof country !== 'string') return data
    const { docs } = await req.payload.find({
      collection: slug,
      depth: 0,
      limit: 1,
      pagination: false,
      req,
      where: {
        and: [
          { country: { equals: country } },
          region === '' ? { or: [{ region: { exists: false } }, { region: { equals: '' } }] } : { region: { equals: region } },
          taxClass === STANDARD_TAX_CLASS ? { or: [{ taxClass: { exists: false } }, { taxClass: { equals: taxClass } }] } : { taxClass: { equals: taxClass } },
          ...(originalDoc?.id === undefined ? [] : [{ id: { not_equals: originalDoc.id } }]),
        ],
      },
    })
    if (docs.length > 0) {
      const where = region === '' ? country : `${country}, ${region}`
      const label = taxClasses.find((candidate) => candidate.value === taxClass)?.label ?? taxClass
      const message = taxClass === STANDARD_TAX_CLASS ? `There is already a tax rate for ${where}.` : `There is already a tax rate for ${where} in the class “${label}”.`
      throw new ValidationError({ collection: slug, errors: [{ message, path: region === '' ? 'country' : 'region' }] }, req.t)
    }
    return data
  }

/**
 * Tax rates by destination: a country's rate, and where a country's regions differ (US states,
 * Canadian provinces), one rate per region, which wins over the country's; each for one tax class
 * (`standard`, or a reduced one for books and food), which products choose. Staff read them; only admins
 * change them, since they change what every order costs (docs/pricing.md).
 */
export const createTaxRatesCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.taxRates,
  access: { create: isAdmin(config.roles), delete: isAdmin(config.roles), read: isStaff(config.roles), update: isAdmin(config.roles) },
  admin: { defaultColumns: ['name', 'country', 'region', 'taxClass', 'rate'], group: 'Shop settings', useAsTitle: 'name' },
  fields: [
    { name: 'name', type: 'text', admin: { description: 'Shown on orders and receipts, such as "VAT" or "GST".' }, maxLength: 60, required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'country',
          type: 'text',
          admin: { description: 'ISO 3166-1 alpha-2 code, such as DE.' },
          hooks: { beforeValidate: [({ value }) => normalizeCountry(value)] },
          index: true,
          required: true,
          validate: (value: null | string | undefined) => (typeof value === 'string' && COUNTRY_CODE.test(value) ? true : 'Use a two-letter country code, such as DE.'),
        },
        {
          name: 'region',
          type: 'text',
          admin: { description: 'Empty: the whole country. Otherwise the region exactly as shoppers enter it in their address (such as CA).' },
          hooks: { beforeValidate: [({ value }) => (typeof value === 'string' ? value.trim() : value)] },
          maxLength: 100,
        },
        {
          name: 'rate',
          type: 'number',
          admin: { description: 'In percent, such as 19 or 8.875.' },
          required: true,
          validate: (value: null | number | undefined) => rateProblem(value) ?? true,
        },
      ],
    },
    taxClassField(config, 'The products this rate is for: those of this tax class. A product of a class without a rate at the destination pays the standard rate.'),
  ],
  hooks: { beforeValidate: [uniquePerPlace(config.slugs.taxRates, config.taxClasses)] },
})
