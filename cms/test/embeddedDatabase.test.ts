import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { afterAll, expect, it } from 'vitest'

import { startEmbeddedDatabase } from '../src/embeddedDatabase'

const root = mkdtempSync(path.join(tmpdir(), 'showroom-pglite-'))
const dir = path.join(root, 'pglite')
afterAll(() => rmSync(root, { force: true, recursive: true }))

const query = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows as Array<Record<string, unknown>>
  } finally {
    await client.end()
  }
}

it('serves Postgres over the wire protocol, keeps its data across restarts, and is shared by a second launcher', async () => {
  const first = await startEmbeddedDatabase({ dir })
  expect(first.owned).toBe(true)
  await query(first.url, 'create table notes (body text)')
  await query(first.url, "insert into notes values ('kept')")

  // A second launcher (say `pnpm seed` while `pnpm dev` runs) connects to the running server.
  const second = await startEmbeddedDatabase({ dir })
  expect(second).toMatchObject({ owned: false, url: first.url })
  expect(await query(second.url, 'select body from notes')).toEqual([{ body: 'kept' }])
  await second.stop()
  expect(await query(first.url, 'select count(*)::int as n from notes')).toEqual([{ n: 1 }])

  await first.stop()
  const restarted = await startEmbeddedDatabase({ dir })
  try {
    expect(restarted.owned).toBe(true)
    expect(await query(restarted.url, 'select body from notes')).toEqual([{ body: 'kept' }])
  } finally {
    await restarted.stop()
  }
})
