/** The rate an order's destination pays, in percent (a `tax-rates` document, see `readPricingData`). */
export type TaxRate = { country: string; name: string; rate: number; region: null | string }
