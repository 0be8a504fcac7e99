import type { User } from '@showroom/shared-types'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, type Caller, CALLERS, createActors, findSecrets, login, tokenOf } from '../actors'
import { startTestCms, type TestCms } from '../startTestCms'

let cms: TestCms
let actors: Actors

beforeAll(async () => {
  cms = await startTestCms('access_users')
  actors = await createActors(cms)
})
afterAll(async () => cms?.close())

const rolesOf = async (id: number) => (await cms.payload.findByID({ collection: 'users', id })).roles
const json = async (response: Response) => (await response.json()) as Record<string, unknown>

describe('sign-up', () => {
  it('is open to anyone and yields a customer', async () => {
    const response = await cms.api('/users', {
      body: JSON.stringify({ email: 'new@example.test', name: 'New', password: 'a-Long-passw0rd' }),
      method: 'POST',
    })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: User }
    expect(await rolesOf(doc.id)).toEqual(['customer'])
  })

  it.each<[string, Caller]>([
    ['anonymous visitor', 'anonymous'],
    ['signed-in customer', 'customer'],
    ['editor', 'editor'],
  ])('yields a customer even when a %s claims admin or editor', async (_, caller) => {
    const email = `climber-${caller}@example.test`
    const response = await cms.api('/users', {
      body: JSON.stringify({ email, password: 'a-Long-passw0rd', roles: ['admin', 'editor'] }),
      method: 'POST',
      token: tokenOf(actors, caller),
    })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: User }
    expect(await rolesOf(doc.id)).toEqual(['customer'])
  })

  it('lets an admin create staff', async () => {
    const response = await cms.api('/users', {
      body: JSON.stringify({ email: 'staff@example.test', password: 'a-Long-passw0rd', roles: ['editor'] }),
      method: 'POST',
      token: actors.admin.token,
    })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: User }
    expect(await rolesOf(doc.id)).toEqual(['editor'])
  })
})

describe.each(CALLERS)('users as %s', (caller) => {
  const token = () => tokenOf(actors, caller)
  const self = () => (caller === 'anonymous' ? undefined : actors[caller === 'customer' ? 'alice' : caller])

  it(`lists ${caller === 'admin' ? 'everyone' : caller === 'anonymous' ? 'nobody' : 'only themselves'}`, async () => {
    const response = await cms.api('/users?limit=100', { token: token() })
    if (caller === 'anonymous') {
      expect(response.status).toBe(403)
      return
    }
    const ids = ((await response.json()) as { docs: User[] }).docs.map((user) => user.id)
    if (caller === 'admin') expect(ids).toEqual(expect.arrayContaining([actors.alice.id, actors.bob.id, actors.editor.id]))
    else expect(ids).toEqual([self()?.id])
  })

  it(`${caller === 'admin' ? 'may' : 'may not'} read, update or delete another user`, async () => {
    const admin = caller === 'admin'
    const read = await cms.api(`/users/${actors.bob.id}`, { token: token() })
    expect(read.status).toBe(admin ? 200 : caller === 'anonymous' ? 403 : 404)

    const update = await cms.api(`/users/${actors.bob.id}`, { body: JSON.stringify({ name: `by ${caller}` }), method: 'PATCH', token: token() })
    expect(update.status).toBe(admin ? 200 : 403)
    expect((await cms.payload.findByID({ collection: 'users', id: actors.bob.id })).name).toBe(admin ? `by ${caller}` : 'bob')
    if (admin) await cms.payload.update({ collection: 'users', data: { name: 'bob' }, id: actors.bob.id })

    const victim = await cms.payload.create({
      collection: 'users',
      data: { email: `victim-${caller}@example.test`, password: 'a-Long-passw0rd', roles: ['customer'] },
    })
    const remove = await cms.api(`/users/${victim.id}`, { method: 'DELETE', token: token() })
    expect(remove.status).toBe(admin ? 200 : 403)
    expect((await cms.payload.count({ collection: 'users', where: { id: { equals: victim.id } } })).totalDocs).toBe(admin ? 0 : 1)
  })

})

describe.each(['customer', 'editor', 'admin'] as const)('a signed-in %s', (caller) => {
  it('may update their own profile but never their own roles', async () => {
    const me = actors[caller === 'customer' ? 'alice' : caller]
    const token = () => me.token
    const before = await rolesOf(me.id)
    const response = await cms.api(`/users/${me.id}`, {
      body: JSON.stringify({ name: `${caller} renamed`, roles: ['admin'] }),
      method: 'PATCH',
      token: token(),
    })
    expect(response.status).toBe(200)
    const stored = await cms.payload.findByID({ collection: 'users', id: me.id })
    expect(stored.name).toBe(`${caller} renamed`)
    expect(stored.roles).toEqual(caller === 'admin' ? ['admin'] : before)
  })
})

