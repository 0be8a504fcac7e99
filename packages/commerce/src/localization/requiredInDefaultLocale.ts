import { type TextFieldSingleValidation, validations } from 'payload'

/**
 * A required text's validation that requires it in the default locale only: a German save that leaves
 * the title untranslated keeps reading the English one (fallback) instead of being refused. Lengths
 * and the rest are Payload's own text validation.
 */
export const requiredInDefaultLocale: TextFieldSingleValidation = (value, options) => {
  const { localization } = options.req.payload.config
  const inOtherLocale = Boolean(localization && options.req.locale && options.req.locale !== localization.defaultLocale)
  return validations.text(value, { ...options, required: options.required === true && !inOtherLocale })
}
