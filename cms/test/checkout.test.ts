import { sql } from '@payloadcms/db-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { waitForLockWaiters } from '@showroom/test-support'

import { type Actors, createActors } from './actors'
import { signTestWebhook } from '@showroom/payload-commerce'
import { startTestCms, TEST_WEBHOOK_SECRET, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors
const ids: Record<'bag' | 'draft' | 'gone' | 'last' | 'mug' | 'pound' | 'tee', number> = { bag: 0, draft: 0, gone: 0, last: 0, mug: 0, pound: 0, tee: 0 }
let teeSmall = ''
let teeMedium = ''

const address = { city: 'Berlin', country: 'de', line1: 'Linienstraße 1', name: 'Gus Guest', postalCode: '10119' }
const order = (items: unknown[], extra: Record<string, unknown> = {}) => ({
  email: 'guest@example.test',
  items,
  payment: { method: 'manual' },
  shippingAddress: address,
  shippingMethod: 'standard',
  ...extra,
})
const post = (body: unknown, init: { key?: string; token?: string } = {}) =>
  cms.api('/orders', {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: init.key ? { 'Idempotency-Key': init.key } : {},
    method: 'POST',
    token: init.token,
  })
const stockOf = async (id: number) => (await cms.payload.findByID({ collection: 'products', depth: 0, id })).stock
const variantStock = async (variant: string) =>
  (await cms.payload.findByID({ collection: 'products', depth: 0, id: ids.tee })).variants?.find((v) => v.id === variant)?.stock
const orderCount = async () => (await cms.payload.count({ collection: 'orders' })).totalDocs
/**
 * Sends `requests` while the test holds `product`'s row lock, as a checkout in progress would, and lets
 * go only once `waiting` sessions are queued behind it: every request has then read the stock (and its
 * key) before any of them takes it. Returns their answers.
 */
const behindRowLock = async (product: number, waiting: number, requests: () => Array<Promise<Response>>): Promise<Response[]> => {
  const holder = new pg.Client({ connectionString: cms.databaseUrl })
  await holder.connect()
  const release = async (): Promise<void> => {
    await holder.query('rollback')
    await holder.end()
  }
  try {
    await holder.query('begin')
    await holder.query('select 1 from products where id = $1 for update', [product])
  } catch (error) {
    await release()
    throw error
  }
  const answers = Promise.all(requests())
  try {
    await waitForLockWaiters(cms.databaseUrl, waiting, 'checkouts queued behind the row lock')
  } finally {
    await release()
  }
  return answers
}
type Placed = { guestToken?: string; order: { currency: string; customer?: null | number; email: string; id: number; items: Array<Record<string, unknown>>; orderNumber: string; status: string; subtotal: number; total: number } }

beforeAll(async () => {
  cms = await startTestCms('checkout')
  actors = await createActors(cms)
  const create = async (data: Record<string, unknown>, draft = false) =>
    (
      await cms.payload.create({
        collection: 'products',
        data: { _status: draft ? 'draft' : 'published', currency: 'EUR', ...data } as never,
        draft,
      })
    ).id
  ids.mug = await create({ price: 1999, sku: 'MUG', stock: 1000, title: 'Mug' })
  ids.bag = await create({ price: 4500, sku: 'BAG', stock: 50, title: 'Bag' })
  ids.last = await create({ price: 900, sku: 'LAST', stock: 1, title: 'Last one' })
  ids.draft = await create({ price: 100, sku: 'SECRET', stock: 10, title: 'Secret' }, true)
  ids.gone = await create({ price: 700, sku: 'GONE', stock: 0, title: 'Sold out' })
  ids.pound = await create({ currency: 'GBP', price: 1200, sku: 'TEA', stock: 10, title: 'Tea' })
  ids.tee = await create({
    options: [{ name: 'Size', values: ['S', 'M'] }],
    price: 2500,
    sku: 'TEE',
    stock: 0,
    title: 'Tee',
    variants: [
      { price: 2900, selections: [{ option: 'Size', value: 'S' }], sku: 'TEE-S', stock: 2 },
      { selections: [{ option: 'Size', value: 'M' }], sku: 'TEE-M', stock: 0 },
    ],
  })
  const tee = await cms.payload.findByID({ collection: 'products', id: ids.tee })
  teeSmall = tee.variants?.[0]?.id ?? ''
  teeMedium = tee.variants?.[1]?.id ?? ''
})
afterAll(async () => cms?.close())

describe('placing an order', () => {
  it('prices it on the server, takes the stock and gives a guest the key to their order', async () => {
    const response = await post(order([{ product: ids.mug, quantity: 2 }, { product: ids.tee, quantity: 1, variant: teeSmall }]))
    expect(response.status).toBe(201)
    const { guestToken, order: placed } = (await response.json()) as Placed
    expect(placed).toMatchObject({ currency: 'EUR', email: 'guest@example.test', status: 'pending', subtotal: 2 * 1999 + 2900, total: 2 * 1999 + 2900 + 490 })
    expect(placed.items.map(({ quantity, sku, unitPrice }) => ({ quantity, sku, unitPrice }))).toEqual([
      { quantity: 2, sku: 'MUG', unitPrice: 1999 },
      { quantity: 1, sku: 'TEE-S', unitPrice: 2900 },
    ])
    expect(await stockOf(ids.mug)).toBe(998)
    expect(await variantStock(teeSmall)).toBe(1)

    expect(guestToken).toMatch(/^\d+\.[\w-]{43}$/)
    const mine = await cms.api(`/orders/${placed.id}`, { headers: { 'X-Order-Token': guestToken ?? '' } })
    expect(mine.status).toBe(200)
    expect(((await mine.json()) as { orderNumber: string }).orderNumber).toBe(placed.orderNumber)
    expect((await cms.api(`/orders/${placed.id}`)).status).toBe(403)
  })

  it("ignores any price or total the client sends, and never stores them", async () => {
    // (`currency` is the shopper's choice of price list, see pricing.test.ts: a price in it, or a 400.)
    const tampered = order([{ price: 1, product: ids.mug, quantity: 1, unitPrice: 1 }], { subtotal: 1, taxTotal: 0, total: 1 })
    const response = await post(tampered)
    expect(response.status).toBe(201)
    const { order: placed } = (await response.json()) as Placed
    expect(placed).toMatchObject({ currency: 'EUR', subtotal: 1999, total: 2489 })
    expect(placed.items[0]).toMatchObject({ lineTotal: 1999, unitPrice: 1999 })
  })

  it('for a signed-in customer, files it on her account and shows it only to her', async () => {
    const response = await post(order([{ product: ids.mug, quantity: 1 }], { email: undefined }), { token: actors.alice.token })
    expect(response.status).toBe(201)
    const { guestToken, order: placed } = (await response.json()) as Placed
    expect(guestToken).toBeUndefined()
    expect(placed).toMatchObject({ customer: actors.alice.id, email: actors.alice.email })
    expect((await cms.api(`/orders/${placed.id}`, { token: actors.alice.token })).status).toBe(200)
    expect((await cms.api(`/orders/${placed.id}`, { token: actors.bob.token })).status).toBe(404)
  })

  it("a guest token opens only its own order", async () => {
    const first = (await (await post(order([{ product: ids.mug, quantity: 1 }]))).json()) as Placed
    const second = (await (await post(order([{ product: ids.mug, quantity: 1 }]))).json()) as Placed
    const withToken = (id: number, token: string) => cms.api(`/orders/${id}`, { headers: { 'X-Order-Token': token } })
    expect((await withToken(second.order.id, first.guestToken ?? '')).status).toBe(404)
    const forged = `${second.order.id}.${(first.guestToken ?? '').split('.')[1]}`
    expect((await withToken(second.order.id, forged)).status).toBe(403)
    const list = (await (await cms.api('/orders', { headers: { 'X-Order-Token': first.guestToken ?? '' } })).json()) as { docs: Array<{ id: number }> }
    expect(list.docs.map((doc) => doc.id)).toEqual([first.order.id])
  })

  it('a guest token expires 30 days after the order last changed, and dies with the order', async () => {
    const placed = (await (await post(order([{ product: ids.mug, quantity: 1 }]))).json()) as Placed
    const open = (id = placed.order.id) => cms.api(`/orders/${id}`, { headers: { 'X-Order-Token': placed.guestToken ?? '' } })
    const listed = async () =>
      ((await (await cms.api('/orders', { headers: { 'X-Order-Token': placed.guestToken ?? '' } })).json()) as { docs: unknown[] }).docs.length
    const lastChanged = (daysAgo: number) =>
      cms.db.execute(sql`UPDATE orders SET updated_at = now() - make_interval(days => ${daysAgo}) WHERE id = ${placed.order.id}`)

    await lastChanged(29)
    expect((await open()).status).toBe(200)
    await lastChanged(31)
    expect((await open()).status).toBe(404)
    expect(await listed()).toBe(0)

    await lastChanged(0)
    expect((await open()).status).toBe(200)
    await cms.payload.delete({ collection: 'orders', id: placed.order.id })
    expect((await open()).status).toBe(404)
    expect(await listed()).toBe(0)
  })
})

describe('inventory', () => {
  it('sells exactly the stock to concurrent buyers: 200 orders for 50 bags', async () => {
    // 25 buyers at once, each sending another order as soon as theirs is answered: five times the test
    // pool's 5 connections, so the pool stays full and its checkouts race for the same row. All 200 at
    // once would not race harder (the pool is the limit), only make the last ones queue for a
    // connection behind 195 others, which on a slow machine outlasts any sensible wait.
    const statuses: number[] = []
    let sent = 0
    const buyer = async () => {
      while (sent < 200) {
        sent += 1
        statuses.push((await post(order([{ product: ids.bag, quantity: 1 }]))).status)
      }
    }
    await Promise.all(Array.from({ length: 25 }, buyer))
    expect(statuses).toHaveLength(200)
    expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([])
    expect(statuses.filter((status) => status === 201)).toHaveLength(50)
    expect(statuses.filter((status) => status === 409)).toHaveLength(150)
    expect(await stockOf(ids.bag)).toBe(0)
    expect((await cms.payload.count({ collection: 'orders', where: { 'items.sku': { equals: 'BAG' } } })).totalDocs).toBe(50)
  }, 120_000)

  it('sells exactly the stock to buyers who all saw it before any took it: 4 orders for 3 cups', async () => {
    const cup = (await cms.payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', price: 800, sku: 'CUP', stock: 3, title: 'Cup' } as never })).id
    // Four: each waiting checkout holds one of the test pool's 5 connections.
    const answers = await behindRowLock(cup, 4, () => Array.from({ length: 4 }, () => post(order([{ product: cup, quantity: 1 }]))))
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 201, 409])
    expect(await stockOf(cup)).toBe(0)
  })

  it('takes all lines or none: a short second line leaves the first line’s stock alone', async () => {
    const mugsBefore = await stockOf(ids.mug)
    const ordersBefore = await orderCount()
    const response = await post(order([{ product: ids.mug, quantity: 3 }, { product: ids.last, quantity: 2 }]))
    expect(response.status).toBe(409)
    const body = (await response.json()) as { errors: Array<{ data: { shortages: unknown[] }; message: string }> }
    expect(body.errors[0]?.message).toMatch(/Last one \(LAST\): 1 available, 2 requested/)
    expect(body.errors[0]?.data.shortages).toEqual([{ available: 1, line: 1, requested: 2, sku: 'LAST', title: 'Last one' }])
    expect(await stockOf(ids.mug)).toBe(mugsBefore)
    expect(await stockOf(ids.last)).toBe(1)
    expect(await orderCount()).toBe(ordersBefore)
  })

  it('refuses a sold-out product at once, without queuing for the row another checkout holds', async () => {
    // A checkout in progress holds the product's row lock: this test's own transaction plays it. An
    // order that would lock the row first waits for that commit, which comes only after the answer: the
    // test would never finish.
    const holder = new pg.Client({ connectionString: cms.databaseUrl })
    await holder.connect()
    try {
      await holder.query('begin')
      await holder.query('select 1 from products where id = $1 for update', [ids.gone])
      const response = await post(order([{ product: ids.mug, quantity: 1 }, { product: ids.gone, quantity: 1 }]))
      expect(response.status).toBe(409)
      const body = (await response.json()) as { errors: Array<{ data: { shortages: unknown[] } }> }
      expect(body.errors[0]?.data.shortages).toEqual([{ available: 0, line: 1, requested: 1, sku: 'GONE', title: 'Sold out' }])
    } finally {
      await holder.query('rollback')
      await holder.end()
    }
  })

  it('never takes a variant below zero', async () => {
    const sold = await post(order([{ product: ids.tee, quantity: 1, variant: teeMedium }]))
    expect(sold.status).toBe(409)
    expect(await variantStock(teeMedium)).toBe(0)
  })

  it('keeps the copy of the stock in the product’s latest version in step, for editors', async () => {
    const before = await cms.payload.findByID({ collection: 'products', draft: true, id: ids.mug })
    expect((await post(order([{ product: ids.mug, quantity: 5 }]))).status).toBe(201)
    const after = await cms.payload.findByID({ collection: 'products', draft: true, id: ids.mug })
    expect(after.stock).toBe((before.stock ?? 0) - 5)
  })
})

