import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { WebhookEvent } from '@showroom/shared-types'

import { sanitizeConfig, sweepUnpaidOrders, type SweepResult } from '@showroom/payload-commerce'
import { type Actors, createActors } from './actors'
import { createMug, makeOverdue as overdue, placeOrder } from './overdueOrders'
import { startTestCms, type TestCms } from './startTestCms'
import { type Receiver, startReceiver, waitFor } from './webhookReceiver'

let cms: TestCms
let actors: Actors
let storefront: Receiver
let mug = 0
const HOLD_MINUTES = 4320
/** The plugin's config as the test CMS has it, for calling the sweeper directly. */
const config = sanitizeConfig({ unpaidOrders: { holdMinutes: HOLD_MINUTES } })

type History = Array<{ by?: unknown; from?: null | string; note?: null | string; reason?: null | string; to: string }>
type StoredOrder = { payment?: { dueAt?: null | string; status?: null | string }; status: string; statusHistory?: History }

const stock = async () => (await cms.payload.findByID({ collection: 'products', depth: 0, id: mug })).stock ?? 0
const order = async (id: number) => (await cms.payload.findByID({ collection: 'orders', depth: 0, id })) as unknown as StoredOrder

const place = async (quantity = 1, payment?: { details?: unknown; method: string }) => (await placeOrder(cms, mug, { payment, quantity })).id
const makeOverdue = (...ids: number[]) => overdue(cms, ...ids)

const statusEvents = (id: number) =>
  storefront.accepted
    .map((received) => JSON.parse(received.body) as WebhookEvent)
    .filter((event): event is WebhookEvent<'order.status_changed'> => event.type === 'order.status_changed' && event.data.resource === `order:${id}`)

/** `order.status_changed` deliveries recorded for the storefront, per order (what goes out after commit). */
const recordedStatusEvents = async (id: number) => {
  const { rows } = await cms.db.execute<{ count: string }>(
    sql`select count(*)::text as count from webhook_deliveries where event_type = 'order.status_changed' and target = 'storefront' and resource = ${`order:${id}`}`,
  )
  return Number(rows[0]?.count)
}

const sweep = () => sweepUnpaidOrders(cms.payload, config)

beforeAll(async () => {
  storefront = await startReceiver()
  cms = await startTestCms('unpaid_orders', {
    storefrontWebhook: { secret: `whsec_${randomBytes(32).toString('base64')}`, url: storefront.url },
    // The test sweeps by hand; the background sweeper stays out of the way.
    unpaidOrders: { holdMinutes: HOLD_MINUTES, sweepIntervalMs: 3_600_000 },
    webhooks: { pollIntervalMs: 100 },
  })
  actors = await createActors(cms)
  mug = await createMug(cms)
})
afterAll(async () => {
  await cms?.close()
  await storefront?.stop()
})

describe('the hold', () => {
  it('a bank-transfer order is due UNPAID_ORDER_HOLD_MINUTES after it is placed; a card paid at checkout holds nothing', async () => {
    const before = Date.now()
    const id = await place()
    const after = Date.now()
    const dueAt = Date.parse((await order(id)).payment?.dueAt ?? '')
    expect(dueAt).toBeGreaterThanOrEqual(before + HOLD_MINUTES * 60_000)
    expect(dueAt).toBeLessThanOrEqual(after + HOLD_MINUTES * 60_000)

    const paid = await place(1, { details: { cvc: '123', expiry: '12/40', number: '4242 4242 4242 4242' }, method: 'test' })
    expect(await order(paid)).toMatchObject({ payment: { dueAt: null, status: 'paid' }, status: 'paid' })
  })
})

