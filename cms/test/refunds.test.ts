/**
 * Partial refunds and returns: staff give back chosen lines or an amount through the payment provider
 * (scripted here: the one part mocked), restocking only what came back; customers ask to return lines
 * of a delivered order; the totals, history, ledger and audit trail agree after every step.
 */
import { sql } from '@payloadcms/db-postgres'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { waitForLockWaiters } from '@showroom/test-support'

import { createManualAdapter } from '@showroom/payload-commerce'
import { type Actors, createActors } from './actors'
import { orderBody, postOrder } from './orderRequest'
import { createScriptedPayments, type ScriptedPayments } from './scriptedPayments'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors
let provider: ScriptedPayments
let mug = 0
let cup = 0

type Refund = { amount: number; by?: number; id: string; lines: Array<{ item: string; quantity: number; restock: boolean; sku: string }>; reason?: string; reference?: string; returnRequest?: string; wholeOrder?: boolean }
type Order = {
  id: number
  items: Array<{ id: string; sku: string }>
  orderNumber: string
  payment: { status: string }
  refundedTotal: number
  refunds: Refund[]
  returnRequests: Array<{ decisionNote?: string; id: string; lines: Array<{ item: string; quantity: number }>; reason: string; refund?: string; status: string }>
  status: string
  total: number
}

