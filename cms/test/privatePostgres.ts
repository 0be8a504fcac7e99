import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { type EmbeddedPostgres, startEmbeddedPostgres } from '@showroom/embedded-database'
import { freePort } from '@showroom/test-support'

export type PrivatePostgres = {
  /** Stops the server for good and removes its files. */
  close: () => Promise<void>
  start: () => Promise<void>
  /** A fast shutdown (SIGINT): open connections are terminated, as in a restart or failover. */
  stop: () => Promise<void>
  url: string
}

/**
 * A PostgreSQL server of the test's own, which it may stop and start (the shared one must stay up for
 * the other suites): the embedded server `pnpm dev` runs, on a throw-away cluster and a fixed free port.
 */
export const startPrivatePostgres = async (): Promise<PrivatePostgres> => {
  const root = mkdtempSync(path.join(tmpdir(), 'showroom-pg-'))
  // Run as root, PostgreSQL runs as the `postgres` user, which must reach the cluster inside.
  chmodSync(root, 0o755)
  const options = { dir: path.join(root, 'postgres'), port: await freePort(), settings: { fsync: 'off' } }
  let server: EmbeddedPostgres | null = await startEmbeddedPostgres(options)
  const url = server.url
  const stop = async (): Promise<void> => {
    await server?.stop()
    server = null
  }
  return {
    close: async () => {
      await stop()
      rmSync(root, { force: true, recursive: true })
    },
    start: async () => {
      server ??= await startEmbeddedPostgres(options)
    },
    stop,
    url,
  }
}
