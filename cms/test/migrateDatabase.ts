/**
 * Applies the committed migrations to `DATABASE_URL` as `scripts/serveApi.ts --migrate` does, then exits:
 * the test run's template database (`test-support/src/migratedTemplate.ts`), cloned by every test file.
 */
import { getPayload, type Migration } from 'payload'

import { migrateExclusively } from '../src/database/migrateExclusively'
import { migrations } from '../src/migrations'
import config from '../src/payload.config'

const payload = await getPayload({ config })
// Payload types a migration's args as `unknown`; ours take the Postgres adapter's.
await migrateExclusively(payload, migrations as unknown as Migration[])
await payload.destroy()
// Payload keeps one client checked out for its whole life: leaving the process closes it (see serveApi.ts).
process.exit(0)
