import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sanitizeConfig, signTestWebhook, sweepUnpaidOrders } from '@showroom/payload-commerce'
import { type Actors, createActors } from './actors'
import { createMug, makeOverdue, placeOrder } from './overdueOrders'
import { startTestCms, TEST_WEBHOOK_SECRET, type TestCms } from './startTestCms'
import { waitFor } from './webhookReceiver'

let cms: TestCms
let actors: Actors
let mug = 0

type StoredOrder = { payment?: { dueAt?: null | string; paidAt?: null | string; reference?: null | string; status?: null | string }; status: string }
const order = async (id: number) => (await cms.payload.findByID({ collection: 'orders', depth: 0, id })) as unknown as StoredOrder
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3_600_000).toISOString()

/** `POST /orders/:id/payment-due`, the staff's way to move the due time. */
const moveDue = (id: number, body: unknown, init: { headers?: Record<string, string>; token?: string } = {}) =>
  cms.api(`/orders/${id}/payment-due`, { body: JSON.stringify(body), headers: init.headers, method: 'POST', token: init.token })
/** The admin form's save: `PATCH /orders/:id`. */
const patch = (id: number, body: unknown, token: string) => cms.api(`/orders/${id}`, { body: JSON.stringify(body), method: 'PATCH', token })
const errorText = async (response: Response) => JSON.stringify(await response.json())
const paidWebhook = (reference: string, eventId: string) => {
  const body = JSON.stringify({ id: eventId, reference, type: 'payment.succeeded' })
  return cms.api('/payments/test/webhook', { body, headers: { 'test-signature': signTestWebhook(body, TEST_WEBHOOK_SECRET) }, method: 'POST' })
}
/** A two-step test card: authorised at checkout, so the order stays pending until the provider says paid. */
const AUTHORISED_CARD = { details: { cvc: '123', expiry: '12/40', number: '4000 0025 0000 3155' }, method: 'test' }

/**
 * Runs a sweep that stops right after it has claimed (locked) its first order, runs `meanwhile` (a
 * request on that order), waits until that request is blocked on the order's lock, then lets the sweep
 * finish. Returns both results: the request always meets the order already expired.
 */
