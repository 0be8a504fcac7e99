import type { TextField } from 'payload'

import { slugify } from '../hooks/slugify'

/**
 * A unique, URL-safe slug. Left empty, it is derived from `from` (usually the title) when the
 * document is saved; typed by hand, it is normalised the same way.
 */
export const slugField = (from = 'title'): TextField => ({
  name: 'slug',
  type: 'text',
  index: true,
  // Unique per locale: Payload's index on a localized field is (slug, _locale).
  localized: true,
  unique: true,
  admin: {
    description: `Used in URLs. Leave empty to derive it from the ${from}.`,
    position: 'sidebar',
  },
  hooks: {
    beforeValidate: [
      ({ data, originalDoc, value }) => {
        if (typeof value === 'string' && value.trim() !== '') return slugify(value)
        // Derive only when there is no slug yet: a renamed product keeps its URL.
        // With localization, `originalDoc` holds this locale's values without fallback: a first German
        // title gets a German slug, while a German save without a title leaves the slug to fall back.
        const existing: unknown = originalDoc?.slug
        if (typeof existing === 'string' && existing !== '') return existing
        const source: unknown = data?.[from] ?? originalDoc?.[from]
        return typeof source === 'string' && source.trim() !== '' ? slugify(source) : value
      },
    ],
  },
  // Not `required` in the schema, so callers may leave it out (generated types follow the schema);
  // the hook above fills it before validation, and this makes sure it did.
  // A locale other than the default may leave it empty: it then reads as the default locale's slug.
  validate: (value: null | string | undefined, { req }) => {
    if (typeof value === 'string' && value !== '') return true
    const localization = req.payload.config.localization
    if (localization && req.locale && req.locale !== localization.defaultLocale) return true
    return `Enter a slug or a ${from} to derive it from.`
  },
})
