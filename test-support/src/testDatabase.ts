import { randomBytes } from 'node:crypto'

import pg from 'pg'

/** Where tests look for a PostgreSQL server when `TEST_DATABASE_ADMIN_URL` is unset (see `testDatabaseServer.ts`). */
export const SYSTEM_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

/** The server tests create their databases on; its databases are dropped after each suite. */
const adminUrl = (): string => process.env.TEST_DATABASE_ADMIN_URL ?? SYSTEM_POSTGRES_URL

/** Names the test run's migrated template database (set by `globalSetup.ts`). */
export const TEMPLATE_ENV = 'TEST_DATABASE_TEMPLATE'

/**
 * The test run's database with the CMS's committed migrations applied, to clone with
 * `createTestDatabase(name, { template })`; `undefined` outside a vitest run (a benchmark), which
 * migrates a database of its own.
 */
export const migratedTemplate = (): string | undefined => process.env[TEMPLATE_ENV]

export type TestDatabase = { drop: () => Promise<void>; name: string; url: string }

export const withAdmin = async (run: (client: pg.Client) => Promise<void>): Promise<void> => {
  const client = new pg.Client({ connectionString: adminUrl() })
  await client.connect()
  try {
    await run(client)
  } finally {
    await client.end()
  }
}

/**
 * A fresh, uniquely named database on the real Postgres server; no two test files share one. With
 * `template`, a copy of that database (a benchmark's prebuilt catalogue): Postgres copies the files,
 * far faster than loading the rows again.
 */
export const createTestDatabase = async (prefix: string, { template }: { template?: string } = {}): Promise<TestDatabase> => {
  const name = `showroom_test_${prefix.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`.toLowerCase()
  const from = template === undefined ? '' : ` template "${template.replace(/"/g, '')}"`
  await withAdmin((client) => client.query(`create database "${name}"${from}`).then(() => undefined))
  const url = new URL(adminUrl())
  url.pathname = `/${name}`
  return {
    drop: () => withAdmin((client) => client.query(`drop database if exists "${name}" with (force)`).then(() => undefined)),
    name,
    url: url.toString(),
  }
}
