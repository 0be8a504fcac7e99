import type { User } from '@showroom/shared-types'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, createActors, findSecrets, login } from './actors'
import { orderRecord } from './orderRecord'
import { startTestCms, TEST_STOREFRONT_URL, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors

beforeAll(async () => {
  cms = await startTestCms('accounts')
  // Creates the admin first, so the customer registering below is not the install's first user.
  actors = await createActors(cms)
})
afterAll(async () => cms?.close())

const post = (path: string, body: unknown, token?: string) => cms.api(path, { body: JSON.stringify(body), method: 'POST', token })
const json = async <T = Record<string, unknown>>(response: Response) => (await response.json()) as T
const me = async (token: string) => (await json<{ user: User | null }>(await cms.api('/users/me', { token }))).user

describe('a customer account', () => {
  const email = 'carol@example.test'
  const password = 'carol-Passw0rd!'
  const newPassword = 'carol-N3w-passphrase'
  let id: number
  let token: string

  const home = { city: 'Berlin', country: 'de', label: 'Home', line1: 'Torstraße 1', name: 'Carol Customer', postalCode: '10119' }

  it('registers, signs in and sees her own profile, without any secret', async () => {
    const registered = await post('/users', { email, name: 'Carol', password })
    expect(registered.status).toBe(201)
    const registeredBody = await json<{ doc: User }>(registered)
    expect(findSecrets(registeredBody)).toEqual([])
    id = registeredBody.doc.id

    const signedIn = await login(cms, email, password)
    expect(findSecrets(signedIn)).toEqual([])
    token = signedIn.token

    const response = await cms.api('/users/me', { token })
    const body = await json<{ user: User }>(response)
    expect(body.user).toMatchObject({ email, id, name: 'Carol', roles: ['customer'] })
    expect(findSecrets(body)).toEqual([])
  })

  it('refuses a password shorter than 10 characters at sign-up and on change, writing nothing', async () => {
    const refused = await post('/users', { email: 'shorty@example.test', name: 'Shorty', password: 'nine-char' })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ errors: [{ data: { errors: [{ message: 'Use at least 10 characters.', path: 'password' }] } }] })
    expect((await post('/users/login', { email: 'shorty@example.test', password: 'nine-char' })).status).toBe(401)

    const change = await cms.api(`/users/${id}`, { body: JSON.stringify({ currentPassword: password, name: 'Renamed', password: 'tiny' }), method: 'PATCH', token })
    expect(change.status).toBe(400)
    expect(await me(token)).toMatchObject({ name: 'Carol' })
  })

  it('refuses easily guessed passwords at sign-up and on change, saying why', async () => {
    const reasons = {
      '          ': 'The password must not be only spaces.',
      '1234567890': /^This password is too easy to guess\. This is a frequently used password\./,
      aaaaaaaaaaaa: 'The password must not repeat a single character.',
      'abcabcabcabc': /^This password is too easy to guess\. Repeated character patterns/,
      qwertyuiop1: /^This password is too easy to guess\./,
    }
    for (const [weak, reason] of Object.entries(reasons)) {
      const refused = await post('/users', { email: 'weak@example.test', password: weak })
      expect(refused.status, weak).toBe(400)
      expect(await refused.json()).toMatchObject({ errors: [{ data: { errors: [{ message: reason, path: 'password' }] } }] })
      const change = await cms.api(`/users/${id}`, { body: JSON.stringify({ currentPassword: password, password: weak }), method: 'PATCH', token })
      expect(change.status, weak).toBe(400)
    }
    expect((await cms.payload.count({ collection: 'users', where: { email: { equals: 'weak@example.test' } } })).totalDocs).toBe(0)
    expect((await post('/users/login', { email, password })).status).toBe(200)
  })

  describe('changing her password or email', () => {
    const patch = (body: unknown, as = token) => cms.api(`/users/${id}`, { body: JSON.stringify(body), method: 'PATCH', token: as })
    const changed = 'carol-Ch4nged-passphrase'

    it('needs her current password: a stolen session token alone changes neither', async () => {
      for (const body of [{ password: changed }, { password: changed, currentPassword: 'not-her-password' }, { email: 'thief@example.test' }]) {
        const refused = await patch(body)
        expect(refused.status).toBe(400)
        expect(await refused.json()).toMatchObject({
          errors: [{ data: { errors: [{ message: 'Enter your current password to change your password or email.', path: 'currentPassword' }] } }],
        })
      }
      expect((await post('/users/login', { email, password })).status).toBe(200)
      expect(await me(token)).toMatchObject({ email })
    })

    it('with it, changes the password and signs out her other sessions, keeping this one', async () => {
      const other = (await login(cms, email, password)).token
      expect((await patch({ currentPassword: password, password: changed })).status).toBe(200)
      expect(await me(other)).toBeNull()
      expect(await me(token)).toMatchObject({ email })
      expect((await post('/users/login', { email, password: changed })).status).toBe(200)
      // Back to the password the rest of this file signs in with.
      expect((await patch({ currentPassword: changed, password })).status).toBe(200)
    })

    it('with it, changes the email and signs out her other sessions', async () => {
      const other = (await login(cms, email, password)).token
      expect((await patch({ currentPassword: password, email: 'carol.new@example.test' })).status).toBe(200)
      expect(await me(other)).toBeNull()
      expect(await me(token)).toMatchObject({ email: 'carol.new@example.test' })
      expect((await patch({ currentPassword: password, email })).status).toBe(200)
    })

    it('an admin may set another user\'s password without it (a reset for her); a customer may not set anyone else\'s', async () => {
      expect((await cms.api(`/users/${id}`, { body: JSON.stringify({ password: changed }), method: 'PATCH', token: actors.admin.token })).status).toBe(200)
      expect((await post('/users/login', { email, password: changed })).status).toBe(200)
      expect((await cms.api(`/users/${id}`, { body: JSON.stringify({ password: 'bob-Was-here-2024' }), method: 'PATCH', token: actors.bob.token })).status).toBe(403)
      expect((await cms.api(`/users/${id}`, { body: JSON.stringify({ password }), method: 'PATCH', token: actors.admin.token })).status).toBe(200)
      token = (await login(cms, email, password)).token
    })
  })

  it('updates her name and address book', async () => {
    const response = await cms.api(`/users/${id}`, {
      body: JSON.stringify({ addresses: [home], name: 'Carol C.' }),
      method: 'PATCH',
      token,
    })
    expect(response.status).toBe(200)
    expect(findSecrets(await response.json())).toEqual([])
    expect(await me(token)).toMatchObject({
      addresses: [{ ...home, country: 'DE', isDefault: false }],
      name: 'Carol C.',
    })
  })

  it('is told which address fields are wrong, and nothing changes', async () => {
    const { city: _city, ...withoutCity } = home
    const response = await cms.api(`/users/${id}`, {
      body: JSON.stringify({ addresses: [{ ...withoutCity, country: 'Germany' }], name: 'Changed' }),
      method: 'PATCH',
      token,
    })
    expect(response.status).toBe(400)
    const errors = JSON.stringify(await response.json())
    expect(errors).toMatch(/addresses\.0\.city/)
    expect(errors).toMatch(/addresses\.0\.country/)
    expect(errors).toMatch(/two-letter country code/)
    expect(await me(token)).toMatchObject({ addresses: [{ city: 'Berlin', country: 'DE' }], name: 'Carol C.' })
  })

  describe('forgotten password', () => {
    let resetToken: string
    let answerForKnown: { body: unknown; status: number }

    it('sends exactly one email, linking to the storefront reset page', async () => {
      const before = cms.emails.length
      const response = await post('/users/forgot-password', { email })
      answerForKnown = { body: await response.json(), status: response.status }
      expect(answerForKnown.status).toBe(200)

      const sent = cms.emails.slice(before)
      expect(sent).toHaveLength(1)
      const [message] = sent
      expect(message).toMatchObject({ from: '"Showroom" <shop@showroom.local>', subject: 'Reset your Showroom password', to: [email] })
      expect(message?.html).toContain('Hello Carol C.,')
      expect(message?.links).toHaveLength(1)
      const link = new URL(message?.links[0] ?? '')
      expect(`${link.origin}${link.pathname}`).toBe(`${TEST_STOREFRONT_URL}/account/reset`)
      resetToken = link.searchParams.get('token') ?? ''
      expect(resetToken).toMatch(/^[0-9a-f]{40}$/)
    })

    it('answers an unknown address exactly like a known one, and sends nothing', async () => {
      const before = cms.emails.length
      const response = await post('/users/forgot-password', { email: 'nobody@example.test' })
      expect({ body: await response.json(), status: response.status }).toEqual(answerForKnown)
      expect(cms.emails.length).toBe(before)
    })

    it('writes in German, linking to the German reset page, to a customer who asked from the German shop', async () => {
      const german = 'greta@example.test'
      expect((await post('/users', { email: german, name: 'Greta', password: 'greta-Passw0rd!' })).status).toBe(201)
      const before = cms.emails.length
      expect((await post('/users/forgot-password?locale=de', { email: german })).status).toBe(200)
      const [message] = cms.emails.slice(before)
      expect(message).toMatchObject({ subject: 'Ihr Passwort bei Showroom zurücksetzen', to: [german] })
      expect(message?.html).toContain('Hallo Greta,')
      expect(message?.html).toContain('innerhalb von 60 Minuten')
      const link = new URL(message?.links[0] ?? '')
      expect(`${link.origin}${link.pathname}`).toBe(`${TEST_STOREFRONT_URL}/de/account/reset`)
    })

    it('refuses a short or easily guessed new password, and the link still works afterwards', async () => {
      const response = await post('/users/reset-password', { password: 'short-pw1', token: resetToken })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ errors: [{ data: { errors: [{ message: 'Use at least 10 characters.', path: 'password' }] } }] })
      const common = await post('/users/reset-password', { password: 'password123', token: resetToken })
      expect(common.status).toBe(400)
      expect(await common.json()).toMatchObject({ errors: [{ data: { errors: [{ message: /^This password is too easy to guess\./, path: 'password' }] } }] })
      expect((await post('/users/login', { email, password })).status).toBe(200)
    })

    it('sets a new password with the token; the old one and the old sessions stop working', async () => {
      const before = token
      const response = await post('/users/reset-password', { password: newPassword, token: resetToken })
      expect(response.status).toBe(200)
      const body = await json<{ token: string; user: User }>(response)
      expect(body.user).toMatchObject({ email, id })
      expect(findSecrets(body)).toEqual([])

      expect((await post('/users/login', { email, password })).status).toBe(401)
      // Whoever knew the old password and was signed in with it is signed out.
      expect(await me(before)).toBeNull()
      token = (await login(cms, email, newPassword)).token
      expect(await me(token)).toMatchObject({ email })
    })

    it('does not accept the same token twice', async () => {
      const response = await post('/users/reset-password', { password: 'someone-Else-1234', token: resetToken })
      expect(response.status).toBe(403)
      expect((await post('/users/login', { email, password: newPassword })).status).toBe(200)
    })
  })

  it('signs out: the token no longer identifies her', async () => {
    expect((await post('/users/logout', {}, token)).status).toBe(200)
    expect(await me(token)).toBeNull()
  })
})