describe('the sweep', () => {
  it('cancels an overdue order as expired: stock back once, history says so, the storefront is told', async () => {
    const start = await stock()
    const id = await place(3)
    expect(await stock()).toBe(start - 3)
    await makeOverdue(id)

    expect(await sweep()).toEqual({ expired: [id], failed: [] })
    expect(await stock()).toBe(start)
    const expired = await order(id)
    expect(expired.status).toBe('cancelled')
    expect(expired.statusHistory?.at(-1)).toMatchObject({ by: null, from: 'pending', reason: 'expired-unpaid', to: 'cancelled' })
    expect(expired.statusHistory?.at(-1)?.note).toMatch(/No payment by .*: cancelled as expired/)

    const event = await waitFor('the expiry event', () => statusEvents(id)[0])
    expect(event.data).toMatchObject({ from: 'pending', id, reason: 'expired-unpaid', to: 'cancelled' })

    // A second sweep finds nothing to do: the stock is not returned twice.
    expect(await sweep()).toEqual({ expired: [], failed: [] })
    expect(await stock()).toBe(start)
    expect(await recordedStatusEvents(id)).toBe(1)
  })

  it('leaves orders that are not yet due, and paid ones, alone', async () => {
    const notDue = await place()
    const paid = await place()
    expect((await cms.api(`/orders/${paid}/status`, { body: JSON.stringify({ status: 'paid' }), method: 'POST', token: actors.editor.token })).status).toBe(200)
    await makeOverdue(paid)
    const held = await stock()

    expect(await sweep()).toEqual({ expired: [], failed: [] })
    expect((await order(notDue)).status).toBe('pending')
    expect((await order(paid)).status).toBe('paid')
    expect(await stock()).toBe(held)
  })

  it('keeps an order whose hold staff extended, even one that was overdue', async () => {
    const id = await place()
    await makeOverdue(id)
    const later = new Date(Date.now() + 2 * 24 * 3_600_000).toISOString()
    const response = await cms.api(`/orders/${id}/payment-due`, { body: JSON.stringify({ dueAt: later }), method: 'POST', token: actors.editor.token })
    expect(response.status).toBe(200)

    expect(await sweep()).toEqual({ expired: [], failed: [] })
    expect(await order(id)).toMatchObject({ payment: { dueAt: later }, status: 'pending' })
  })

  it('two sweepers at the same moment release each order exactly once', async () => {
    const start = await stock()
    const ids = [await place(2), await place(2), await place(2)]
    await makeOverdue(...ids)

    // The test holds the product's row: no sweeper can put stock back (and so commit) until it lets
    // go, so both have claimed their first order before either finishes one.
    const holder = new pg.Client({ connectionString: cms.databaseUrl })
    await holder.connect()
    await holder.query('begin')
    await holder.query('select 1 from products where id = $1 for update', [mug])
    const firstClaims: Array<null | number> = []
    const claims = [0, 1].map(() => {
      let first = true
      return (claimed: { id: number } | null) => {
        if (first) firstClaims.push(claimed?.id ?? null)
        first = false
      }
    })
    const sweeps: Array<Promise<SweepResult>> = claims.map((afterClaim) => sweepUnpaidOrders(cms.payload, config, { afterClaim }))
    const waiting = async () => {
      const { rows } = await holder.query<{ count: string }>(
        `select count(*)::text as count from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      )
      return Number(rows[0]?.count)
    }
    // Every sweeper that claimed an order is now stuck behind a lock (the product's, or the order's).
    await waitFor('both sweepers to claim', async () => firstClaims.length === 2 && (await waiting()) === firstClaims.filter((id) => id !== null).length)
    await holder.query('commit')
    await holder.end()
    const results = await Promise.all(sweeps)

    expect(results.flatMap((result) => result.failed)).toEqual([])
    expect(results.flatMap((result) => result.expired).sort((a, b) => a - b)).toEqual(ids)
    expect(await stock()).toBe(start)
    for (const id of ids) {
      const history = (await order(id)).statusHistory ?? []
      expect(history.filter((entry) => entry.to === 'cancelled')).toHaveLength(1)
      expect(await recordedStatusEvents(id)).toBe(1)
    }
  })
})
