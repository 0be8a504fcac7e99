import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { renderToStaticMarkup } from 'react-dom/server'

import type { DashboardFigures } from '../src'

import { StaffDashboard, type StaffDashboardProps } from '../src/exports/rsc'

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
  host = await startMinimalHost('rest_contract', { currencies: ['EUR', 'USD'] })
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

type ApiOrder = { createdAt: string; currency: string; id: number; status: string; total: number }
type ApiProduct = { id: number; lowStockThreshold?: null | number; sku: string; stock: number; variants?: Array<{ id: string; sku: string; stock: number }> }

describe('the staff dashboard', () => {
  it('is refused to visitors and customers, with nothing in the answer', async () => {
    const anonymous = await host.api('/dashboard')
    expect(anonymous.status).toBe(401)
    expect(await anonymous.text()).not.toContain('sales')
    const customer = await host.api('/dashboard', { token: alice.token })
    expect(customer.status).toBe(403)
    expect(await customer.text()).not.toContain('sales')
  })

  it('shows an editor the figures the API gives, after orders placed and paid concurrently', async () => {
    const editor = await signUp('editor@example.test')
    await json(await host.api(`/users/${editor.id}`, { body: { roles: ['editor'] }, method: 'PATCH', token: admin.token }), 200)
    const create = async (body: Record<string, unknown>) =>
      (await json<{ doc: { id: number; variants?: Array<{ id: string }> } }>(
        await host.api('/products', { body: { _status: 'published', ...body }, method: 'POST', token: admin.token }),
        201,
      )).doc
    const mug = await create({ currency: 'EUR', lowStockThreshold: 8, price: 1200, sku: 'MUG', stock: 10, title: 'Mug' })
    const lamp = await create({ currency: 'USD', price: 2500, sku: 'USLAMP', stock: 20, title: 'Desk lamp' })
    const tee = await create({
      currency: 'EUR',
      options: [{ name: 'Size', values: ['S', 'M'] }],
      price: 1900,
      sku: 'TEE',
      stock: 0,
      title: 'Tee',
      variants: [
        { selections: [{ option: 'Size', value: 'S' }], sku: 'TEE-S', stock: 6 },
        { selections: [{ option: 'Size', value: 'M' }], sku: 'TEE-M', stock: 40 },
      ],
    })
    const small = tee.variants?.[0]?.id
    const lines = [{ product: mug.id }, { product: lamp.id }, { product: tee.id, variant: small }]
    const placed = await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const buyer = index % 2 === 0 ? alice : bob
        const line = lines[index % lines.length] ?? { product: mug.id }
        const body = { email: `${index % 2 === 0 ? 'alice' : 'bob'}@example.test`, items: [{ ...line, quantity: 1 + (index % 2) }], payment: { method: 'manual' }, shippingAddress: address, shippingMethod: 'standard' }
        return (await json<{ order: { id: number } }>(await host.api('/orders', { body, method: 'POST', token: buyer.token }), 201)).order.id
      }),
    )
    // Two thirds paid, concurrently; of those, some fulfilled and one cancelled (no longer a sale).
    const setStatus = async (orderId: number, status: string) =>
      json(await host.api(`/orders/${orderId}/status`, { body: { status }, method: 'POST', token: admin.token }), 200)
    const paid = placed.filter((_, index) => index % 3 !== 0)
    await Promise.all(paid.map((orderId) => setStatus(orderId, 'paid')))
    await Promise.all(paid.slice(0, 3).map((orderId) => setStatus(orderId, 'fulfilled')))
    await setStatus(paid.at(-1) ?? 0, 'cancelled')

    const figures = await json<DashboardFigures>(await host.api('/dashboard', { token: editor.token }), 200)

    // The API's own numbers: every order and product as staff read them.
    const { docs: orders } = await json<{ docs: ApiOrder[] }>(await host.api('/orders?limit=100&depth=0', { token: admin.token }), 200)
    const count = (status: string) => orders.filter((order) => order.status === status).length
    expect(figures.needsAction).toMatchObject({ awaitingPayment: count('pending'), toFulfil: count('paid'), toShip: count('fulfilled') })
    expect(figures.needsAction.toFulfil).toBe(paid.length - 3 - 1)

    const sold = orders.filter((order) => ['paid', 'fulfilled', 'shipped', 'delivered'].includes(order.status))
    const byCurrency = (list: ApiOrder[]) =>
      [...new Set(list.map((order) => order.currency))].sort().map((currency) => {
        const inCurrency = list.filter((order) => order.currency === currency)
        return { currency, orders: inCurrency.length, revenue: inCurrency.reduce((sum, order) => sum + order.total, 0) }
      })
    expect(figures.sales.today.totals).toEqual(byCurrency(sold))
    expect(figures.sales.last7Days.totals).toEqual(byCurrency(sold))
    expect(figures.sales.today.totals.map((total) => total.currency)).toEqual(['EUR', 'USD'])
    expect(figures.sales.previousDay.totals).toEqual([])
    expect(figures.sales.previous7Days.totals).toEqual([])

    const newest = [...orders].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id).slice(0, 10)
    expect(figures.recentOrders.map((order) => order.id)).toEqual(newest.map((order) => order.id))

    const { docs: products } = await json<{ docs: ApiProduct[] }>(await host.api('/products?limit=100&depth=0', { token: admin.token }), 200)
    const low = products.flatMap((product) => {
      const threshold = product.lowStockThreshold ?? 5
      const rows = product.variants?.length ? product.variants.map((variant) => ({ sku: variant.sku, stock: variant.stock })) : [{ sku: product.sku, stock: product.stock }]
      return rows.filter((row) => row.stock <= threshold).map((row) => ({ ...row, threshold }))
    })
    expect(figures.lowStock.total).toBe(low.length)
    expect(figures.lowStock.items.map(({ sku, stock, threshold }) => ({ sku, stock, threshold })).sort((a, b) => a.sku.localeCompare(b.sku))).toEqual(
      low.sort((a, b) => a.sku.localeCompare(b.sku)),
    )
    // The mug fell under its own threshold, the small tee under the shop's default; the US lamp did not.
    expect(figures.lowStock.items.map((item) => item.sku)).toEqual(expect.arrayContaining(['MUG', 'TEE-S']))
    expect(figures.lowStock.items.map((item) => item.sku)).not.toContain('USLAMP')

    // The admin home shows the same figures to the editor, with links to the orders; nothing to a customer.
    const [component] = host.payload.config.admin.components.beforeDashboard ?? []
    const { commerce } = (typeof component === 'object' && component ? component.serverProps : {}) as Pick<StaffDashboardProps, 'commerce'>
    const render = async (user: unknown) => {
      const element = await StaffDashboard({ commerce, payload: host.payload, user })
      return element ? renderToStaticMarkup(element) : ''
    }
    const editorUser = await host.payload.findByID({ collection: 'users', id: editor.id })
    const html = await render(editorUser)
    expect(html).toContain(`To fulfil: ${figures.needsAction.toFulfil}</a>`)
    expect(html).toContain(`Awaiting payment: ${figures.needsAction.awaitingPayment}</a>`)
    for (const order of newest) expect(html).toContain(`href="/admin/collections/orders/${order.id}"`)
    const eur = figures.sales.today.totals.find((total) => total.currency === 'EUR')
    expect(html).toContain(`€${((eur?.revenue ?? 0) / 100).toFixed(2)}</strong> from ${eur?.orders} orders`)
    expect(html).toContain(`Low stock (${figures.lowStock.total})`)
    expect(await render(await host.payload.findByID({ collection: 'users', id: alice.id }))).toBe('')

    const failing = await json<{ totalDocs: number }>(await host.api('/webhook-deliveries?where[status][in]=failed,retrying&limit=1', { token: admin.token }), 200)
    expect(figures.failingWebhooks.failed + figures.failingWebhooks.retrying).toBe(failing.totalDocs)
  })
})
