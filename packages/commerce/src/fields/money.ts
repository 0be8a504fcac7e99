import type { NumberField } from 'payload'

import { integerField } from './integer'

type MoneyFieldArgs = Omit<Parameters<typeof integerField>[0], 'max' | 'min'>

/** An amount in minor units (cents), paired with a sibling `currency` field. */
export const moneyField = (field: MoneyFieldArgs): NumberField =>
  integerField({
    ...field,
    admin: {
      description: 'In minor units (cents): 1999 means 19.99.',
      ...field.admin,
    },
  })
