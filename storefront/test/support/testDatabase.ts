import { randomBytes } from 'node:crypto'

import pg from 'pg'

/** The Postgres server test databases are created on (trust auth); each is dropped after its suite. */
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export type TestDatabase = { drop: () => Promise<void>; name: string; url: string }

const asAdmin = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** A new, uniquely named, empty database on the real Postgres server. */
export const createTestDatabase = async (prefix: string): Promise<TestDatabase> => {
  const name = `showroom_test_${prefix.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`.toLowerCase()
  await asAdmin(`create database "${name}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    // `with (force)` ends connections a crashed CMS may have left behind.
    drop: () => asAdmin(`drop database if exists "${name}" with (force)`),
    name,
    url: url.toString(),
  }
}
