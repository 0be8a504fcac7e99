import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type MinimalHost, startMinimalHost } from './minimalHost'

type Actor = { id: number; token: string }

let host: MinimalHost
let admin: Actor
let alice: Actor
let bob: Actor

const json = async <T>(response: Response, status: number): Promise<T> => {
  const text = await response.text()
  expect(response.status, text).toBe(status)
  return JSON.parse(text) as T
}

/** `first`: the shop's first account (`/users/first-register`), its admin; others sign up as customers. */
const signUp = async (email: string, first = false): Promise<Actor> => {
  const password = `${email}-Passw0rd!`
  const created = await host.api(first ? '/users/first-register' : '/users', { body: { email, password }, method: 'POST' })
  const { doc, user } = await json<{ doc?: { id: number }; user?: { id: number } }>(created, first ? 200 : 201)
  const id = doc?.id ?? user?.id ?? 0
  const { token } = await json<{ token: string }>(await host.api('/users/login', { body: { email, password }, method: 'POST' }), 200)
  return { id, token }
}

const address = { city: 'Berlin', country: 'DE', line1: 'Linienstraße 1', name: 'Alice Shopper', postalCode: '10119' }

beforeAll(async () => {
  host = await startMinimalHost('rest_contract')
  // The first account of an empty shop is its admin; every later sign-up is a customer.
  admin = await signUp('owner@example.test', true)
  alice = await signUp('alice@example.test')
  bob = await signUp('bob@example.test')
})
afterAll(async () => host?.close())

describe('the plugin installed in a minimal Payload app', () => {
  let categoryId = 0
  let productId = 0

  it('lets staff create a category and a published product', async () => {
    const category = await json<{ doc: { breadcrumbs: Array<{ url: string }>; id: number } }>(
      await host.api('/categories', { body: { slug: 'lamps', title: 'Lamps' }, method: 'POST', token: admin.token }),
      201,
    )
    categoryId = category.doc.id
    expect(category.doc.breadcrumbs.at(-1)?.url).toBe('/c/lamps')
    const product = await json<{ doc: { id: number; slug: string } }>(
      await host.api('/products', {
        body: { _status: 'published', categories: [categoryId], currency: 'EUR', price: 4900, sku: 'LAMP', stock: 3, title: 'Brass lamp' },
        method: 'POST',
        token: admin.token,
      }),
      201,
    )
    productId = product.doc.id
    expect(product.doc.slug).toBe('brass-lamp')
  })

  it('refuses the same writes from a customer', async () => {
    const response = await host.api('/products', { body: { _status: 'published', price: 100, sku: 'NOPE', stock: 1, title: 'Nope' }, method: 'POST', token: alice.token })
    expect(response.status).toBe(403)
  })

  it('lists the category and the published product to anyone', async () => {
    const categories = await json<{ docs: Array<{ id: number }> }>(await host.api('/categories'), 200)
    expect(categories.docs.map((doc) => doc.id)).toEqual([categoryId])
    const products = await json<{ docs: Array<{ id: number; price: number; title: string }> }>(await host.api('/products'), 200)
    expect(products.docs).toEqual([expect.objectContaining({ id: productId, price: 4900, title: 'Brass lamp' })])
  })

  it('takes an order, prices it on the server and takes the stock', async () => {
    const placed = await json<{ order: { id: number; status: string; total: number } }>(
      await host.api('/orders', {
        body: { email: 'alice@example.test', items: [{ product: productId, quantity: 2 }], payment: { method: 'manual' }, shippingAddress: address, shippingMethod: 'standard' },
        method: 'POST',
        token: alice.token,
      }),
      201,
    )
    expect(placed.order).toMatchObject({ status: 'pending', total: 2 * 4900 + 490 })
    const product = await json<{ stock: number }>(await host.api(`/products/${productId}`, { token: admin.token }), 200)
    expect(product.stock).toBe(1)

    // Its customer reads it; another customer is denied it and does not see it in a list.
    await json(await host.api(`/orders/${placed.order.id}`, { token: alice.token }), 200)
    expect((await host.api(`/orders/${placed.order.id}`, { token: bob.token })).status).toBe(404)
    const bobsOrders = await json<{ totalDocs: number }>(await host.api('/orders', { token: bob.token }), 200)
    expect(bobsOrders.totalDocs).toBe(0)
  })

  it('refuses an order for more than is in stock with a 4xx and keeps the stock', async () => {
    const response = await host.api('/orders', {
      body: { email: 'bob@example.test', items: [{ product: productId, quantity: 5 }], payment: { method: 'manual' }, shippingAddress: address, shippingMethod: 'standard' },
      method: 'POST',
      token: bob.token,
    })
    expect(response.status).toBe(409)
    const product = await json<{ stock: number }>(await host.api(`/products/${productId}`, { token: admin.token }), 200)
    expect(product.stock).toBe(1)
  })
})
