/**
 * Runs `task` over `items` with at most `limit` in flight, in order of start. The first failure
 * stops new work from starting and is re-thrown once the tasks already running have settled.
 */
export const forEachWithConcurrency = async <T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> => {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`Concurrency must be a positive integer, got ${limit}`)
  // One iterator shared by every worker: each `next()` hands out the following item exactly once.
  const queue = items.entries()
  let failure: { error: unknown } | undefined
  const worker = async (): Promise<void> => {
    for (const [index, item] of queue) {
      if (failure !== undefined) return
      try {
        await task(item, index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  if (failure !== undefined) throw failure.error
}
