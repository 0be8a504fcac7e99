/**
 * Where the price facet's bands start, in minor units: 0–25, 25–50, 50–100, 100–200, 200+ in the
 * shop's currency. Fixed, so a band's URL stays the same whatever the result set.
 */
export const PRICE_BAND_STARTS = [0, 2500, 5000, 10000, 20000] as const

export type PriceBand = { max: number | undefined; min: number }

export const priceBands = (starts: readonly number[] = PRICE_BAND_STARTS): PriceBand[] =>
  starts.map((min, index) => ({ max: starts[index + 1], min }))
