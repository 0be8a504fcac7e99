import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { resilientPg } from '../src/database/resilientPg'
import { eventually } from './apiProcess'
import { type PrivatePostgres, startPrivatePostgres } from './privatePostgres'

let postgres: PrivatePostgres
const warnings: { code?: string }[] = []
const logger = { warn: (details: object) => void warnings.push(details) }

beforeAll(async () => {
  postgres = await startPrivatePostgres()
}, 60_000)
afterAll(async () => {
  await postgres?.close()
})

describe('the Postgres pool the CMS runs on', () => {
  it('survives the database going away under a transaction that is between statements, then serves again', async () => {
    const { Pool } = resilientPg(logger)
    const pool = new Pool({ connectionString: postgres.url, max: 2 })
    // Payload's adapter hands out its first client for good; this pool gives that one back at once.
    await pool.connect()
    // A transaction's client stays checked out between its statements (a hook awaiting something else),
    // which is when the pool itself no longer listens to that client's errors.
    const busy = await pool.connect()
    await busy.query('begin')
    await busy.query('select 1')

    // With no listener, the terminated connection's `error` is an uncaught exception: the CMS process dies
    // and every request in flight gets a reset.
    await postgres.stop()
    await eventually('the lost connection logged', async () => warnings.some((warning) => warning.code === '57P01'), 10_000)
    await expect(busy.query('commit')).rejects.toThrow(/not queryable|terminat|Connection/i)
    busy.release()

    await postgres.start()
    const answer = await eventually('the pool serving again', async () => (await pool.query<{ one: number }>('select 1 as one').catch(() => undefined))?.rows[0], 10_000)
    expect(answer).toEqual({ one: 1 })
    expect(pool.totalCount).toBeLessThanOrEqual(1)
    await pool.end()
  }, 60_000)
})
