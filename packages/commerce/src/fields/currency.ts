import type { SelectField } from 'payload'

export const currencyField = (
  currencies: readonly string[],
  defaultCurrency: string,
  overrides: Partial<SelectField> = {},
): SelectField => ({
  name: 'currency',
  type: 'select',
  defaultValue: defaultCurrency,
  options: currencies.map((code) => ({ label: code, value: code })),
  required: true,
  ...overrides,
} as SelectField)
