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

it('locks an account after five failed logins, even against the right password', async () => {
  const { bob } = actors
  for (let i = 0; i < 5; i += 1) expect((await attempt(bob.email, 'wrong-password')).status).toBe(401)
  const locked = await attempt(bob.email, bob.password)
  expect(locked.status).toBe(401)
  expect(JSON.stringify(await locked.json())).toMatch(/locked/i)
  // Others are unaffected.
  expect((await attempt(actors.alice.email, actors.alice.password)).status).toBe(200)
})

it('logs out for real: the token stops working once its session is ended', async () => {
  const { alice } = actors
  const { token } = (await (await attempt(alice.email, alice.password)).json()) as { token: string }
  const me = async () => ((await (await cms.api('/users/me', { token })).json()) as { user: unknown }).user
  expect(await me()).toMatchObject({ email: alice.email })
  expect((await cms.api('/users/logout', { method: 'POST', token })).status).toBe(200)
  expect(await me()).toBeNull()
})
