import type { PaymentField } from './types'

/**
 * A payment method's words in one more language (keyed by Payload locale code, such as `de`). Whatever
 * is left out reads as in the default language.
 */
export type PaymentTexts = {
  label?: string
  description?: string
  /** Per field, by its `name`. */
  fields?: Readonly<Record<string, { label?: string; placeholder?: string }>>
}

/** A method's words per locale code. */
export type PaymentTranslations = Readonly<Record<string, PaymentTexts>>

/**
 * The words an adapter publishes per locale: the host's `translations`, over the adapter's built-in
 * ones. A built-in label or description is only used where the host kept the built-in (English) one: a
 * host that names the method "Pay by invoice" does not read "Zahlung per Banküberweisung" in German, but
 * its own German label, or else its English one.
 */
export const adapterTranslations = (
  builtIn: PaymentTranslations,
  options: { description?: string; label?: string; translations?: PaymentTranslations },
): PaymentTranslations => {
  const locales = new Set([...Object.keys(builtIn), ...Object.keys(options.translations ?? {})])
  const merged: Record<string, PaymentTexts> = {}
  for (const locale of locales) {
    const own = builtIn[locale] ?? {}
    const host = options.translations?.[locale] ?? {}
    const label = host.label ?? (options.label === undefined ? own.label : undefined)
    const description = host.description ?? (options.description === undefined ? own.description : undefined)
    merged[locale] = {
      ...(label !== undefined && { label }),
      ...(description !== undefined && { description }),
      fields: { ...own.fields, ...host.fields },
    }
  }
  return merged
}

/** `field` in `texts`' language, where they have words for it. */
export const translateField = (field: PaymentField, texts: PaymentTexts | undefined): PaymentField => {
  const words = texts?.fields?.[field.name]
  return { ...field, ...(words?.label !== undefined && { label: words.label }), ...(words?.placeholder !== undefined && { placeholder: words.placeholder }) }
}
