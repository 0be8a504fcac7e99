import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import type { PostgresAdapter } from '@payloadcms/db-postgres'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, TEST_SECRET, type TestCms } from './startTestCms'

const cmsDir = path.resolve(import.meta.dirname, '..')
const committedTypes = path.resolve(cmsDir, '../shared-types/src/payload-types.ts')

let cms: TestCms
beforeAll(async () => {
  cms = await startTestCms('schema')
})
afterAll(async () => cms?.close())

describe('committed artefacts match the config', () => {
  it('the migrations build exactly the schema the collections define (run `pnpm --filter @showroom/cms migrate:create` after a schema change)', async () => {
    const db = cms.payload.db as unknown as PostgresAdapter
    const { pushSchema } = db.requireDrizzleKit()
    // Diff the migrated database against the schema Payload derives from the config; apply nothing.
    // Typed loosely by Payload; drizzle-kit's push also reports the statements it would run.
    const { statementsToExecute } = (await pushSchema(db.schema, db.drizzle, ['public'], db.tablesFilter)) as unknown as {
      statementsToExecute: string[]
    }
    // drizzle-kit's introspection reads a numeric column's `DEFAULT 0` back as a string and always
    // re-proposes it, although the migration already sets it; those are not drift.
    const drift = statementsToExecute.filter((statement) => !/ALTER COLUMN "\w+" SET DEFAULT 0;$/.test(statement))
    expect(drift).toEqual([])
  })

  it('shared-types/src/payload-types.ts is up to date (run `pnpm generate` after a schema change)', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'showroom-types-'))
    const outputFile = path.join(outDir, 'payload-types.ts')
    try {
      await promisify(execFile)('pnpm', ['exec', 'payload', 'generate:types'], {
        cwd: cmsDir,
        env: {
          ...process.env,
          DATABASE_URL: cms.databaseUrl,
          PAYLOAD_SECRET: TEST_SECRET,
          PAYLOAD_TS_OUTPUT_PATH: outputFile,
        },
      })
      expect(readFileSync(committedTypes, 'utf8')).toBe(readFileSync(outputFile, 'utf8'))
    } finally {
      rmSync(outDir, { force: true, recursive: true })
    }
  })
})
