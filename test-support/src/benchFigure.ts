/** The marker `scripts/bench.mjs` looks for; such lines are collected, not printed. */
export const FIGURE_PREFIX = '::figure '

/**
 * Reports one figure of a benchmark for `pnpm bench`'s summary table (`bench/RESULTS.md`). The
 * benchmark still prints its own tables; this is the machine-readable copy of what matters.
 */
export const reportFigure = (measure: string, value: number, unit: string): void => {
  if (!Number.isFinite(value)) throw new Error(`Figure ${measure} is not a number: ${value}`)
  console.log(`${FIGURE_PREFIX}${JSON.stringify({ measure, unit, value })}`)
}
