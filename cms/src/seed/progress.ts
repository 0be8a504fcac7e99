import type { SeedLog } from './types'

export type Progress = {
  /** Counts one finished item; logs a line every `every` items and at the end. */
  tick: () => void
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

/** "  products 2000/10000 (412/s, 19.4 s left)": a line every `every` items, with rate and time left. */
export const createProgress = ({ every, label, log, total }: { every: number; label: string; log: SeedLog; total: number }): Progress => {
  const started = performance.now()
  let done = 0
  return {
    tick: () => {
      done += 1
      if (done % every !== 0 && done !== total) return
      const elapsed = performance.now() - started
      const rate = done / Math.max(elapsed / 1000, 0.001)
      const left = done === total ? `in ${seconds(elapsed)}` : `${seconds(((total - done) / rate) * 1000)} left`
      log(`  ${label} ${done}/${total} (${Math.round(rate)}/s, ${left})`)
    },
  }
}