describe('order history', () => {
  type OrderPage = {
    docs: Array<{ createdAt: string; customer: number | { id: number }; id: number }>
    hasNextPage: boolean
    page: number
    totalDocs: number
    totalPages: number
  }
  const aliceOrders: number[] = []

  beforeAll(async () => {
    const { alice, bob } = actors
    for (let i = 0; i < 25; i += 1) {
      aliceOrders.push((await cms.payload.create({ collection: 'orders', data: orderRecord(alice.email, alice.id) })).id)
    }
    for (let i = 0; i < 3; i += 1) await cms.payload.create({ collection: 'orders', data: orderRecord(bob.email, bob.id) })
  })

  const page = async (n: number): Promise<OrderPage> => {
    const response = await cms.api(`/orders?limit=10&page=${n}&sort=-createdAt&depth=0`, { token: actors.alice.token })
    expect(response.status).toBe(200)
    return json<OrderPage>(response)
  }

  it('pages through only her own orders, newest first', async () => {
    const last = await page(3)
    expect(last).toMatchObject({ hasNextPage: false, page: 3, totalDocs: 25, totalPages: 3 })
    expect(last.docs).toHaveLength(5)
    expect(last.docs.every((doc) => doc.customer === actors.alice.id)).toBe(true)

    const all = [...(await page(1)).docs, ...(await page(2)).docs, ...last.docs]
    expect(all.map((doc) => doc.id).sort((a, b) => a - b)).toEqual([...aliceOrders].sort((a, b) => a - b))
    const times = all.map((doc) => Date.parse(doc.createdAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })
})

it('keeps customers out of /admin', async () => {
  type Access = { canAccessAdmin?: boolean }
  // Payload leaves `canAccessAdmin` out of the answer when it is false.
  const asCustomer = await json<Access>(await cms.api('/access', { token: actors.alice.token }))
  expect(asCustomer.canAccessAdmin ?? false).toBe(false)
  const asEditor = await json<Access>(await cms.api('/access', { token: actors.editor.token }))
  expect(asEditor.canAccessAdmin).toBe(true)
})
