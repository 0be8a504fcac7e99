/**
 * The two answers to "may the webhook poller run yet?" on a real database, before and after the
 * committed migrations: the host's (pending migrations) and the plugin's default (missing tables).
 */
import { createTestDatabase, type TestDatabase } from '@showroom/test-support'
import { getPayload, type Migration, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildShowroomConfig } from '../src/buildShowroomConfig'
import { pendingMigrations } from '../src/database/pendingMigrations'
import { migrations } from '../src/migrations'
import { missingWebhookTables, sanitizeConfig } from '@showroom/payload-commerce'
import { closePayload } from './closePayload'
import { TEST_SECRET, TEST_SERVER_URL, TEST_STOREFRONT_URL } from './startTestCms'

let database: TestDatabase
let payload: Payload

beforeAll(async () => {
  database = await createTestDatabase('schema_checks')
  const config = await buildShowroomConfig({
    DATABASE_POOL_MAX: 3,
    DATABASE_URL: database.url,
    MEDIA_DIR: 'media',
    NODE_ENV: 'test',
    PAYLOAD_SECRET: TEST_SECRET,
    SERVER_URL: TEST_SERVER_URL,
    STOREFRONT_URL: [TEST_STOREFRONT_URL],
  })
  payload = await getPayload({ config, key: database.name })
})

afterAll(async () => {
  if (payload) await closePayload(payload)
  await database?.drop()
})

describe('schema checks', () => {
  it('name everything missing on a database never migrated, and nothing once the migrations are applied', async () => {
    const plugin = sanitizeConfig()
    expect(await pendingMigrations(payload, migrations)).toEqual(migrations.map((migration) => migration.name))
    expect(await missingWebhookTables(payload, plugin)).toEqual(['webhook_deliveries', 'webhook_endpoints', 'payload_jobs'])

    // Payload types a migration's args as `unknown`; ours take the Postgres adapter's.
    await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
    expect(await pendingMigrations(payload, migrations)).toEqual([])
    expect(await missingWebhookTables(payload, plugin)).toEqual([])
    // A migration committed after this database was migrated is still pending.
    expect(await pendingMigrations(payload, [...migrations, { name: '20991231_000000_later' }])).toEqual(['20991231_000000_later'])
  })
})
