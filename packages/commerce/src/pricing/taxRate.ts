/** The standard tax class, which every product without another is in. */
export const STANDARD_TAX_CLASS = 'standard'

/** The rate an order's destination pays for one tax class, in percent (a `tax-rates` document, see `readPricingData`). */
export type TaxRate = { country: string; name: string; rate: number; region: null | string; taxClass: string }

/**
 * The rates that apply at one destination, per tax class: each class's most specific one (the region's,
 * else the country's). `byClass` lacks a class the destination has no rate for, whose products then pay
 * `byClass.standard` (and no tax when that is missing too).
 */
export type DestinationTax = { byClass: Readonly<Record<string, TaxRate>> }

/** The rate a product of `taxClass` pays at the destination, or null when it pays no tax there. */
export const rateFor = (tax: DestinationTax, taxClass: string): null | TaxRate => tax.byClass[taxClass] ?? tax.byClass[STANDARD_TAX_CLASS] ?? null
