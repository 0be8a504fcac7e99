import { afterAll, beforeAll, expect, it } from 'vitest'

import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
beforeAll(async () => {
  cms = await startTestCms('first_user')
})
afterAll(async () => cms?.close())

const post = (path: string, body: unknown) => cms.api(path, { body: JSON.stringify(body), method: 'POST' })
const rolesOf = async (email: string) =>
  (await cms.payload.find({ collection: 'users', where: { email: { equals: email } } })).docs[0]?.roles

it('takes no public sign-up before the install has its first account', async () => {
  // A visitor on a freshly deployed storefront, before the owner has created the admin.
  const early = await post('/users', { email: 'early@example.test', password: 'a-Long-passw0rd' })
  expect(early.status).toBe(403)
  expect(await early.json()).toMatchObject({ errors: [{ message: 'This shop does not take new accounts yet: its administrator has not been set up.' }] })
  expect((await cms.payload.count({ collection: 'users' })).totalDocs).toBe(0)
})

it('makes the first account of a fresh install an admin, and only the first', async () => {
  // The install's most powerful account gets no weak password either.
  const weak = await post('/users/first-register', { email: 'owner@example.test', password: '1234567890' })
  expect(weak.status).toBe(400)
  expect(JSON.stringify(await weak.json())).toMatch(/too easy to guess/)
  // What the admin's "create first user" screen sends when the roles field is left at its default.
  const first = await post('/users/first-register', {
    email: 'owner@example.test',
    password: 'a-Long-passw0rd',
    roles: ['customer'],
  })
  expect(first.status).toBe(200)
  expect(await rolesOf('owner@example.test')).toEqual(['admin'])

  expect((await post('/users/first-register', { email: 'late@example.test', password: 'a-Long-passw0rd' })).status).toBe(403)
  expect((await post('/users', { email: 'shopper@example.test', password: 'a-Long-passw0rd', roles: ['admin'] })).status).toBe(201)
  expect(await rolesOf('shopper@example.test')).toEqual(['customer'])
})
