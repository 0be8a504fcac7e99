import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { portAccepts, startEmbeddedPostgres } from '@showroom/embedded-database'

import { SYSTEM_POSTGRES_URL } from './testDatabase'

/**
 * Settles which PostgreSQL server this test run creates its databases on, and sets
 * `TEST_DATABASE_ADMIN_URL` for every test file (and the processes they start):
 * 1. `TEST_DATABASE_ADMIN_URL` when given;
 * 2. else the server at 127.0.0.1:5432 (`systemUrl`) when anything answers there;
 * 3. else the embedded PostgreSQL `pnpm dev` runs, on a throw-away cluster under the OS temp folder,
 *    started once for the run; the returned function stops it and removes its files.
 */
export const provideTestDatabaseServer = async ({ systemUrl = SYSTEM_POSTGRES_URL } = {}): Promise<() => Promise<void>> => {
  if (process.env.TEST_DATABASE_ADMIN_URL) return async () => {}
  const system = new URL(systemUrl)
  if (await portAccepts(Number(system.port || 5432), system.hostname)) {
    process.env.TEST_DATABASE_ADMIN_URL = systemUrl
    return async () => {}
  }
  const root = mkdtempSync(path.join(tmpdir(), 'showroom-test-postgres-'))
  // Run as root, PostgreSQL runs as the `postgres` user, which must reach the cluster inside.
  chmodSync(root, 0o755)
  // A cluster for one run: durability buys nothing; the test files' CMS processes need many connections.
  const server = await startEmbeddedPostgres({
    dir: path.join(root, 'postgres'),
    port: 0,
    settings: { fsync: 'off', full_page_writes: 'off', max_connections: '300', synchronous_commit: 'off' },
  })
  console.log(`[tests] no PostgreSQL at ${system.host}: using an embedded PostgreSQL at ${server.url}`)
  process.env.TEST_DATABASE_ADMIN_URL = server.url
  return async () => {
    await server.stop()
    rmSync(root, { force: true, recursive: true })
  }
}
