import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { waitForLockWaiters } from '@showroom/test-support'

import { NEXT_STATUSES, ORDER_STATUSES, type OrderStatus } from '@showroom/payload-commerce'
import { type Actors, createActors } from './actors'
import { placeOrder } from './overdueOrders'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors
let mug = 0

/** The shortest allowed path from pending to each status. */
const PATH_TO: Record<OrderStatus, OrderStatus[]> = {
  cancelled: ['cancelled'],
  delivered: ['paid', 'fulfilled', 'shipped', 'delivered'],
  fulfilled: ['paid', 'fulfilled'],
  paid: ['paid'],
  pending: [],
  refunded: ['paid', 'refunded'],
  shipped: ['paid', 'fulfilled', 'shipped'],
}

const stock = async () => (await cms.payload.findByID({ collection: 'products', depth: 0, id: mug })).stock

/** A real bank-transfer order for the mug, optionally as a signed-in customer; returns its id and guest token. */
const place = (quantity = 1, token?: string) => placeOrder(cms, mug, { quantity, token })

const changeStatus = (id: number, status: string, init: { headers?: Record<string, string>; token?: string } = {}) =>
  cms.api(`/orders/${id}/status`, { body: JSON.stringify({ status }), headers: init.headers, method: 'POST', token: init.token })

beforeAll(async () => {
  cms = await startTestCms('order_status')
  actors = await createActors(cms)
  mug = (
    await cms.payload.create({
      collection: 'products',
      data: { _status: 'published', currency: 'EUR', price: 1000, sku: 'MUG', stock: 1000, title: 'Mug' },
    })
  ).id
})
afterAll(async () => cms?.close())

describe('the status workflow', () => {
  const forbidden = ORDER_STATUSES.flatMap((from) =>
    ORDER_STATUSES.filter((to) => to !== from && !NEXT_STATUSES[from].includes(to)).map((to) => [from, to] as const),
  )

  it.each(forbidden)('refuses %s → %s with a 400 naming the allowed next statuses', async (from, to) => {
    const { id } = await place()
    for (const step of PATH_TO[from]) await cms.payload.update({ collection: 'orders', data: { status: step }, id })
    const response = await changeStatus(id, to, { token: actors.admin.token })
    expect(response.status).toBe(400)
    const allowed = NEXT_STATUSES[from]
    expect(JSON.stringify(await response.json())).toMatch(
      allowed.length === 0 ? new RegExp(`${from} cannot change status any more`) : new RegExp(`Allowed next: ${allowed.join(', ')}`),
    )
    expect((await cms.payload.findByID({ collection: 'orders', id })).status).toBe(from)
  })

  it('is enforced on the admin/REST update path too', async () => {
    const { id } = await place()
    const response = await cms.api(`/orders/${id}`, { body: JSON.stringify({ status: 'shipped' }), method: 'PATCH', token: actors.admin.token })
    expect(response.status).toBe(400)
    expect((await cms.payload.findByID({ collection: 'orders', id })).status).toBe('pending')
  })

  it('records every change in the history: from, to, who and when', async () => {
    const { id } = await place()
    expect((await changeStatus(id, 'paid', { token: actors.editor.token })).status).toBe(200)
    expect((await changeStatus(id, 'fulfilled', { token: actors.admin.token })).status).toBe(200)
    const order = await cms.payload.findByID({ collection: 'orders', depth: 0, id })
    expect(order.statusHistory?.map(({ by, from, to }) => ({ by, from, to }))).toEqual([
      { by: null, from: null, to: 'pending' },
      { by: actors.editor.id, from: 'pending', to: 'paid' },
      { by: actors.admin.id, from: 'paid', to: 'fulfilled' },
    ])
    expect(order.statusHistory?.every((entry) => !Number.isNaN(Date.parse(entry.at)))).toBe(true)
  })

  it('keeps the history append-only: an update cannot rewrite it', async () => {
    const { id } = await place()
    const response = await cms.api(`/orders/${id}`, {
      body: JSON.stringify({ statusHistory: [{ at: '2000-01-01T00:00:00.000Z', from: 'pending', to: 'delivered' }] }),
      method: 'PATCH',
      token: actors.admin.token,
    })
    expect(response.status).toBe(200)
    const order = await cms.payload.findByID({ collection: 'orders', depth: 0, id })
    expect(order.statusHistory?.map((entry) => entry.to)).toEqual(['pending'])
  })
})

describe('restocking', () => {
  it('cancelling restores the stock; concurrent cancels that all saw the order pending restore it once', async () => {
    const before = await stock()
    const { id } = await place(3)
    expect(await stock()).toBe((before ?? 0) - 3)
    // The test holds the order's row (as another change in progress would) until three cancels wait
    // for it: each has read the order as pending before any of them changes it.
    const holder = new pg.Client({ connectionString: cms.databaseUrl })
    await holder.connect()
    await holder.query('begin')
    await holder.query('select 1 from orders where id = $1 for update', [id])
    const cancels = Promise.all(Array.from({ length: 3 }, () => changeStatus(id, 'cancelled', { token: actors.admin.token })))
    try {
      await waitForLockWaiters(cms.databaseUrl, 3, 'cancels queued behind the order')
    } finally {
      await holder.query('rollback')
      await holder.end()
    }
    expect((await cancels).map((response) => response.status).sort()).toEqual([200, 400, 400])
    expect(await stock()).toBe(before)
  })

  it('refunding restores the stock once, too', async () => {
    const before = await stock()
    const { id } = await place(2)
    await changeStatus(id, 'paid', { token: actors.admin.token })
    const responses = await Promise.all([1, 2, 3].map(() => changeStatus(id, 'refunded', { token: actors.admin.token })))
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1)
    expect(await stock()).toBe(before)
  })
})

describe('who may change an order', () => {
  it('a customer may cancel her own pending order, but not mark it paid', async () => {
    const { id } = await place(1, actors.alice.token)
    expect((await changeStatus(id, 'paid', { token: actors.alice.token })).status).toBe(403)
    expect((await changeStatus(id, 'cancelled', { token: actors.alice.token })).status).toBe(200)
  })

  it('a customer may not cancel her order once it is paid', async () => {
    const { id } = await place(1, actors.alice.token)
    await changeStatus(id, 'paid', { token: actors.admin.token })
    expect((await changeStatus(id, 'cancelled', { token: actors.alice.token })).status).toBe(409)
    expect((await cms.payload.findByID({ collection: 'orders', id })).status).toBe('paid')
  })

  it("a customer may not cancel someone else's order", async () => {
    const { id } = await place(1, actors.bob.token)
    expect((await changeStatus(id, 'cancelled', { token: actors.alice.token })).status).toBe(404)
    expect((await cms.payload.findByID({ collection: 'orders', id })).status).toBe('pending')
  })

  it('a guest may cancel with the order token, and a stranger may not', async () => {
    const { guestToken, id } = await place()
    expect((await changeStatus(id, 'cancelled')).status).toBe(403)
    expect((await changeStatus(id, 'cancelled', { headers: { 'X-Order-Token': guestToken ?? '' } })).status).toBe(200)
  })
})
