import type { Field } from 'payload'

/** ISO 3166-1 alpha-2, upper case. */
const COUNTRY = /^[A-Z]{2}$/

/** The fields of a postal address, shared by customer address books and order shipping addresses. */
export const addressFields = (): Field[] => [
  { name: 'name', type: 'text', label: 'Full name', required: true, maxLength: 200 },
  { name: 'line1', type: 'text', label: 'Address line 1', required: true, maxLength: 200 },
  { name: 'line2', type: 'text', label: 'Address line 2', maxLength: 200 },
  {
    type: 'row',
    fields: [
      { name: 'postalCode', type: 'text', required: true, maxLength: 20 },
      { name: 'city', type: 'text', required: true, maxLength: 100 },
      { name: 'region', type: 'text', label: 'State / region', maxLength: 100 },
    ],
  },
  {
    name: 'country',
    type: 'text',
    admin: { description: 'ISO 3166-1 alpha-2 code, for example DE or US.' },
    hooks: {
      beforeValidate: [({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)],
    },
    required: true,
    validate: (value: null | string | undefined) =>
      typeof value === 'string' && COUNTRY.test(value) ? true : 'Use a two-letter country code, such as DE.',
  },
  { name: 'phone', type: 'text', maxLength: 40 },
]