describe('idempotency', () => {
  it('replaying a key returns the same order and places it once', async () => {
    const body = order([{ product: ids.mug, quantity: 1 }])
    const before = await stockOf(ids.mug)
    const [first, again] = [await post(body, { key: 'checkout-0001' }), await post(body, { key: 'checkout-0001' })]
    expect([first.status, again.status]).toEqual([201, 200])
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    const [a, b] = [(await first.json()) as Placed, (await again.json()) as Placed]
    expect(b.order.id).toBe(a.order.id)
    expect(b.guestToken).toBe(a.guestToken)
    expect(await stockOf(ids.mug)).toBe(before - 1)
  })

  it('concurrent retries with one key still place one order', async () => {
    const body = order([{ product: ids.mug, quantity: 1 }])
    const [ordersBefore, stockBefore] = [await orderCount(), await stockOf(ids.mug)]
    // All four have looked for an order with the key (none yet) before the first one places it.
    const responses = await behindRowLock(ids.mug, 4, () => Array.from({ length: 4 }, () => post(body, { key: 'checkout-burst' })))
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 201])
    const placed = await Promise.all(responses.map(async (response) => ((await response.json()) as Placed).order.id))
    expect(new Set(placed).size).toBe(1)
    expect(await orderCount()).toBe(ordersBefore + 1)
    expect(await stockOf(ids.mug)).toBe((stockBefore ?? 0) - 1)
  })

  it('the same key with a different request is refused', async () => {
    await post(order([{ product: ids.mug, quantity: 1 }]), { key: 'checkout-0002' })
    const response = await post(order([{ product: ids.mug, quantity: 2 }]), { key: 'checkout-0002' })
    expect(response.status).toBe(422)
    expect(JSON.stringify(await response.json())).toMatch(/already used for a different order request/)
  })
})

