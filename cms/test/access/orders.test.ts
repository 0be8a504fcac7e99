import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, CALLERS, createActors, tokenOf } from '../actors'
import { orderRecord } from '../orderRecord'
import { startTestCms, type TestCms } from '../startTestCms'

let cms: TestCms
let actors: Actors
let aliceOrder: number
let bobOrder: number
let guestOrder: number


beforeAll(async () => {
  cms = await startTestCms('access_orders')
  actors = await createActors(cms)
  const create = async (email: string, customer?: number) =>
    (await cms.payload.create({ collection: 'orders', data: orderRecord(email, customer) })).id
  aliceOrder = await create(actors.alice.email, actors.alice.id)
  bobOrder = await create(actors.bob.email, actors.bob.id)
  guestOrder = await create('guest@example.test')
})
afterAll(async () => cms?.close())

type OrderList = { docs: Array<{ id: number }>; totalDocs: number }

describe.each(CALLERS)('orders as %s', (caller) => {
  const token = () => tokenOf(actors, caller)
  const staff = caller === 'editor' || caller === 'admin'

  it(`lists ${staff ? 'every order' : caller === 'customer' ? 'only her own orders' : 'nothing'}`, async () => {
    const response = await cms.api('/orders?limit=100', { token: token() })
    if (caller === 'anonymous') {
      expect(response.status).toBe(403)
      return
    }
    expect(response.status).toBe(200)
    const ids = ((await response.json()) as OrderList).docs.map((doc) => doc.id)
    if (staff) {
      const all = await cms.payload.find({ collection: 'orders', limit: 100, select: {} })
      expect(ids.sort()).toEqual(all.docs.map((doc) => doc.id).sort())
      expect(ids).toEqual(expect.arrayContaining([aliceOrder, bobOrder, guestOrder]))
    } else {
      expect(ids).toEqual([aliceOrder])
    }
  })

  it(`${staff ? 'may' : 'may not'} open another customer's order or a guest order`, async () => {
    for (const id of [bobOrder, guestOrder]) {
      const response = await cms.api(`/orders/${id}`, { token: token() })
      expect(response.status).toBe(staff ? 200 : caller === 'anonymous' ? 403 : 404)
    }
  })

  it('may not write an order record directly: orders are placed through checkout, which prices them', async () => {
    const before = (await cms.payload.count({ collection: 'orders' })).totalDocs
    const created = await cms.api('/orders', { body: JSON.stringify(orderRecord(`new-${caller}@example.test`)), method: 'POST', token: token() })
    expect(created.status).toBe(400)
    expect((await cms.payload.count({ collection: 'orders' })).totalDocs).toBe(before)
  })

  it(`${caller === 'admin' ? 'may' : 'may not'} update or delete orders`, async () => {
    const allowed = caller === 'admin'

    // Even her own order: a customer cannot change it.
    const updated = await cms.api(`/orders/${aliceOrder}`, {
      body: JSON.stringify({ shippingMethod: `changed by ${caller}` }),
      method: 'PATCH',
      token: token(),
    })
    expect(updated.status).toBe(allowed ? 200 : 403)
    const stored = await cms.payload.findByID({ collection: 'orders', id: aliceOrder })
    expect(stored.shippingMethod === `changed by ${caller}`).toBe(allowed)

    const victim = (await cms.payload.create({ collection: 'orders', data: orderRecord('victim@example.test') })).id
    const deleted = await cms.api(`/orders/${victim}`, { method: 'DELETE', token: token() })
    expect(deleted.status).toBe(allowed ? 200 : 403)
    expect((await cms.payload.count({ collection: 'orders', where: { id: { equals: victim } } })).totalDocs).toBe(allowed ? 0 : 1)
  })
})

describe('order records', () => {
  it('get a human-readable, unique order number that never changes', async () => {
    const order = await cms.payload.findByID({ collection: 'orders', id: aliceOrder })
    expect(order.orderNumber).toMatch(/^SR-\d{6}-[2-9A-HJKMNP-Z]{5}$/)
    const others = await cms.payload.find({ collection: 'orders', where: { id: { not_equals: aliceOrder } } })
    expect(others.docs.map((doc) => doc.orderNumber)).not.toContain(order.orderNumber)

    const response = await cms.api(`/orders/${aliceOrder}`, {
      body: JSON.stringify({ orderNumber: 'SR-HIJACK' }),
      method: 'PATCH',
      token: actors.admin.token,
    })
    expect(response.status).toBe(200)
    expect((await cms.payload.findByID({ collection: 'orders', id: aliceOrder })).orderNumber).toBe(order.orderNumber)
  })
})


describe('order figures', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a total that is not subtotal plus shipping', { total: 1 }, /total must be subtotal plus shipping \(5490\)/],
    ['a subtotal that is not the sum of the lines', { subtotal: 4000, total: 4490 }, /subtotal must be the sum of the lines \(5000\)/],
    [
      'a line total that is not unit price × quantity',
      { items: [{ lineTotal: 4000, quantity: 2, sku: 'MUG-1', title: 'Mug', unitPrice: 2500 }], subtotal: 4000, total: 4490 },
      /line total must be unit price × quantity \(5000\)/,
    ],
  ])('refuse %s, even from an admin, and keep the order as it was', async (_, change, message) => {
    const response = await cms.api(`/orders/${aliceOrder}`, { body: JSON.stringify(change), method: 'PATCH', token: actors.admin.token })
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toMatch(message)
    const stored = await cms.payload.findByID({ collection: 'orders', id: aliceOrder })
    expect({ subtotal: stored.subtotal, total: stored.total }).toEqual({ subtotal: 5000, total: 5490 })
  })
})

describe('status history', () => {
  it('shows customers when their order moved, but not which staff member moved it or their notes', async () => {
    const moved = await cms.api(`/orders/${aliceOrder}/status`, {
      body: JSON.stringify({ note: 'VIP, call first', status: 'paid' }),
      method: 'POST',
      token: actors.admin.token,
    })
    expect(moved.status).toBe(200)
    type History = { statusHistory: Array<Record<string, unknown>> }
    const asAlice = (await (await cms.api(`/orders/${aliceOrder}?depth=0`, { token: actors.alice.token })).json()) as History
    const last = asAlice.statusHistory.at(-1)
    expect(last).toMatchObject({ from: 'pending', to: 'paid' })
    expect(last).not.toHaveProperty('by')
    expect(last).not.toHaveProperty('note')
    const asEditor = (await (await cms.api(`/orders/${aliceOrder}?depth=0`, { token: actors.editor.token })).json()) as History
    expect(asEditor.statusHistory.at(-1)).toMatchObject({ by: actors.admin.id, note: 'VIP, call first' })
  })
})
