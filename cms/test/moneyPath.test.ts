/**
 * The money path: the order and its stock are committed first, then the payment is taken, then the
 * order confirmed. Each test injects a failure at one point and checks that it is undone.
 */
import { sql } from '@payloadcms/db-postgres'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createManualAdapter, flagStuckPayments, sanitizeConfig } from '@showroom/payload-commerce'
import { type Actors, createActors } from './actors'
import { orderBody, postOrder } from './orderRequest'
import { createScriptedPayments, type ScriptedPayments } from './scriptedPayments'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors
let provider: ScriptedPayments
let mug = 0

beforeAll(async () => {
  provider = createScriptedPayments()
  cms = await startTestCms('money_path', { paymentAdapters: [createManualAdapter(), provider.adapter] })
  actors = await createActors(cms)
  mug = (await cms.payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', price: 1000, sku: 'MUG', stock: 100, title: 'Mug' } })).id
})
afterAll(async () => cms?.close())
beforeEach(() => {
  Object.assign(provider.script, { charge: 'pay', refund: 'ok' })
  for (const list of [provider.chargeCalls, provider.refundCalls, provider.refundsMade]) list.length = 0
})
afterEach(async () => {
  await cms.db.execute(sql`drop trigger if exists inject_failure on orders`)
})

const stock = async () => (await cms.payload.findByID({ collection: 'products', id: mug })).stock
const buy = (quantity = 1) => postOrder(cms, orderBody([{ product: mug, quantity }], { payment: { method: 'scripted' } }))
const latestOrder = async () => (await cms.payload.find({ collection: 'orders', depth: 0, limit: 1, showHiddenFields: true, sort: '-id' })).docs[0]
const ledger = async (order: number) => {
  const { rows } = await cms.db.execute<{ delta: string; reason: string }>(sql`select delta, reason from stock_movements where order_id = ${order} order by id`)
  return rows.map((row) => [row.reason, Number(row.delta)])
}
const paidOrders = async () => (await cms.payload.count({ collection: 'orders', where: { status: { equals: 'paid' } } })).totalDocs

/** Makes every update of an order fail in the database when `when` holds (`new` is the row being written). */
const failOrderUpdates = async (when: string) => {
  await cms.db.execute(sql`create or replace function inject_failure() returns trigger language plpgsql as $$
    begin raise exception 'injected: the database failed after the charge'; end $$`)
  await cms.db.execute(sql.raw(`create trigger inject_failure before update on orders for each row when (${when}) execute function inject_failure()`))
}

describe('checkout undoes each failure between stock, charge and confirmation', () => {
  it('a provider that fails (twice, with one key) leaves no paid order: cancelled, flagged for staff, stock back once', async () => {
    const [before, paid] = [await stock(), await paidOrders()]
    provider.script.charge = 'throw'
    const response = await buy(2)
    expect(response.status).toBe(502)
    const order = await latestOrder()
    expect(provider.chargeCalls).toEqual([`order:${order?.orderNumber}:payment`, `order:${order?.orderNumber}:payment`])
    expect(order).toMatchObject({ needsAttention: true, payment: { status: 'failed' }, status: 'cancelled' })
    expect(order?.attentionNote).toMatch(/unknown whether it charged/)
    expect([await stock(), await paidOrders()]).toEqual([before, paid])
    expect(await ledger(order?.id ?? 0)).toEqual([['checkout', -2], ['payment-failed', 2]])
  })

  it('a decline cancels the order with its reason and returns the stock once', async () => {
    const before = await stock()
    provider.script.charge = 'decline'
    const response = await buy()
    expect(response.status).toBe(402)
    const order = await latestOrder()
    expect(order).toMatchObject({ payment: { status: 'failed' }, status: 'cancelled' })
    expect(await stock()).toBe(before)
    expect(await ledger(order?.id ?? 0)).toEqual([['checkout', -1], ['payment-failed', 1]])
    expect(provider.refundCalls).toEqual([])
  })

  it('a database error right after the charge refunds it and cancels the order', async () => {
    const [before, paid] = [await stock(), await paidOrders()]
    await failOrderUpdates(`new.status = 'paid'`)
    const response = await buy(3)
    expect(response.status).toBe(503)
    expect(JSON.stringify(await response.json())).toMatch(/payment was refunded/)
    const order = await latestOrder()
    expect(provider.refundsMade).toEqual([`refund:order:${order?.id}`])
    expect(order).toMatchObject({ payment: { reference: expect.stringMatching(/^scripted_/), status: 'refunded' }, status: 'cancelled' })
    expect([await stock(), await paidOrders()]).toEqual([before, paid])
    expect(await ledger(order?.id ?? 0)).toEqual([['checkout', -3], ['payment-failed', 3]])
  })

  it('when the refund fails too, the order is flagged for staff with the payment reference and keeps its stock', async () => {
    const before = await stock()
    await failOrderUpdates(`new.status = 'paid'`)
    provider.script.refund = 'throw'
    const response = await buy()
    expect(response.status).toBe(503)
    const order = await latestOrder()
    expect(order).toMatchObject({ needsAttention: true, status: 'pending' })
    expect(order?.payment?.reference).toMatch(/^scripted_/)
    expect(order?.attentionNote).toMatch(/refund failed/)
    expect(await stock()).toBe(before - 1)
    // Staff find it with a filter.
    const flagged = await cms.api('/orders?where[needsAttention][equals]=true&depth=0', { token: actors.editor.token })
    expect(((await flagged.json()) as { docs: Array<{ id: number }> }).docs.map((doc) => doc.id)).toContain(order?.id)
  })

  it('a crash between charge and confirmation leaves the order charging; the reconciler flags it, once', async () => {
    const before = await stock()
    // Nothing can be written after the charge: like a process that died there.
    await failOrderUpdates('true')
    provider.script.refund = 'throw'
    expect((await buy()).status).toBe(503)
    await cms.db.execute(sql`drop trigger inject_failure on orders`)
    const order = await latestOrder()
    expect(order).toMatchObject({ needsAttention: false, payment: { status: 'charging' }, status: 'pending' })
    const config = sanitizeConfig({})
    const runs = await Promise.all([flagStuckPayments(cms.payload, config, 0), flagStuckPayments(cms.payload, config, 0)])
    expect(runs.flat()).toEqual([order?.id])
    expect(await latestOrder()).toMatchObject({ needsAttention: true, payment: { status: 'charging' } })
    expect(await stock()).toBe(before - 1)
  })
})

const changeStatus = (id: number, status: string) =>
  cms.api(`/orders/${id}/status`, { body: JSON.stringify({ status }), method: 'POST', token: actors.admin.token })

/** A paid order of `quantity` mugs, through checkout. */
const paidOrder = async (quantity: number): Promise<number> => {
  const response = await buy(quantity)
  expect(response.status).toBe(201)
  const { order } = (await response.json()) as { order: { id: number; status: string } }
  expect(order.status).toBe('paid')
  return order.id
}

/** Waits until `count` other sessions are blocked on a lock (the test's own row lock). */
const blockedSessions = async (count: number): Promise<void> => {
  for (;;) {
    const { rows } = await cms.db.execute<{ n: string }>(
      sql`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    )
    if (Number(rows[0]?.n) >= count) return
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('a status change locks the order and checks the change before any money moves', () => {
  it('refuses to refund an order that was never paid, and the provider is not asked', async () => {
    provider.script.charge = 'authorize'
    const response = await buy()
    const { order } = (await response.json()) as { order: { id: number } }
    const refund = await changeStatus(order.id, 'refunded')
    expect(refund.status).toBe(400)
    expect(JSON.stringify(await refund.json())).toMatch(/cannot go from pending to refunded/)
    expect(provider.refundCalls).toEqual([])
  })

  it.each([
    ['the cancel', 'cancelled', 'refunded'],
    ['the refund', 'refunded', 'cancelled'],
  ])('a cancel and a refund at once: %s arrives first and wins, the money goes back once, the stock once', async (_, first, second) => {
    const before = await stock()
    const id = await paidOrder(4)
    // The test holds the order's row lock, so both requests are inside their status change when it lets go.
    const holder = new pg.Client({ connectionString: cms.databaseUrl })
    await holder.connect()
    try {
      await holder.query('begin')
      await holder.query('select 1 from orders where id = $1 for update', [id])
      const firstResponse = changeStatus(id, first)
      await blockedSessions(1)
      const secondResponse = changeStatus(id, second)
      await blockedSessions(2)
      await holder.query('commit')
      const statuses = [(await firstResponse).status, (await secondResponse).status]
      expect(statuses).toEqual([200, 400])
    } finally {
      await holder.end()
    }
    expect(provider.refundCalls).toEqual([`refund:order:${id}`])
    expect(await cms.payload.findByID({ collection: 'orders', depth: 0, id })).toMatchObject({ payment: { status: 'refunded' }, status: first })
    expect(await stock()).toBe(before)
    expect(await ledger(id)).toEqual([['checkout', -4], [first, 4]])
  })
})
