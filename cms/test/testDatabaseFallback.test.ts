import path from 'node:path'

import { portAccepts } from '@showroom/embedded-database'
import { freePort, runProcess } from '@showroom/test-support'
import { expect, it, onTestFinished } from 'vitest'

import { startPrivatePostgres } from './privatePostgres'

const cmsDir = path.resolve(import.meta.dirname, '..')

it('runs the tests on an embedded PostgreSQL when none is configured and nothing answers at the probed address', async () => {
  const closed = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.TEST_DATABASE_ADMIN_URL
  const output = await runProcess({
    args: ['--import', 'tsx', 'test/testDatabaseFallbackChild.ts', `postgres://postgres@127.0.0.1:${closed}/postgres`],
    command: process.execPath,
    cwd: cmsDir,
    env,
    timeoutMs: 60_000,
  })
  expect(output).toContain(`no PostgreSQL at 127.0.0.1:${closed}: using an embedded PostgreSQL`)
  const result = JSON.parse(output.match(/^result (.*)$/m)?.[1] ?? 'null') as { adminUrl: string; db: string; dropped: boolean; version: string }
  expect(result).toMatchObject({ db: expect.stringMatching(/^showroom_test_fallback_/), dropped: true, version: expect.stringMatching(/^PostgreSQL 17\./) })
  const port = Number(new URL(result.adminUrl).port)
  expect(port).not.toBe(closed)
  // The run's server is gone once the run is over.
  expect(await portAccepts(port)).toBe(false)
})

it('keeps using the server at the probed address when one answers there', async () => {
  const server = await startPrivatePostgres()
  onTestFinished(() => server.close())
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.TEST_DATABASE_ADMIN_URL
  const output = await runProcess({
    args: ['--import', 'tsx', 'test/testDatabaseFallbackChild.ts', server.url],
    command: process.execPath,
    cwd: cmsDir,
    env,
    timeoutMs: 60_000,
  })
  expect(output).not.toContain('embedded PostgreSQL')
  expect(JSON.parse(output.match(/^result (.*)$/m)?.[1] ?? 'null')).toMatchObject({ adminUrl: server.url, dropped: true })
})
