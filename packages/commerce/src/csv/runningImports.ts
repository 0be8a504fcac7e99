import type { Payload } from 'payload'

type Running = { runs: Set<Promise<unknown>>; stopping: boolean }

const runningImports = new WeakMap<Payload, Running>()

const of = (payload: Payload): Running => {
  const known = runningImports.get(payload)
  if (known) return known
  const running: Running = { runs: new Set(), stopping: false }
  runningImports.set(payload, running)
  return running
}

/** Runs an import so that `stopImports` can stop it; `stopping()` tells it to end after its batch. */
export const trackImport = async <T>(payload: Payload, run: (stopping: () => boolean) => Promise<T>): Promise<T> => {
  const running = of(payload)
  const done = run(() => running.stopping)
  running.runs.add(done)
  try {
    return await done
  } finally {
    running.runs.delete(done)
  }
}

/**
 * From `payload.destroy()`: the imports running in this process end after the batch they are saving
 * (each product's save is its own transaction, so nothing is half-written) and record that they were
 * stopped, before the pool closes under them. A new import started meanwhile stops at once.
 */
export const stopImports = async (payload: Payload): Promise<void> => {
  const running = of(payload)
  running.stopping = true
  await Promise.allSettled([...running.runs])
}
