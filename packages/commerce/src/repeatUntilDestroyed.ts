import type { Payload } from 'payload'

import { beforeDestroy } from './beforeDestroy'

export type RepeatOptions = {
  /** Time between the end of one run and the start of the next. */
  everyMs: number
  /** A failed run; not called for a run that fails because Payload is being destroyed under it. */
  onError: (error: unknown) => void
  run: () => Promise<unknown>
  /** After the last run has ended, before Payload (and its pool) goes. */
  stop?: () => Promise<void>
}

/**
 * Runs `run` every `everyMs` (never two at once) in this process until `payload.destroy()`, which
 * waits for the run in flight, then `stop`. Never keeps a script (seed, migrate) alive. A timer that
 * outlived its Payload would query a closed pool ("reading 'execute'") in whatever runs next in the
 * process, such as the next test file.
 */
export const repeatUntilDestroyed = (payload: Payload, { everyMs, onError, run, stop }: RepeatOptions): void => {
  let stopped = false
  let running: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  const schedule = (): void => {
    if (stopped) return
    timer = setTimeout(() => {
      running = run()
        .then(
          () => undefined,
          (error: unknown) => {
            // Stopping closes the pool under a run in flight: that failure is the shutdown, not a fault.
            if (!stopped) onError(error)
          },
        )
        .finally(schedule)
    }, everyMs)
    timer.unref()
  }
  schedule()
  beforeDestroy(payload, async () => {
    stopped = true
    clearTimeout(timer)
    await running
    await stop?.()
  })
}
