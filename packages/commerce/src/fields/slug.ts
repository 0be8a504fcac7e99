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
        const existing: unknown = originalDoc?.slug
        if (typeof existing === 'string' && existing !== '') return existing
        const source: unknown = data?.[from]
        return typeof source === 'string' ? slugify(source) : value
      },
    ],
  },
  // Not `required` in the schema, so callers may leave it out (generated types follow the schema);
  // the hook above fills it before validation, and this makes sure it did.
  validate: (value: null | string | undefined) =>
    typeof value === 'string' && value !== '' ? true : `Enter a slug or a ${from} to derive it from.`,
})
