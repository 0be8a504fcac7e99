/**
 * Runs `task` now and then every `ms` until it returns true, or until `stopped()`; never keeps the
 * process alive. Returns what waits for the attempt in flight, if any (a shutdown must not close the
 * pool, or drop the database, under a build still using it).
 */
export const retryUntil = (task: () => Promise<boolean>, ms: number, stopped: () => boolean, onError: (error: unknown) => void): (() => Promise<void>) => {
  let inFlight: Promise<void> = Promise.resolve()
  const attempt = () => {
    if (stopped()) return
    inFlight = task().then(
      (done) => {
        if (!done && !stopped()) setTimeout(attempt, ms).unref()
      },
      (error: unknown) => {
        if (stopped()) return
        onError(error)
        setTimeout(attempt, ms).unref()
      },
    )
  }
  attempt()
  return () => inFlight
}
