import path from 'node:path'

import { runProcess } from './childProcess'
import { cmsScriptArgs } from './cmsServerBundle'
import { createTestDatabase, withAdmin } from './testDatabase'

const cmsDir = path.resolve(import.meta.dirname, '../../cms')

/** Longest a migration of the template may take on a loaded machine before the run gives up. */
const MIGRATE_TIMEOUT_MS = 120_000

/**
 * One database per test run with the CMS's committed migrations applied (by `cms/test/migrateDatabase.ts`,
 * the way `serveApi.ts --migrate` applies them), that test files clone with `createTestDatabase(name,
 * { template })` instead of migrating a database of their own: Postgres copies the files in a few
 * milliseconds where the migrations take seconds. Nobody may connect to it once migrated (Postgres
 * refuses to copy a database someone is connected to), so it is closed to connections.
 * Returns its name and the function that drops it at the end of the run.
 */
export const createMigratedTemplate = async (): Promise<{ drop: () => Promise<void>; name: string }> => {
  const template = await createTestDatabase('template')
  try {
    await runProcess({
      args: cmsScriptArgs('test/migrateDatabase.ts'),
      command: process.execPath,
      cwd: cmsDir,
      env: { ...process.env, DATABASE_POOL_MAX: '2', DATABASE_URL: template.url, NODE_ENV: 'production', PAYLOAD_SECRET: 'template-migration-secret-0123456789' },
      timeoutMs: MIGRATE_TIMEOUT_MS,
    })
    await withAdmin(async (client) => {
      await client.query(`alter database "${template.name}" with allow_connections false`)
    })
  } catch (error) {
    await template.drop()
    throw new Error('could not migrate the test run’s template database', { cause: error })
  }
  return { drop: template.drop, name: template.name }
}
