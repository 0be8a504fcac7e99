import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { API_PROCESS_START_MS, type ApiProcess, eventually, startApiProcess } from './apiProcess'
import { type PrivatePostgres, startPrivatePostgres } from './privatePostgres'

let postgres: PrivatePostgres
let cms: ApiProcess
let token: string

/**
 * Every request on a connection of its own: while the database restarts, a loaded machine can leave a
 * kept-alive socket idle past the server's keep-alive timeout, and the reset of that race is the test
 * client's, not the CMS's.
 */
const fresh = { connection: 'close' }

const status = async (path: string): Promise<number> => (await fetch(`${cms.api}${path}`, { headers: fresh })).status

const createCategory = (title: string) =>
  fetch(`${cms.api}/categories`, {
    body: JSON.stringify({ title }),
    headers: { ...fresh, authorization: `JWT ${token}`, 'content-type': 'application/json' },
    method: 'POST',
  })

beforeAll(async () => {
  postgres = await startPrivatePostgres()
  cms = await startApiProcess(postgres.url)
  const registered = await fetch(`${cms.api}/users/first-register`, {
    body: JSON.stringify({ email: 'admin@example.test', name: 'Admin', password: 'admin-Passw0rd!' }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  })
  expect(registered.status).toBe(200)
  token = ((await registered.json()) as { token: string }).token
  // initdb and pg_ctl start (up to 30 s each), then the CMS's own start-up wait.
}, 2 * 30_000 + API_PROCESS_START_MS + 30_000)
afterAll(async () => {
  await cms?.process.stop()
  await postgres?.close()
})

describe('a Postgres restart', () => {
  it('makes the CMS unready and fail fast while the database is down, and it recovers by itself, twice', async () => {
    for (const round of [1, 2]) {
      expect(await status('/ready')).toBe(200)
      expect((await createCategory(`Before ${round}`)).status).toBe(201)

      await postgres.stop()
      const ready = await fetch(`${cms.api}/ready`, { headers: fresh })
      expect(ready.status).toBe(503)
      // Fails fast rather than hanging until a proxy gives up: the database check fails with the
      // connection's own error (refused, or cut by the shutdown), not with the check's time limit (a
      // hung pool) or the pool's wait for a free connection.
      const { checks } = (await ready.json()) as { checks: { database: { error?: string; ok: boolean } } }
      expect(checks.database).toEqual({ error: expect.stringMatching(/ECONNREFUSED|Connection terminated|terminating connection/), ok: false })
      expect(await status('/categories')).toBeGreaterThanOrEqual(500)
      expect(cms.process.output()).not.toMatch(/did not answer within|timeout exceeded when trying to connect/)
      // The liveness check does not touch the database: the process itself is fine.
      expect(await status('/health')).toBe(200)

      await postgres.start()
      await eventually('ready again', async () => (await status('/ready')) === 200, 10_000)
      expect(await status('/categories')).toBe(200)
      const created = await createCategory(`After ${round}`)
      expect(created.status).toBe(201)
    }
    // Same process all along, and it logged the lost connections instead of crashing.
    expect(cms.process.output()).not.toMatch(/Uncaught|unhandled/i)
  })
})
