/**
 * Child process of `testDatabaseFallback.test.ts`: a test run's database set-up on a machine where nothing
 * answers at the probed address (argv[2]), then one test database created, used and dropped through it.
 */
import { createTestDatabase, provideTestDatabaseServer } from '@showroom/test-support'
import pg from 'pg'

const [, , systemUrl = ''] = process.argv
const teardown = await provideTestDatabaseServer({ systemUrl })
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? ''
const database = await createTestDatabase('fallback')
const client = new pg.Client({ connectionString: database.url })
await client.connect()
const { rows } = await client.query<{ db: string; version: string }>('select current_database() as db, version() as version')
await client.end()
await database.drop()
const admin = new pg.Client({ connectionString: adminUrl })
await admin.connect()
const left = await admin.query('select 1 from pg_database where datname = $1', [database.name])
await admin.end()
await teardown()
console.log(`result ${JSON.stringify({ adminUrl, dropped: left.rowCount === 0, ...rows[0] })}`)
