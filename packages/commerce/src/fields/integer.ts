import type { NumberField } from 'payload'

/** Largest amount a money or stock field accepts: comfortably inside a Postgres `numeric` and JS safe integers. */
export const MAX_INTEGER = 1_000_000_000

type IntegerFieldArgs = {
  admin?: NumberField['admin']
  defaultValue?: number
  index?: boolean
  label?: string
  max?: number
  min?: number
  name: string
  required?: boolean
}

/**
 * A whole-number field (money in minor units, stock counts). Payload's number field accepts
 * fractions, so the check is ours.
 */
export const integerField = ({ max = MAX_INTEGER, min = 0, ...field }: IntegerFieldArgs): NumberField => ({
  ...field,
  type: 'number',
  min,
  max,
  validate: (value: null | number | undefined, { required }: { required?: boolean }) => {
    if (value === null || value === undefined) {
      return required ? 'This field is required.' : true
    }
    return integerProblem(value, { max, min }) ?? true
  },
})

/** What is wrong with a value meant to be a whole number in [min, max], or null when nothing is. */
export const integerProblem = (value: unknown, { max = MAX_INTEGER, min = 0 } = {}): null | string => {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'Must be a whole number.'
  if (value < min) return `Must be at least ${min}.`
  if (value > max) return `Must be at most ${max}.`
  return null
}