beforeAll(async () => {
  provider = createScriptedPayments()
  cms = await startTestCms('refunds', { paymentAdapters: [createManualAdapter(), provider.adapter] })
  actors = await createActors(cms)
  const product = async (sku: string, title: string, price: number) =>
    (await cms.payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', price, sku, stock: 100, title } })).id
  mug = await product('MUG', 'Mug', 1000)
  cup = await product('CUP', 'Cup', 500)
})
afterAll(async () => cms?.close())
beforeEach(() => {
  Object.assign(provider.script, { charge: 'pay', refund: 'ok' })
  for (const list of [provider.chargeCalls, provider.refundCalls, provider.refundsMade]) list.length = 0
})

const stockOf = async (id: number) => (await cms.payload.findByID({ collection: 'products', depth: 0, id })).stock
const read = async (id: number) => (await cms.payload.findByID({ collection: 'orders', depth: 0, id, showHiddenFields: true })) as unknown as Order
const lineOf = (order: Order, sku: string) => order.items.find((item) => item.sku === sku)?.id ?? ''

/** 2 mugs and 3 cups (€35 + shipping), paid at once through the scripted provider, as `token`'s customer or a guest. */
const placePaid = async (token?: string): Promise<Order> => {
  const response = await postOrder(cms, orderBody([{ product: mug, quantity: 2 }, { product: cup, quantity: 3 }], { payment: { method: 'scripted' } }), { token })
  expect(response.status).toBe(201)
  const order = await read(((await response.json()) as { order: { id: number } }).order.id)
  expect([order.status, order.payment.status]).toEqual(['paid', 'paid'])
  return order
}

const post = (path: string, body: unknown, init: { key?: string; token?: string } = {}) =>
  cms.api(path, { body: JSON.stringify(body), headers: init.key ? { 'Idempotency-Key': init.key } : {}, method: 'POST', token: init.token })
const refund = (id: number, body: unknown, init: { key?: string; token?: string } = { token: actors.admin.token }) => post(`/orders/${id}/refunds`, body, init)
const messageOf = async (response: Response) => ((await response.json()) as { errors: Array<{ message: string }> }).errors[0]?.message
const ledgerOf = async (order: number) =>
  (await cms.db.execute<{ delta: string; reason: string; sku: string }>(sql`select sku, delta, reason from stock_movements where order_id = ${order} and reason <> 'checkout' order by id`)).rows.map(
    (row) => [row.reason, row.sku, Number(row.delta)],
  )
const auditOf = async (order: number) =>
  (
    await cms.db.execute<{ changes: unknown; note: null | string }>(
      sql`select changes, note from audit_log where target_collection = 'orders' and document_id = ${String(order)} and operation = 'update' order by id`,
    )
  ).rows
const setStatus = async (id: number, ...steps: string[]) => {
  for (const status of steps) expect((await post(`/orders/${id}/status`, { status }, { token: actors.admin.token })).status).toBe(200)
}

describe('staff refunds', () => {
  it('refunds chosen lines through the provider and puts back on sale only what came back', async () => {
    const order = await placePaid()
    const [mugsBefore, cupsBefore] = [await stockOf(mug), await stockOf(cup)]
    const response = await refund(
      order.id,
      { lines: [{ item: lineOf(order, 'MUG'), quantity: 1, restock: true }, { item: lineOf(order, 'CUP'), quantity: 2 }], reason: 'Arrived broken' },
      { token: actors.editor.token },
    )
    expect(response.status).toBe(201)
    const { refund: made } = (await response.json()) as { refund: Refund }
    expect(made).toMatchObject({ amount: 2000, by: actors.editor.id, reason: 'Arrived broken', reference: 'scripted_re_1', wholeOrder: false })
    expect(provider.refundsMade).toEqual([`refund:order:${order.id}:${made.id}`])

    const stored = await read(order.id)
    expect(stored.refundedTotal).toBe(2000)
    expect(stored.payment.status).toBe('partially_refunded')
    expect(stored.status).toBe('paid')
    expect(stored.refunds.map(({ lines }) => lines.map(({ quantity, restock, sku }) => [sku, quantity, restock]))).toEqual([
      [
        ['MUG', 1, true],
        ['CUP', 2, false],
      ],
    ])
    // One mug came back; the cups did not, so their stock stays where it was.
    expect([await stockOf(mug), await stockOf(cup)]).toEqual([(mugsBefore ?? 0) + 1, cupsBefore])
    expect(await ledgerOf(order.id)).toEqual([['returned', 'MUG', 1]])
    const entry = (await auditOf(order.id)).at(-1)
    expect(entry?.note).toBe(`refund ${made.id} of 2000: 1 × MUG (back in stock), 2 × CUP (Arrived broken)`)
    expect(entry?.changes).toEqual(
      expect.arrayContaining([
        { after: 'partially_refunded', before: 'paid', field: 'payment.status' },
        { after: 2000, before: 0, field: 'refundedTotal' },
      ]),
    )
  })

  it('refunds an amount, then the rest; never more than was paid', async () => {
    const order = await placePaid()
    expect((await refund(order.id, { amount: 300, reason: 'Late delivery' })).status).toBe(201)
    const tooMuch = await refund(order.id, { amount: order.total })
    expect(tooMuch.status).toBe(400)
    expect(await messageOf(tooMuch)).toBe(`At most ${order.total - 300} (EUR minor units) is left to refund on this order, not ${order.total}.`)
    expect((await refund(order.id, { amount: order.total - 300 })).status).toBe(201)
    const stored = await read(order.id)
    expect([stored.refundedTotal, stored.payment.status]).toEqual([order.total, 'refunded'])
    const again = await refund(order.id, { amount: 1 })
    expect(again.status).toBe(409)
    expect(await messageOf(again)).toMatch(/payment is refunded: there is no money taken to refund/)
    expect(provider.refundsMade).toHaveLength(2)
    // No line was named: nothing went back on sale.
    expect(await ledgerOf(order.id)).toEqual([])
  })

  it('refuses bad requests with a 4xx that says why, writing nothing and refunding nothing', async () => {
    const order = await placePaid()
    const mugLine = lineOf(order, 'MUG')
    const pending = (await postOrder(cms, orderBody([{ product: mug, quantity: 1 }]))).json() as Promise<{ order: { id: number } }>
    const cases: Array<[string, number, unknown, string | undefined, number, RegExp]> = [
      ['more than bought', order.id, { lines: [{ item: mugLine, quantity: 3 }] }, actors.admin.token, 400, /Only 2 of MUG can still be refunded/],
      ['an unknown line', order.id, { lines: [{ item: 'nope', quantity: 1 }] }, actors.admin.token, 400, /no line nope/],
      ['a line twice', order.id, { lines: [{ item: mugLine, quantity: 1 }, { item: mugLine, quantity: 1 }] }, actors.admin.token, 400, /named twice/],
      ['nothing to refund', order.id, { reason: 'x' }, actors.admin.token, 400, /with lines or an amount/],
      ['a fractional amount', order.id, { amount: 10.5 }, actors.admin.token, 400, /with lines or an amount/],
      ['a zero quantity', order.id, { lines: [{ item: mugLine, quantity: 0 }] }, actors.admin.token, 400, /with lines or an amount/],
      ['a customer', order.id, { amount: 100 }, actors.alice.token, 403, /Only staff/],
      ['nobody signed in', order.id, { amount: 100 }, undefined, 403, /Only staff/],
      ['an unpaid order', (await pending).order.id, { amount: 100 }, actors.admin.token, 409, /payment is pending/],
    ]
    for (const [what, id, body, token, status, message] of cases) {
      const response = await refund(id, body, { token })
      expect([what, response.status]).toEqual([what, status])
      expect(await messageOf(response)).toMatch(message)
    }
    expect((await refund(999_999, { amount: 1 })).status).toBe(404)
    const stored = await read(order.id)
    expect([stored.refundedTotal, stored.refunds, stored.payment.status]).toEqual([0, [], 'paid'])
    expect(provider.refundCalls).toEqual([])
  })

  it('is idempotent: a retry with the same key refunds once, even after the provider did not answer', async () => {
    const order = await placePaid()
    const body = { lines: [{ item: lineOf(order, 'CUP'), quantity: 1, restock: true }] }
    provider.script.refund = 'throw'
    const lost = await refund(order.id, body, { key: 'refund-1', token: actors.admin.token })
    expect(lost.status).toBe(502)
    expect(await messageOf(lost)).toMatch(/did not answer; nothing was refunded or recorded/)
    expect((await read(order.id)).refunds).toEqual([])
    expect(await ledgerOf(order.id)).toEqual([])

    provider.script.refund = 'ok'
    const retried = await refund(order.id, body, { key: 'refund-1', token: actors.admin.token })
    expect(retried.status).toBe(201)
    const replayed = await refund(order.id, body, { key: 'refund-1', token: actors.admin.token })
    expect(replayed.status).toBe(200)
    const [first, second] = [((await retried.json()) as { refund: Refund }).refund, ((await replayed.json()) as { refund: Refund }).refund]
    expect(second.id).toBe(first.id)
    // The provider saw one key for both attempts (so it refunds once), and the replay did not call it.
    expect(provider.refundCalls).toEqual([`refund:order:${order.id}:${first.id}`, `refund:order:${order.id}:${first.id}`])
    expect(provider.refundsMade).toHaveLength(1)
    const other = await refund(order.id, { amount: 100 }, { key: 'refund-1', token: actors.admin.token })
    expect(other.status).toBe(409)
    const stored = await read(order.id)
    expect([stored.refunds.length, stored.refundedTotal]).toEqual([1, 500])
    expect(await ledgerOf(order.id)).toEqual([['returned', 'CUP', 1]])
  })

  it('concurrent refunds together never give back more than was paid', async () => {
    const order = await placePaid()
    const half = Math.floor(order.total / 2) + 1
    // The test holds the order's row until all three refunds wait for it: each has read the order
    // with nothing refunded yet, so only the order as locked can tell them apart.
    const holder = new pg.Client({ connectionString: cms.databaseUrl })
    await holder.connect()
    await holder.query('begin')
    await holder.query('select 1 from orders where id = $1 for update', [order.id])
    const refunds = Promise.all([1, 2, 3].map(() => refund(order.id, { amount: half })))
    try {
      await waitForLockWaiters(cms.databaseUrl, 3, 'refunds queued behind the order')
    } finally {
      await holder.query('rollback')
      await holder.end()
    }
    expect((await refunds).map((response) => response.status).sort()).toEqual([201, 400, 400])
    const stored = await read(order.id)
    expect([stored.refundedTotal, stored.refunds.length]).toEqual([half, 1])
    expect(provider.refundsMade).toHaveLength(1)
  })

  it('the whole-order refund gives back what is left and restocks only the units no refund covered', async () => {
    const order = await placePaid()
    const [mugsBefore, cupsBefore] = [await stockOf(mug), await stockOf(cup)]
    // One mug refunded but kept by the customer (not restocked): the whole-order refund must not restock it.
    expect((await refund(order.id, { lines: [{ item: lineOf(order, 'MUG'), quantity: 1 }] })).status).toBe(201)
    await setStatus(order.id, 'refunded')
    const stored = await read(order.id)
    expect([stored.status, stored.payment.status, stored.refundedTotal]).toEqual(['refunded', 'refunded', order.total])
    expect(stored.refunds.map(({ amount, wholeOrder }) => [amount, wholeOrder])).toEqual([
      [1000, false],
      [order.total - 1000, true],
    ])
    expect(provider.refundsMade).toEqual([expect.stringMatching(new RegExp(`^refund:order:${order.id}:`)), `refund:order:${order.id}`])
    expect([await stockOf(mug), await stockOf(cup)]).toEqual([(mugsBefore ?? 0) + 1, (cupsBefore ?? 0) + 3])
    expect(await ledgerOf(order.id)).toEqual([
      ['refunded', 'MUG', 1],
      ['refunded', 'CUP', 3],
    ])
  })

  it('customers see their refunds, but not who made them or the provider’s reference', async () => {
    const order = await placePaid(actors.alice.token)
    expect((await refund(order.id, { amount: 250, reason: 'Goodwill' })).status).toBe(201)
    const seen = (await (await cms.api(`/orders/${order.id}?depth=0`, { token: actors.alice.token })).json()) as Order
    expect(seen.refundedTotal).toBe(250)
    expect(seen.refunds.map(({ amount, reason }) => ({ amount, reason }))).toEqual([{ amount: 250, reason: 'Goodwill' }])
    expect(seen.refunds[0]).not.toHaveProperty('by')
    expect(seen.refunds[0]).not.toHaveProperty('reference')
  })

  it('an admin edit cannot rewrite the refunds or the refunded total', async () => {
    const order = await placePaid()
    expect((await refund(order.id, { amount: 400 })).status).toBe(201)
    const edit = await cms.api(`/orders/${order.id}`, { body: JSON.stringify({ refundedTotal: 0, refunds: [] }), method: 'PATCH', token: actors.admin.token })
    expect(edit.status).toBe(200)
    const stored = await read(order.id)
    expect([stored.refundedTotal, stored.refunds.length]).toEqual([400, 1])
  })
})

describe('returns', () => {
  const ask = (id: number, body: unknown, token?: string) => post(`/orders/${id}/returns`, body, { token })
  const decide = (id: number, request: string, body: unknown, token = actors.admin.token) => post(`/orders/${id}/returns/${request}`, body, { token })

  it('a customer asks to return delivered lines; staff accept, which refunds them and puts them back on sale', async () => {
    const order = await placePaid(actors.alice.token)
    const cupLine = lineOf(order, 'CUP')
    const notYet = await ask(order.id, { lines: [{ item: cupLine, quantity: 1 }], reason: 'Too small' }, actors.alice.token)
    expect(notYet.status).toBe(409)
    expect(await messageOf(notYet)).toBe('Only a delivered order can be returned; this one is paid.')
    await setStatus(order.id, 'fulfilled', 'shipped', 'delivered')

    const asked = await ask(order.id, { lines: [{ item: cupLine, quantity: 2 }], reason: 'Too small' }, actors.alice.token)
    expect(asked.status).toBe(201)
    const { returnRequest } = (await asked.json()) as { returnRequest: { id: string; status: string } }
    expect(returnRequest.status).toBe('requested')
    // Two of three cups are asked back already: two more are too many.
    const over = await ask(order.id, { lines: [{ item: cupLine, quantity: 2 }], reason: 'Also' }, actors.alice.token)
    expect(over.status).toBe(400)
    expect(await messageOf(over)).toBe('Only 1 of CUP can still be refunded or returned, not 2.')
    expect((await ask(order.id, { lines: [{ item: cupLine, quantity: 1 }], reason: 'Mine?' }, actors.bob.token)).status).toBe(404)
    expect((await ask(order.id, { lines: [{ item: cupLine, quantity: 1 }], reason: 'Staff' }, actors.editor.token)).status).toBe(403)
    expect((await ask(order.id, { lines: [], reason: 'Nothing' }, actors.alice.token)).status).toBe(400)
    expect((await decide(order.id, returnRequest.id, { decision: 'accept' }, actors.alice.token)).status).toBe(403)

    const cupsBefore = await stockOf(cup)
    // The provider does not answer: nothing is recorded, and the retry asks it with the same key.
    provider.script.refund = 'throw'
    expect((await decide(order.id, returnRequest.id, { decision: 'accept' }, actors.editor.token)).status).toBe(502)
    expect((await read(order.id)).returnRequests.map(({ status }) => status)).toEqual(['requested'])
    provider.script.refund = 'ok'
    const accepted = await decide(order.id, returnRequest.id, { decision: 'accept' }, actors.editor.token)
    expect(accepted.status).toBe(200)
    expect(provider.refundCalls).toHaveLength(2)
    expect(new Set(provider.refundCalls).size).toBe(1)
    const stored = await read(order.id)
    expect(stored.returnRequests.map(({ refund: settledBy, status }) => [status, settledBy])).toEqual([['accepted', stored.refunds[0]?.id]])
    expect(stored.refunds.map(({ amount, lines, returnRequest: from }) => ({ amount, from, lines: lines.map(({ quantity, restock }) => [quantity, restock]) }))).toEqual([
      { amount: 1000, from: returnRequest.id, lines: [[2, true]] },
    ])
    expect([stored.refundedTotal, stored.payment.status]).toEqual([1000, 'partially_refunded'])
    expect(await stockOf(cup)).toBe((cupsBefore ?? 0) + 2)
    expect((await decide(order.id, returnRequest.id, { decision: 'accept' })).status).toBe(409)
    expect((await auditOf(order.id)).map(({ note }) => note)).toEqual(
      expect.arrayContaining(['return requested: 2 × CUP', expect.stringMatching(/^refund [0-9a-f]{24} of 1000: 2 × CUP \(back in stock\) \(Too small\)$/)]),
    )

    // The customer hears what was refunded.
    const email = await vi.waitFor(
      () => {
        const found = cms.emails.find((mail) => mail.subject === `Refund for order ${order.orderNumber}`)
        if (!found) throw new Error('no refund email yet')
        return found
      },
      { interval: 50, timeout: 20_000 },
    )
    expect(email.text).toContain('Refunded items:\n2 × Cup [CUP]\nReason: Too small\nAmount refunded: €10.00\nRefunded so far: €10.00 of ')
  })

  it('staff reject a request: recorded with the note, nothing refunded or restocked', async () => {
    const order = await placePaid(actors.alice.token)
    await setStatus(order.id, 'fulfilled', 'shipped', 'delivered')
    const asked = await ask(order.id, { lines: [{ item: lineOf(order, 'MUG'), quantity: 1 }], reason: 'Changed my mind' }, actors.alice.token)
    const { returnRequest } = (await asked.json()) as { returnRequest: { id: string } }
    expect((await decide(order.id, returnRequest.id, { amount: 5, decision: 'reject' })).status).toBe(400)
    expect((await decide(order.id, returnRequest.id, { decision: 'reject', note: 'Past the 30-day window' })).status).toBe(200)
    const stored = await read(order.id)
    expect(stored.returnRequests.map(({ decisionNote, status }) => [status, decisionNote])).toEqual([['rejected', 'Past the 30-day window']])
    expect([stored.refundedTotal, stored.refunds]).toEqual([0, []])
    expect(provider.refundCalls).toEqual([])
    expect((await decide(order.id, 'f'.repeat(24), { decision: 'reject' })).status).toBe(404)
  })
})

describe('a refund of an order with a discount and tax', () => {
  it('gives back what the shopper paid for the units (after the discount, with tax), in parts that add up to the line and leave shipping', async () => {
    await cms.payload.create({ collection: 'tax-rates', data: { country: 'AT', name: 'USt', rate: 20 } })
    await cms.payload.create({ collection: 'promotions', data: { code: 'REFUND10', kind: 'percentage', percentage: 10, title: 'Ten off' } as never })
    const address = { city: 'Wien', country: 'AT', line1: 'Ring 1', name: 'Sam Shopper', postalCode: '1010' }
    const response = await postOrder(cms, orderBody([{ product: mug, quantity: 2 }, { product: cup, quantity: 3 }], { discountCode: 'refund10', payment: { method: 'scripted' }, shippingAddress: address }))
    expect(response.status).toBe(201)
    type Priced = Omit<Order, 'items'> & { items: Array<{ discountAmount: number; id: string; sku: string; taxAmount: number }>; shippingTotal: number; taxTotal: number }
    const order = (await cms.payload.findByID({ collection: 'orders', depth: 0, id: ((await response.json()) as { order: { id: number } }).order.id })) as unknown as Priced
    // 10 % of €35.00 split by amount: €2.00 off the mugs, €1.50 off the cups; 20 % tax after it.
    expect(order.items.map(({ discountAmount, sku, taxAmount }) => [sku, discountAmount, taxAmount])).toEqual([
      ['MUG', 200, 360],
      ['CUP', 150, 270],
    ])
    const refunded = async (lines: Array<{ item: string; quantity: number }>) => {
      const made = await refund(order.id, { lines })
      expect(made.status).toBe(201)
      return ((await made.json()) as { refund: Refund }).refund.amount
    }
    // The cup line: 15.00 − 1.50 + 2.70 = 16.20 paid, 5.40 a cup; the mugs: 20.00 − 2.00 + 3.60 = 21.60.
    expect(await refunded([{ item: lineOf(order, 'CUP'), quantity: 1 }])).toBe(540)
    expect(await refunded([{ item: lineOf(order, 'MUG'), quantity: 2 }, { item: lineOf(order, 'CUP'), quantity: 2 }])).toBe(2160 + 1080)
    const stored = await read(order.id)
    // Every line back; what is left is the shipping with its tax, refundable only as an amount.
    expect(stored.refundedTotal).toBe(3780)
    expect(stored.total - stored.refundedTotal).toBe(order.shippingTotal + (order.taxTotal - 360 - 270))
  })
})
