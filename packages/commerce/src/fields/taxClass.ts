import type { SelectField } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { STANDARD_TAX_CLASS } from '../pricing/taxRate'

/**
 * A tax class to choose from the shop's (`taxClasses`), `standard` by default (docs/pricing.md#tax-classes).
 * Not required: none reads as `standard` everywhere (checkout's SQL, the one-rate-per-place check), so a
 * client that predates tax classes creates rates and products without naming one.
 */
export const taxClassField = (config: Pick<SanitizedCommercePluginConfig, 'taxClasses'>, description: string, extra: Pick<SelectField, 'access'> = {}): SelectField => ({
  name: 'taxClass',
  type: 'select',
  admin: { description },
  defaultValue: STANDARD_TAX_CLASS,
  label: 'Tax class',
  options: config.taxClasses.map(({ label, value }) => ({ label, value })),
  ...extra,
})
