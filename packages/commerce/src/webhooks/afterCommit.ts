import type { PayloadRequest, TaskType } from 'payload'

import { postgres } from '../database'

type Session = { resolve: () => Promise<void> }

type Entry = { run: () => void; state: unknown }

const entriesBySession = new WeakMap<Session, Map<symbol, Entry>>()

/**
 * State shared by everything one transaction does (for `token`), handed to `onCommit` once the
 * transaction has committed. Returns null when the request has no open transaction (the caller's
 * writes are already committed, so it acts at once).
 *
 * Payload 3.90 has no after-commit hook. The Postgres adapter keeps each open transaction as a session
 * (`adapter.sessions[id]`) whose `resolve()` ends drizzle's transaction callback and returns the promise
 * of the whole transaction, which settles after `COMMIT`; every path that commits (`commitTransaction`,
 * the Local API's own transactions) calls it, and a rollback calls `reject()` instead. Wrapping
 * `resolve` is therefore the reliable point after the commit. A `COMMIT` that fails still settles that
 * promise, so `onCommit` must only look for committed work (it then finds none), never assume it.
 */
export const perTransaction = async <T>(
  req: PayloadRequest,
  token: symbol,
  create: () => T,
  onCommit: (state: T) => void,
): Promise<null | T> => {
  const id = req.transactionID ? await req.transactionID : undefined
  const session: Session | undefined = id === undefined ? undefined : postgres(req).sessions[String(id)]
  if (!session) return null
  let entries = entriesBySession.get(session)
  if (!entries) {
    const map = new Map<symbol, Entry>()
    entries = map
    entriesBySession.set(session, map)
    const resolve = session.resolve
    session.resolve = async () => {
      await resolve()
      for (const entry of map.values()) entry.run()
    }
  }
  const existing = entries.get(token)
  // Each token belongs to one caller, which always stores the same type under it.
  if (existing) return existing.state as T
  const state = create()
  entries.set(token, { run: () => onCommit(state), state })
  return state
}

const JOBS_TO_RUN = Symbol('jobs to run after this transaction commits')

/**
 * Queues a job in the request's transaction (so it exists only if that commits) and runs it in this
 * process as soon as it has committed (at once without a transaction). The caller does not wait for
 * the run; a failed start is logged with `failure`, and the job stays queued for the next run.
 */
export const queueJobRunAfterCommit = async (
  req: PayloadRequest,
  { input, queue, task }: { input: Record<string, unknown>; queue: string; task: TaskType },
  failure: string,
): Promise<void> => {
  const job = await req.payload.jobs.queue({ input, queue, req, task } as never)
  const run = (): void => {
    req.payload.jobs.runByID({ id: job.id, silent: true }).catch((error: unknown) => req.payload.logger.error({ err: error, msg: failure }))
  }
  const runs = await perTransaction(req, JOBS_TO_RUN, () => [] as Array<() => void>, (queued) => queued.forEach((start) => start()))
  if (runs) runs.push(run)
  else run()
}
