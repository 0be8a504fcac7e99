import type { User } from '@showroom/shared-types'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, createActors, login } from './actors'
import { orderRecord } from './orderRecord'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors

beforeAll(async () => {
  cms = await startTestCms('saved_cart')
  actors = await createActors(cms)
})
afterAll(async () => cms?.close())

type Cart = NonNullable<User['cart']>

const aliceCart: Cart = { lines: [{ product: 12, quantity: 2 }, { product: 7, quantity: 1, variant: '6650f0c2a1b2c3d4e5f60718' }] }

const patch = (id: number, body: unknown, token?: string) => cms.api(`/users/${id}`, { body: JSON.stringify(body), method: 'PATCH', token })
const me = async (token: string) => ((await (await cms.api('/users/me', { token })).json()) as { user: User | null }).user
/** What is stored, read past every access rule. */
const storedCart = async (id: number) => (await cms.payload.findByID({ collection: 'users', id })).cart
/** The claims of a JWT, decoded without checking the signature (the test only looks at what is inside). */
const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>

describe('a customer’s saved cart', () => {
  it('is empty before she saves one', async () => {
    expect((await me(actors.alice.token))?.cart).toEqual({ lines: [] })
  })

  it('is saved with PATCH /users/<her id> and read back from /users/me', async () => {
    const response = await patch(actors.alice.id, { cart: aliceCart }, actors.alice.token)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { doc: User }).doc.cart).toEqual(aliceCart)
    expect((await me(actors.alice.token))?.cart).toEqual(aliceCart)
    // Another device: a fresh sign-in sees the same cart.
    const { token } = await login(cms, actors.alice.email, actors.alice.password)
    expect((await me(token))?.cart).toEqual(aliceCart)
  })

  it('is emptied by saving no lines, and null reads as empty', async () => {
    const { bob } = actors
    expect((await patch(bob.id, { cart: { lines: [{ product: 3, quantity: 1 }] } }, bob.token)).status).toBe(200)
    expect((await patch(bob.id, { cart: { lines: [] } }, bob.token)).status).toBe(200)
    expect((await me(bob.token))?.cart).toEqual({ lines: [] })
    expect((await patch(bob.id, { cart: null }, bob.token)).status).toBe(200)
    expect(await storedCart(bob.id)).toEqual({ lines: [] })
    expect((await me(bob.token))?.cart).toEqual({ lines: [] })
  })

  it.each<[string, unknown, RegExp]>([
    ['quantity 0', { lines: [{ product: 1, quantity: 0 }] }, /lines\.0\.quantity: quantity must be at least 1/],
    ['51 lines', { lines: Array.from({ length: 51 }, (_, index) => ({ product: index + 1, quantity: 1 })) }, /at most 50 lines/],
    ['a string product', { lines: [{ product: '12', quantity: 1 }] }, /lines\.0\.product: product must be a product id/],
    ['no lines', { items: [] }, /lines must be an array/],
    ['a price', { lines: [{ price: 1, product: 1, quantity: 1 }] }, /Unrecognized key: "price"/],
  ])('refuses %s with a 400 naming the problem, and changes nothing', async (_, cart, message) => {
    const response = await patch(actors.alice.id, { cart, name: 'Changed' }, actors.alice.token)
    expect(response.status).toBe(400)
    const body = (await response.json()) as { errors: Array<{ data?: { errors?: Array<{ message: string; path: string }> } }> }
    const fieldErrors = body.errors.flatMap((error) => error.data?.errors ?? [])
    expect(fieldErrors).toEqual([{ label: expect.anything(), message: expect.stringMatching(message), path: 'cart' }])
    expect(await storedCart(actors.alice.id)).toEqual(aliceCart)
    expect((await cms.payload.findByID({ collection: 'users', id: actors.alice.id })).name).toBe('alice')
  })

  it('may be given at sign-up, or left out', async () => {
    const withCart = await cms.api('/users', {
      body: JSON.stringify({ cart: { lines: [{ product: 5, quantity: 3 }] }, email: 'shopper@example.test', password: 'a-Long-passw0rd' }),
      method: 'POST',
    })
    expect(withCart.status).toBe(201)
    const { doc } = (await withCart.json()) as { doc: User }
    expect(await storedCart(doc.id)).toEqual({ lines: [{ product: 5, quantity: 3 }] })

    const without = await cms.api('/users', { body: JSON.stringify({ email: 'plain@example.test', password: 'a-Long-passw0rd' }), method: 'POST' })
    expect(without.status).toBe(201)
    const { token } = await login(cms, 'plain@example.test', 'a-Long-passw0rd')
    expect((await me(token))?.cart).toEqual({ lines: [] })
  })
})