describe('bad order requests are refused with a clear message and write nothing', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['an unknown product', () => order([{ product: 999_999, quantity: 1 }]), /does not exist or is not for sale/],
    ['a draft product', () => order([{ product: ids.draft, quantity: 1 }]), /does not exist or is not for sale/],
    ['a zero quantity', () => order([{ product: ids.mug, quantity: 0 }]), /at least 1/],
    ['a negative quantity', () => order([{ product: ids.mug, quantity: -2 }]), /at least 1/],
    ['a fractional quantity', () => order([{ product: ids.mug, quantity: 1.5 }]), /whole number/],
    ['a huge quantity', () => order([{ product: ids.mug, quantity: 1_000_000 }]), /at most 100/],
    ['a quantity as text', () => order([{ product: ids.mug, quantity: '2' }]), /quantity must be a number/],
    ['the same line twice', () => order([{ product: ids.mug, quantity: 1 }, { product: ids.mug, quantity: 2 }]), /repeats an earlier line/],
    ['no items', () => order([]), /no items/],
    ['a variant product without a variant', () => order([{ product: ids.tee, quantity: 1 }]), /choose a variant/],
    ['an unknown variant', () => order([{ product: ids.tee, quantity: 1, variant: 'nope' }]), /has no variant nope/],
    ['a variant of a product without variants', () => order([{ product: ids.mug, quantity: 1, variant: 'nope' }]), /Line 1: .{1,2}Mug.{1,2} has no variants/],
    ['products priced in two currencies', () => order([{ product: ids.mug, quantity: 1 }, { product: ids.pound, quantity: 1 }]), /same currency/],
    ['a problem on the second line, named by its number', () => order([{ product: ids.mug, quantity: 1 }, { product: ids.tee, quantity: 1 }]), /Line 2: choose a variant of .{1,2}Tee/],
    ['a guest without an email', () => order([{ product: ids.mug, quantity: 1 }], { email: undefined }), /email address is required/],
    ['a missing address', () => order([{ product: ids.mug, quantity: 1 }], { shippingAddress: undefined }), /shippingAddress/],
    ['an address without a city', () => order([{ product: ids.mug, quantity: 1 }], { shippingAddress: { ...address, city: '' } }), /shippingAddress.city/],
    ['an unknown shipping method', () => order([{ product: ids.mug, quantity: 1 }], { shippingMethod: 'pigeon' }), /Choose one of: standard, express/],
    ['an unknown payment method', () => order([{ product: ids.mug, quantity: 1 }], { payment: { method: 'iou' } }), /Unknown payment method .{1,2}iou/],
    ['malformed JSON', () => '{"items": [', /not valid JSON/],
    ['an oversized body', () => JSON.stringify(order([{ product: ids.mug, quantity: 1 }], { note: 'x'.repeat(70_000) })), /larger than 65536 bytes/],
  ]

  it.each(cases)('%s', async (_, body, message) => {
    const [ordersBefore, mugsBefore] = [await orderCount(), await stockOf(ids.mug)]
    const response = await post(body())
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(JSON.stringify(await response.json())).toMatch(message)
    expect(await orderCount()).toBe(ordersBefore)
    expect(await stockOf(ids.mug)).toBe(mugsBefore)
  })

  it('a malformed Idempotency-Key', async () => {
    const response = await post(order([{ product: ids.mug, quantity: 1 }]), { key: 'short' })
    expect(response.status).toBe(400)
  })
})

