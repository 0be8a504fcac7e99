/**
 * Graceful shutdown, shared with `storefront/server.mjs` (the HTTP server around the built app) through
 * one global object, because that server starts before any app module is loaded and cannot import them.
 * On SIGTERM the server stops accepting connections, sets `draining`, runs the drain hooks (open SSE
 * streams end, so browsers reconnect to another instance), waits for requests in flight, then runs the
 * close hooks (Redis connections) and exits.
 */
export type Lifecycle = {
  /** Run once in-flight requests are done (or the grace period is over): release connections. */
  closeHooks: Set<() => Promise<void>>
  /** Run as soon as shutdown starts: end long-lived responses. */
  drainHooks: Set<() => void>
  /** True from the moment shutdown starts; readiness then fails. */
  draining: boolean
}

/** The same key `server.mjs` uses. */
const LIFECYCLE_KEY = Symbol.for('showroom.lifecycle')

const holder = globalThis as typeof globalThis & { [LIFECYCLE_KEY]?: Lifecycle }
const lifecycle: Lifecycle = (holder[LIFECYCLE_KEY] ??= { closeHooks: new Set(), drainHooks: new Set(), draining: false })

/** Whether the process is shutting down. */
export const isDraining = (): boolean => lifecycle.draining

/** Calls `hook` when shutdown starts (at once if it has); returns the function that unregisters it. */
export const onDrain = (hook: () => void): (() => void) => {
  if (lifecycle.draining) {
    hook()
    return () => undefined
  }
  lifecycle.drainHooks.add(hook)
  return () => void lifecycle.drainHooks.delete(hook)
}

/** Calls `hook` last, when no request is in flight any more. */
export const onClose = (hook: () => Promise<void>): void => void lifecycle.closeHooks.add(hook)