describe('who else may touch it', () => {
  const intruderCart: Cart = { lines: [{ product: 666, quantity: 100 }] }

  it('another customer can neither read nor write it', async () => {
    expect((await cms.api(`/users/${actors.alice.id}`, { token: actors.bob.token })).status).toBe(404)
    const list = (await (await cms.api('/users?limit=100', { token: actors.bob.token })).json()) as { docs: User[] }
    expect(list.docs.map((user) => user.id)).toEqual([actors.bob.id])
    expect((await patch(actors.alice.id, { cart: intruderCart }, actors.bob.token)).status).toBe(403)
    expect(await storedCart(actors.alice.id)).toEqual(aliceCart)
  })

  it('an editor can neither read nor write it', async () => {
    expect((await patch(actors.alice.id, { cart: intruderCart }, actors.editor.token)).status).toBe(403)
    expect(await storedCart(actors.alice.id)).toEqual(aliceCart)
    // Staff read orders with the customer asked to be populated: her cart is not part of it.
    const order = await cms.payload.create({ collection: 'orders', data: orderRecord(actors.alice.email, actors.alice.id) })
    const response = await cms.api(`/orders/${order.id}?depth=2`, { token: actors.editor.token })
    expect(response.status).toBe(200)
    expect(await response.text()).not.toContain('"cart"')
  })

  it('an admin reads it for support but cannot change it (the field is ignored, the rest saved)', async () => {
    const read = await cms.api(`/users/${actors.alice.id}`, { token: actors.admin.token })
    expect(((await read.json()) as User).cart).toEqual(aliceCart)
    const response = await patch(actors.alice.id, { cart: intruderCart, name: 'Alice (checked)' }, actors.admin.token)
    expect(response.status).toBe(200)
    const stored = await cms.payload.findByID({ collection: 'users', id: actors.alice.id })
    expect(stored.cart).toEqual(aliceCart)
    expect(stored.name).toBe('Alice (checked)')
  })

  it('an admin or editor creating an account cannot give it a cart', async () => {
    for (const [index, token] of [actors.admin.token, actors.editor.token].entries()) {
      const response = await cms.api('/users', {
        body: JSON.stringify({ cart: intruderCart, email: `made-${index}@example.test`, password: 'a-Long-passw0rd' }),
        method: 'POST',
        token,
      })
      expect(response.status).toBe(201)
      const { doc } = (await response.json()) as { doc: User }
      expect(await storedCart(doc.id)).toEqual({ lines: [] })
    }
  })

  it('is in her own login and me responses only, and in no JWT', async () => {
    const responses = [
      ['bob login', await cms.api('/users/login', { body: JSON.stringify({ email: actors.bob.email, password: actors.bob.password }), method: 'POST' })],
      ['alice login', await cms.api('/users/login', { body: JSON.stringify({ email: actors.alice.email, password: actors.alice.password }), method: 'POST' })],
      ['bob me', await cms.api('/users/me', { token: actors.bob.token })],
      ['editor me', await cms.api('/users/me', { token: actors.editor.token })],
      ['admin me', await cms.api('/users/me', { token: actors.admin.token })],
    ] as const
    for (const [label, response] of responses) {
      expect(response.status, label).toBe(200)
      const body = (await response.json()) as { token?: string; user: User }
      if (label.startsWith('alice')) {
        expect(body.user.cart, label).toEqual(aliceCart)
      } else {
        expect(JSON.stringify(body), label).not.toContain('"product":12')
        expect(body.user.cart, label).toEqual({ lines: [] })
      }
      if (body.token) expect(claimsOf(body.token), label).not.toHaveProperty('cart')
    }
    for (const actor of Object.values(actors)) expect(claimsOf(actor.token)).not.toHaveProperty('cart')
    const { token } = await login(cms, actors.alice.email, actors.alice.password)
    expect(claimsOf(token)).not.toHaveProperty('cart')
    expect(claimsOf(token)).toMatchObject({ id: actors.alice.id })
  })
})
