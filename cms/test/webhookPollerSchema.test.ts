/**
 * The webhook poller and the database schema: a CMS started before its migrations waits for them
 * (quietly, once said), and once the schema is in place a missing table is a loud error, not a skip.
 */
import path from 'node:path'

import { cmsScriptArgs, createTestDatabase, freePort, type RunningProcess, startProcess, type TestDatabase } from '@showroom/test-support'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { API_PROCESS_START_MS, eventually, startApiProcess } from './apiProcess'
import { TEST_SECRET } from './startTestCms'

const METRICS_TOKEN = 'metrics-token-0123456789'

let database: TestDatabase
let cms: RunningProcess | undefined
let api: string

type LogLine = { err?: { message?: string }; level?: string; msg?: string; pending?: string[]; postgresCode?: string; schemaReady?: boolean }

/** The CMS's JSON log lines so far (pino: 30 info, 50 error). */
const logLines = (): LogLine[] =>
  (cms?.output() ?? '')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)

const errors = (): LogLine[] => logLines().filter((line) => line.level === 'error' || line.level === 'fatal')

beforeAll(async () => {
  database = await createTestDatabase('poller_schema')
  const port = await freePort()
  api = `http://127.0.0.1:${port}/api/v1`
  // As a rolling deploy may: the new code is up before anyone has run `payload migrate`.
  cms = await startProcess({
    args: [...cmsScriptArgs('scripts/serveApi.ts'), '--port', String(port)],
    command: process.execPath,
    cwd: path.resolve(import.meta.dirname, '..'),
    env: {
      ...process.env,
      DATABASE_POOL_MAX: '4',
      DATABASE_URL: database.url,
      METRICS_TOKEN,
      NODE_ENV: 'production',
      PAYLOAD_SECRET: TEST_SECRET,
      SERVER_URL: `http://127.0.0.1:${port}`,
      WEBHOOK_POLL_INTERVAL_MS: '50',
    },
    readyLine: /^listening on (http:\/\/\S+)$/m,
    timeoutMs: API_PROCESS_START_MS,
  })
}, API_PROCESS_START_MS + 30_000)

afterAll(async () => {
  await cms?.stop()
  await database?.drop()
})

describe('the webhook poller', () => {
  it('waits for the migrations, saying so once and logging no error, and starts once another instance applied them', async () => {
    const waiting = await eventually('the poller to say it waits', async () => logLines().find((line) => line.msg?.startsWith('Webhook poller waits for the database schema')))
    expect(waiting).toMatchObject({ level: 'info', pending: expect.arrayContaining(['20261121_080716_initial', '20261121_111121_webhooks']) })

    // Another instance migrates the database (and is gone again).
    const migrator = await startApiProcess(database.url)
    await migrator.process.stop()

    await eventually('the poller to start', async () => logLines().some((line) => line.msg === 'Webhook poller started: the database schema is in place'))
    expect(logLines().filter((line) => line.msg?.startsWith('Webhook poller waits'))).toHaveLength(1)
    expect(errors()).toEqual([])
  }, API_PROCESS_START_MS + 30_000)

  it('fails loudly once the schema is in place and a table it needs is gone: an error line with the cause, and a metric', async () => {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      await client.query('drop table webhook_deliveries cascade')
    } finally {
      await client.end()
    }
    const failure = await eventually('the poller to log an error', async () => errors().find((line) => line.msg?.startsWith('Webhook poller failed')))
    expect(failure).toMatchObject({ err: { message: expect.stringContaining('"webhook_deliveries"') }, postgresCode: '42P01', schemaReady: true })

    const metrics = await (await fetch(`${api}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text()
    expect(Number(metrics.match(/^showroom_cms_webhook_poller_errors_total (\d+)$/m)?.[1])).toBeGreaterThanOrEqual(1)
  })
})
