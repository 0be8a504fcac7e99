import { randomBytes } from 'node:crypto'

import { createTestDatabase, migratedTemplate, type TestDatabase } from '@showroom/test-support'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { WebhookEvent } from '@showroom/shared-types'

import { API_PROCESS_START_MS, type ApiProcess, eventually, startApiProcess } from './apiProcess'
import { type Receiver, startReceiver } from './webhookReceiver'

const ORDERS = 20
const STOCK = 100
const SECRET = `whsec_${randomBytes(32).toString('base64')}`

let database: TestDatabase
let storefront: Receiver
const processes: ApiProcess[] = []

const env = () => ({
  STOREFRONT_WEBHOOK_SECRET: SECRET,
  STOREFRONT_WEBHOOK_URL: storefront.url,
  UNPAID_ORDER_SWEEP_INTERVAL_MS: '100',
  WEBHOOK_POLL_INTERVAL_MS: '200',
})

const post = (cms: ApiProcess, path: string, body: unknown, token?: string) =>
  fetch(`${cms.api}${path}`, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token && { authorization: `JWT ${token}` }) },
    method: 'POST',
  })

beforeAll(async () => {
  database = await createTestDatabase('unpaid_order_processes', { template: migratedTemplate() })
  storefront = await startReceiver()
})
afterAll(async () => {
  for (const cms of processes) await cms.process.stop()
  await storefront?.stop()
  await database?.drop()
})

describe('the unpaid order sweeper in the REST API server processes', () => {
  it('cancels every overdue order once across two processes: stock back once, one event per order', async () => {
    // One after the other: the first applies the migrations.
    processes.push(await startApiProcess(database.url, { env: env() }))
    processes.push(await startApiProcess(database.url, { env: env() }))
    const [first, second] = processes
    if (!first || !second) throw new Error('two API processes expected')

    const registered = await post(first, '/users/first-register', { email: 'admin@example.test', name: 'Admin', password: 'admin-Passw0rd!' })
    const { token } = (await registered.json()) as { token: string }
    const created = await post(first, '/products', { _status: 'published', currency: 'EUR', price: 1200, sku: 'LAMP', stock: STOCK, title: 'Lamp' }, token)
    expect(created.status).toBe(201)
    const product = ((await created.json()) as { doc: { id: number } }).doc.id

    const ids: number[] = []
    for (let i = 0; i < ORDERS; i += 1) {
      const response = await post(i % 2 === 0 ? first : second, '/orders', {
        email: `shopper${i}@example.test`,
        items: [{ product, quantity: 2 }],
        payment: { method: 'manual' },
        shippingAddress: { city: 'Lyon', country: 'FR', line1: '2 Rue', name: 'Shopper', postalCode: '69001' },
        shippingMethod: 'standard',
      })
      expect(response.status).toBe(201)
      ids.push(((await response.json()) as { order: { id: number } }).order.id)
    }

    const db = new pg.Client({ connectionString: database.url })
    await db.connect()
    try {
      const stock = async () => Number((await db.query<{ stock: number }>('select stock from products where id = $1', [product])).rows[0]?.stock)
      expect(await stock()).toBe(STOCK - 2 * ORDERS)
      // Nothing is due yet: the sweepers have been running all along and left every order pending.
      expect((await db.query('select id from orders where status = $1', ['pending'])).rowCount).toBe(ORDERS)

      // Every hold runs out at once; both processes' sweepers find them on their next round.
      await db.query(`update orders set payment_due_at = now() - interval '1 minute'`)
      await eventually('every order to be cancelled', async () =>
        (await db.query('select id from orders where status = $1', ['cancelled'])).rowCount === ORDERS ? true : undefined,
      )
      expect(await stock()).toBe(STOCK)
      const { rows: history } = await db.query<{ id: number; entries: number }>(`
        select o.id, count(h.id)::int as entries from orders o
        join orders_status_history h on h._parent_id = o.id and h.to = 'cancelled' and h.reason = 'expired-unpaid'
        group by o.id order by o.id`)
      expect(history).toEqual(ids.map((id) => ({ entries: 1, id })))

      // Each order's expiry reaches the storefront once (one webhook-id per order).
      const expiries = () =>
        storefront.accepted
          .map((received) => ({ event: JSON.parse(received.body) as WebhookEvent, id: String(received.headers['webhook-id']) }))
          .filter(({ event }) => event.type === 'order.status_changed')
      await eventually('an expiry event per order', async () => (expiries().length >= ORDERS ? true : undefined))
      const byOrder = new Map<string, Set<string>>()
      for (const { event, id } of expiries()) byOrder.set(event.data.resource, (byOrder.get(event.data.resource) ?? new Set()).add(id))
      expect([...byOrder.keys()].sort()).toEqual(ids.map((id) => `order:${id}`).sort())
      expect([...byOrder.values()].every((webhookIds) => webhookIds.size === 1)).toBe(true)

      // And the processes' logs name each order once between them.
      const logged = processes
        .flatMap((cms) => cms.process.output().split('\n'))
        .filter((line) => line.includes('Cancelled an unpaid order past its due time'))
        .map((line) => (JSON.parse(line) as { order: number }).order)
      expect(logged.sort((a, b) => a - b)).toEqual(ids)
    } finally {
      await db.end()
    }
  }, 2 * API_PROCESS_START_MS + 60_000)
})