describe('roles', () => {
  it('an admin may promote a customer, and the new role takes effect', async () => {
    const user = await cms.payload.create({
      collection: 'users',
      data: { email: 'promoted@example.test', password: 'a-Long-passw0rd', roles: ['customer'] },
    })
    const response = await cms.api(`/users/${user.id}`, { body: JSON.stringify({ roles: ['editor'] }), method: 'PATCH', token: actors.admin.token })
    expect(response.status).toBe(200)
    const { token } = await login(cms, 'promoted@example.test', 'a-Long-passw0rd')
    const created = await cms.api('/categories', { body: JSON.stringify({ title: 'Promoted' }), method: 'POST', token })
    expect(created.status).toBe(201)
  })

  it('an editor may promote neither herself nor a customer', async () => {
    const self = await cms.api(`/users/${actors.editor.id}`, { body: JSON.stringify({ roles: ['admin'] }), method: 'PATCH', token: actors.editor.token })
    expect(self.status).toBe(200)
    expect(await rolesOf(actors.editor.id)).toEqual(['editor'])
    const other = await cms.api(`/users/${actors.alice.id}`, { body: JSON.stringify({ roles: ['editor'] }), method: 'PATCH', token: actors.editor.token })
    expect(other.status).toBe(403)
    expect(await rolesOf(actors.alice.id)).toEqual(['customer'])
  })
})

describe('the admin panel', () => {
  it.each<[Caller, boolean]>([
    ['anonymous', false],
    ['customer', false],
    ['editor', true],
    ['admin', true],
  ])('%s → may enter /admin: %s', async (caller, allowed) => {
    const response = await cms.api('/access', { token: tokenOf(actors, caller) })
    expect(response.status).toBe(200)
    expect(Boolean((await json(response)).canAccessAdmin)).toBe(allowed)
  })
})

describe('secret fields', () => {
  it('never appear in sign-up, login, me, read, list or update responses', async () => {
    const signUp = await cms.api('/users', {
      body: JSON.stringify({ email: 'secretive@example.test', password: 'a-Long-passw0rd' }),
      method: 'POST',
    })
    const loginResponse = await cms.api('/users/login', {
      body: JSON.stringify({ email: actors.alice.email, password: actors.alice.password }),
      method: 'POST',
    })
    // A pending reset stores a token on the user: it must stay on the server too.
    const forgot = await cms.api('/users/forgot-password', { body: JSON.stringify({ email: actors.alice.email }), method: 'POST' })
    expect(forgot.status).toBe(200)
    const stored = await cms.payload.db.findOne<Record<string, unknown> & { id: number }>({
      collection: 'users',
      where: { id: { equals: actors.alice.id } },
    })
    expect(stored?.resetPasswordToken).toEqual(expect.any(String))
    expect(stored?.sessions).toEqual(expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]))

    const responses: Array<[string, Response]> = [
      ['sign-up', signUp],
      ['login', loginResponse],
      ['me (customer)', await cms.api('/users/me', { token: actors.alice.token })],
      ['me (admin)', await cms.api('/users/me', { token: actors.admin.token })],
      ['read self', await cms.api(`/users/${actors.alice.id}`, { token: actors.alice.token })],
      ['admin reads a customer', await cms.api(`/users/${actors.alice.id}`, { token: actors.admin.token })],
      ['admin lists users', await cms.api('/users?limit=100', { token: actors.admin.token })],
      ['refresh', await cms.api('/users/refresh-token', { method: 'POST', token: actors.bob.token })],
      [
        'update self',
        await cms.api(`/users/${actors.alice.id}`, { body: JSON.stringify({ name: 'Alice' }), method: 'PATCH', token: actors.alice.token }),
      ],
    ]
    for (const [label, response] of responses) {
      expect(response.status, label).toBeLessThan(300)
      expect(findSecrets(await response.json()), label).toEqual([])
    }
  })

  it('do not appear when an order is read with its customer populated', async () => {
    const order = await cms.payload.create({
      collection: 'orders',
      data: {
        customer: actors.alice.id,
        email: actors.alice.email,
        items: [{ lineTotal: 100, quantity: 1, sku: 'X', title: 'X', unitPrice: 100 }],
        shippingAddress: { city: 'Paris', country: 'FR', line1: '1 Rue', name: 'Alice', postalCode: '75001' },
        currency: 'EUR',
        shippingTotal: 0,
        status: 'pending',
        subtotal: 100,
        total: 100,
      },
    })
    for (const token of [actors.alice.token, actors.admin.token, actors.editor.token]) {
      for (const path of [`/orders/${order.id}?depth=2`, '/orders?depth=2&limit=100']) {
        const response = await cms.api(path, { token })
        expect(response.status).toBe(200)
        expect(findSecrets(await response.json()), path).toEqual([])
      }
    }
  })
})
