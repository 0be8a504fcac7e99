import { sql } from '@payloadcms/db-postgres'
import { dummyHashCount, PAYLOAD_HASH } from '@showroom/payload-commerce'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { type Actors, createActors } from './actors'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors

beforeAll(async () => {
  cms = await startTestCms('auth')
  actors = await createActors(cms)
})
afterAll(async () => cms?.close())

const attempt = (email: string, password: string) =>
  cms.api('/users/login', { body: JSON.stringify({ email, password }), method: 'POST' })

it('never locks an account for everyone: after many wrong passwords the owner still signs in', async () => {
  // The per-account lock let anyone lock anyone out; blocking the offending client is the servers' job
  // (test/security.test.ts).
  const { bob } = actors
  for (let i = 0; i < 8; i += 1) expect((await attempt(bob.email, 'wrong-password')).status).toBe(401)
  expect((await attempt(bob.email, bob.password)).status).toBe(200)
})

it('answers an unknown email exactly like a wrong password, after hashing it as a real check would', async () => {
  const known = await attempt(actors.alice.email, 'wrong-password-1')
  const before = dummyHashCount()
  const unknown = await attempt('nobody-here@example.test', 'wrong-password-1')
  expect(dummyHashCount()).toBe(before + 1)
  expect(unknown.status).toBe(known.status)
  expect(await unknown.json()).toEqual(await known.json())
  // A real account's check costs no dummy hash.
  await attempt(actors.alice.email, 'wrong-password-2')
  expect(dummyHashCount()).toBe(before + 1)
})

it('hashes passwords as the dummy check assumes (Payload 3.90: PBKDF2-SHA256, 600,000 rounds, 32 bytes)', async () => {
  const { rows } = await cms.db.execute<{ hash: string }>(sql`SELECT hash FROM users WHERE id = ${actors.alice.id}`)
  expect(rows[0]?.hash).toMatch(new RegExp(`^${PAYLOAD_HASH.prefix}[0-9a-f]{${PAYLOAD_HASH.keyLength * 2}}$`))
})

it('logs out for real: the token stops working once its session is ended', async () => {
  const { alice } = actors
  const { token } = (await (await attempt(alice.email, alice.password)).json()) as { token: string }
  const me = async () => ((await (await cms.api('/users/me', { token })).json()) as { user: unknown }).user
  expect(await me()).toMatchObject({ email: alice.email })
  expect((await cms.api('/users/logout', { method: 'POST', token })).status).toBe(200)
  expect(await me()).toBeNull()
})