describe('payment', () => {
  const card = (number: string) => ({ details: { cvc: '123', expiry: '12/40', number }, method: 'test' })

  it('a good test card pays the order at once', async () => {
    const response = await post(order([{ product: ids.mug, quantity: 1 }], { payment: card('4242 4242 4242 4242') }))
    expect(response.status).toBe(201)
    const { order: placed } = (await response.json()) as Placed & { order: { payment: { reference: string; status: string } } }
    expect(placed.status).toBe('paid')
    expect(placed.payment).toMatchObject({ method: 'test', status: 'paid' })
    expect(placed.payment.reference).toEqual(expect.any(String))
  })

  it('a declined card leaves no paid order: the attempt is cancelled with its reason, and its stock comes back once', async () => {
    const [ordersBefore, mugsBefore] = [await orderCount(), await stockOf(ids.mug)]
    const body = order([{ product: ids.mug, quantity: 1 }], { payment: card('4000 0000 0000 0002') })
    const response = await post(body, { key: 'checkout-declined' })
    expect(response.status).toBe(402)
    expect(JSON.stringify(await response.json())).toMatch(/declined/)
    expect([await orderCount(), await stockOf(ids.mug)]).toEqual([ordersBefore + 1, mugsBefore])
    const { docs } = await cms.payload.find({ collection: 'orders', depth: 0, limit: 1, sort: '-id' })
    expect(docs[0]).toMatchObject({ payment: { status: 'failed' }, status: 'cancelled' })
    expect(docs[0]?.statusHistory?.map(({ note, to }) => ({ note, to }))).toEqual([
      { note: null, to: 'pending' },
      { note: expect.stringMatching(/^payment declined/), to: 'cancelled' },
    ])
    // The shopper tries again with the same key (the storefront keeps it for the same cart): a new attempt.
    expect((await post(body, { key: 'checkout-declined' })).status).toBe(402)
    expect([await orderCount(), await stockOf(ids.mug)]).toEqual([ordersBefore + 2, mugsBefore])
  })

  it('malformed card details are a 400 naming the problem', async () => {
    const ordersBefore = await orderCount()
    const response = await post(order([{ product: ids.mug, quantity: 1 }], { payment: card('4242') }))
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toMatch(/Payment details/)
    expect(await orderCount()).toBe(ordersBefore)
  })

  it('manual payment (bank transfer) leaves the order pending with a reference and a due time, as stored', async () => {
    const response = await post(order([{ product: ids.mug, quantity: 1 }]))
    const { order: placed } = (await response.json()) as Placed & { order: { payment: { dueAt: string; reference: string; status: string } } }
    expect(placed.status).toBe('pending')
    expect(placed.payment).toMatchObject({ method: 'manual', status: 'pending' })
    expect(placed.payment.reference).toMatch(/^manual_/)
    expect(new Date(placed.payment.dueAt).getTime()).toBeGreaterThan(Date.now())
    const stored = await cms.payload.findByID({ collection: 'orders', depth: 0, id: placed.id, overrideAccess: true })
    expect(stored.payment).toMatchObject({ reference: placed.payment.reference, status: 'pending' })
    expect(new Date(stored.payment?.dueAt ?? 0).toISOString()).toBe(placed.payment.dueAt)
  })
})