const sweepAround = async <T>(meanwhile: () => Promise<T>) => {
  let claimed: () => void = () => undefined
  let release: () => void = () => undefined
  const hasClaimed = new Promise<void>((resolve) => (claimed = resolve))
  const released = new Promise<void>((resolve) => (release = resolve))
  let first = true
  const sweep = sweepUnpaidOrders(cms.payload, sanitizeConfig(), {
    afterClaim: async () => {
      if (!first) return
      first = false
      claimed()
      await released
    },
  })
  await hasClaimed
  const request = meanwhile()
  const watcher = new pg.Client({ connectionString: cms.databaseUrl })
  await watcher.connect()
  try {
    await waitFor('the request to wait for the order', async () => {
      const { rows } = await watcher.query<{ count: string }>(
        `select count(*)::text as count from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      )
      return Number(rows[0]?.count) === 1
    })
  } finally {
    await watcher.end()
  }
  release()
  return { request: await request, sweep: await sweep }
}

beforeAll(async () => {
  cms = await startTestCms('payment_due', { unpaidOrders: { sweepIntervalMs: 3_600_000 } })
  actors = await createActors(cms)
  mug = await createMug(cms)
})
afterAll(async () => cms?.close())

describe('who may move the payment due time', () => {
  it('staff: an editor through the API, an admin in the admin form; the rest of the payment is kept', async () => {
    const { id } = await placeOrder(cms, mug)
    const reference = (await order(id)).payment?.reference
    const later = inDays(5)
    expect((await moveDue(id, { dueAt: later }, { token: actors.editor.token })).status).toBe(200)
    expect(await order(id)).toMatchObject({ payment: { dueAt: later, reference, status: 'pending' }, status: 'pending' })

    const evenLater = inDays(9)
    expect((await patch(id, { payment: { dueAt: evenLater } }, actors.admin.token)).status).toBe(200)
    expect(await order(id)).toMatchObject({ payment: { dueAt: evenLater, reference }, status: 'pending' })
  })

  it('not the customer, a guest with the order token, or anyone else: 403 and nothing changes', async () => {
    const own = await placeOrder(cms, mug, { token: actors.alice.token })
    const guest = await placeOrder(cms, mug)
    const dueBefore = (await order(own.id)).payment?.dueAt
    const later = { dueAt: inDays(30) }

    expect((await moveDue(own.id, later, { token: actors.alice.token })).status).toBe(403)
    expect((await patch(own.id, { payment: { dueAt: later.dueAt } }, actors.alice.token)).status).toBe(403)
    expect((await moveDue(guest.id, later, { headers: { 'X-Order-Token': guest.guestToken ?? '' } })).status).toBe(403)
    expect((await moveDue(guest.id, later)).status).toBe(403)
    expect((await order(own.id)).payment?.dueAt).toBe(dueBefore)

    // The customer does see when to pay by.
    const read = await cms.api(`/orders/${own.id}`, { token: actors.alice.token })
    expect(((await read.json()) as StoredOrder).payment?.dueAt).toBe(dueBefore)
  })

  it('refuses bad input with a 4xx that says why, and writes nothing', async () => {
    const { id } = await placeOrder(cms, mug)
    const dueBefore = (await order(id)).payment?.dueAt
    const token = actors.editor.token

    const notADate = await moveDue(id, { dueAt: 'next Tuesday' }, { token })
    expect(notADate.status).toBe(400)
    expect(await errorText(notADate)).toMatch(/ISO 8601/)
    const past = await moveDue(id, { dueAt: inDays(-1) }, { token })
    expect(past.status).toBe(400)
    expect(await errorText(past)).toMatch(/must be in the future/)
    expect((await moveDue(id, { dueAt: inDays(400) }, { token })).status).toBe(400)
    expect((await moveDue(id, {}, { token })).status).toBe(400)
    expect((await cms.api(`/orders/${id}/payment-due`, { body: '{', method: 'POST', token })).status).toBe(400)
    expect((await patch(id, { payment: { dueAt: null } }, actors.admin.token)).status).toBe(400)
    expect((await moveDue(999_999, { dueAt: inDays(1) }, { token })).status).toBe(404)
    expect((await order(id)).payment?.dueAt).toBe(dueBefore)

    expect((await cms.api(`/orders/${id}/status`, { body: JSON.stringify({ status: 'paid' }), method: 'POST', token })).status).toBe(200)
    const paid = await moveDue(id, { dueAt: inDays(1) }, { token })
    expect(paid.status).toBe(409)
    expect(await errorText(paid)).toMatch(/no longer pending/)
    expect((await patch(id, { payment: { dueAt: inDays(1) } }, actors.admin.token)).status).toBe(400)
  })
})

describe('a payment that arrives after the order expired', () => {
  it('does not revive the order: it stays cancelled, the payment is recorded for staff to refund', async () => {
    const { id } = await placeOrder(cms, mug, { payment: AUTHORISED_CARD })
    const reference = (await order(id)).payment?.reference ?? ''
    await makeOverdue(cms, id)
    expect((await sweepUnpaidOrders(cms.payload, sanitizeConfig())).expired).toEqual([id])
    const stockAfterExpiry = (await cms.payload.findByID({ collection: 'products', depth: 0, id: mug })).stock

    const first = await paidWebhook(reference, 'evt_late_1')
    expect(first.status).toBe(200)
    expect(await errorText(first)).toMatch(/stays cancelled/)
    expect(await order(id)).toMatchObject({ payment: { status: 'paid' }, status: 'cancelled' })
    expect((await order(id)).payment?.paidAt).toBeTruthy()

    // The provider retries: nothing more happens, and the stock is not taken again.
    expect((await paidWebhook(reference, 'evt_late_1')).status).toBe(200)
    expect((await order(id)).status).toBe('cancelled')
    expect((await cms.payload.findByID({ collection: 'products', depth: 0, id: mug })).stock).toBe(stockAfterExpiry)
  })
})

describe('racing the sweeper for the same order', () => {
  it('a payment that arrives while the order is being expired is recorded, not lost', async () => {
    const { id } = await placeOrder(cms, mug, { payment: AUTHORISED_CARD })
    const reference = (await order(id)).payment?.reference ?? ''
    await makeOverdue(cms, id)
    const { request, sweep } = await sweepAround(() => paidWebhook(reference, 'evt_race_1'))
    expect(sweep).toEqual({ expired: [id], failed: [] })
    expect(request.status).toBe(200)
    expect(await errorText(request)).toMatch(/stays cancelled/)
    expect(await order(id)).toMatchObject({ payment: { status: 'paid' }, status: 'cancelled' })
  })

  it('staff extending the hold while the order is being expired get a 409, and the order stays expired', async () => {
    const { id } = await placeOrder(cms, mug)
    await makeOverdue(cms, id)
    const { request, sweep } = await sweepAround(() => moveDue(id, { dueAt: inDays(3) }, { token: actors.editor.token }))
    expect(sweep).toEqual({ expired: [id], failed: [] })
    expect(request.status).toBe(409)
    expect((await order(id)).status).toBe('cancelled')
  })
})
