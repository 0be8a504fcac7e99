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
  required: true,
})