describe('payment provider webhooks', () => {
  const twoStepCard = { details: { cvc: '123', expiry: '12/40', number: '4000 0025 0000 3155' }, method: 'test' }
  const deliver = (event: unknown, signature?: string) => {
    const body = JSON.stringify(event)
    return cms.api('/payments/test/webhook', {
      body,
      headers: { 'test-signature': signature ?? signTestWebhook(body, TEST_WEBHOOK_SECRET) },
      method: 'POST',
    })
  }

  it('a signed "payment succeeded" event pays an authorised order, once', async () => {
    const response = await post(order([{ product: ids.mug, quantity: 1 }], { payment: twoStepCard }))
    const { order: placed } = (await response.json()) as Placed & { order: { payment: { reference: string; status: string } } }
    expect(placed).toMatchObject({ payment: { status: 'authorized' }, status: 'pending' })
    const event = { id: 'evt_1', reference: placed.payment.reference, type: 'payment.succeeded' }
    expect((await deliver(event)).status).toBe(200)
    expect((await deliver(event)).status).toBe(200)
    const stored = await cms.payload.findByID({ collection: 'orders', depth: 0, id: placed.id })
    expect(stored).toMatchObject({ payment: { status: 'paid' }, status: 'paid' })
    expect(stored.statusHistory?.filter((entry) => entry.to === 'paid')).toHaveLength(1)
  })

  it('refuses an event with a missing or wrong signature, and changes nothing', async () => {
    const response = await post(order([{ product: ids.mug, quantity: 1 }], { payment: twoStepCard }))
    const { order: placed } = (await response.json()) as Placed & { order: { payment: { reference: string } } }
    const event = { id: 'evt_2', reference: placed.payment.reference, type: 'payment.succeeded' }
    expect((await deliver(event, 'f'.repeat(64))).status).toBe(401)
    const unsigned = await cms.api('/payments/test/webhook', { body: JSON.stringify(event), method: 'POST' })
    expect(unsigned.status).toBe(401)
    expect((await cms.payload.findByID({ collection: 'orders', id: placed.id })).status).toBe('pending')
  })
})

describe('refunds', () => {
  it('refunding a paid order pays the money back through its provider and restocks', async () => {
    const card = { details: { cvc: '123', expiry: '12/40', number: '4242 4242 4242 4242' }, method: 'test' }
    const before = await stockOf(ids.mug)
    const { order: placed } = (await (await post(order([{ product: ids.mug, quantity: 2 }], { payment: card }))).json()) as Placed
    expect(placed.status).toBe('paid')
    const refund = () => cms.api(`/orders/${placed.id}/status`, { body: JSON.stringify({ status: 'refunded' }), method: 'POST', token: actors.admin.token })
    expect((await refund()).status).toBe(200)
    const stored = await cms.payload.findByID({ collection: 'orders', depth: 0, id: placed.id })
    expect(stored).toMatchObject({ payment: { status: 'refunded' }, status: 'refunded' })
    expect(await stockOf(ids.mug)).toBe(before)
    expect((await refund()).status).toBe(400)
  })
})
