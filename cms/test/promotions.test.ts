import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { waitForLockWaiters } from '@showroom/test-support'

import { type Actors, createActors } from './actors'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors
const ids = { bag: 0, clothing: 0, mug: 0, pound: 0, shirts: 0, tee: 0 }
/** One product per racing buyer: orders for one product would queue on its stock row and never race. */
const racers: number[] = []

const address = { city: 'Berlin', country: 'DE', line1: 'Linienstraße 1', name: 'Gus Guest', postalCode: '10119' }
const order = (items: unknown[], extra: Record<string, unknown> = {}) => ({
  email: 'guest@example.test',
  items,
  payment: { method: 'manual' },
  shippingAddress: address,
  shippingMethod: 'standard',
  ...extra,
})
const post = (path: string, body: unknown, token?: string) => cms.api(path, { body: JSON.stringify(body), method: 'POST', token })
type PlacedOrder = {
  discountTotal: number
  id: number
  items: Array<{ discountAmount: number; lineTotal: number; sku: string }>
  promotions: Array<{ amount: number; code: null | string; shippingDiscount: number; title: string }>
  shippingTotal: number
  subtotal: number
  total: number
}
const placed = async (response: Response): Promise<{ guestToken?: string; order: PlacedOrder }> => {
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as { guestToken?: string; order: PlacedOrder }
}
const errorOf = async (response: Response) => ((await response.json()) as { errors: Array<{ data?: { reason?: string }; message: string }> }).errors[0]
const orderCount = async () => (await cms.payload.count({ collection: 'orders' })).totalDocs
const stockOf = async (id: number) => (await cms.payload.findByID({ collection: 'products', depth: 0, id })).stock
const redemptionsOf = async (promotion: number) => (await cms.payload.count({ collection: 'promotion-redemptions', where: { promotion: { equals: promotion } } })).totalDocs

let seq = 0
const createPromotion = async (data: Record<string, unknown>) =>
  (await cms.payload.create({ collection: 'promotions', data: { kind: 'percentage', percentage: 10, title: `Promotion ${(seq += 1)}`, ...data } as never })).id

beforeAll(async () => {
  cms = await startTestCms('promotions')
  actors = await createActors(cms)
  ids.clothing = (await cms.payload.create({ collection: 'categories', data: { slug: 'clothing', title: 'Clothing' } as never })).id
  ids.shirts = (await cms.payload.create({ collection: 'categories', data: { parent: ids.clothing, slug: 'shirts', title: 'Shirts' } as never })).id
  const product = async (data: Record<string, unknown>) =>
    (await cms.payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', stock: 1000, ...data } as never })).id
  ids.mug = await product({ price: 1999, sku: 'MUG', title: 'Mug' })
  ids.tee = await product({ categories: [ids.shirts], price: 2500, sku: 'TEE', title: 'Tee' })
  ids.bag = await product({ price: 4500, sku: 'BAG', title: 'Bag' })
  ids.pound = await product({ currency: 'GBP', price: 1000, sku: 'POUND', title: 'Pound' })
  for (let index = 0; index < 10; index += 1) racers.push(await product({ price: 1000, sku: `RACE-${index}`, title: `Racer ${index}` }))
})

afterAll(async () => {
  await cms?.close()
})

describe('a code at checkout', () => {
  it('takes a percentage off, per line and in the totals, and records the use', async () => {
    const promotion = await createPromotion({ code: 'Spring15', percentage: 15, title: 'Spring' })
    const { guestToken, order: placedOrder } = await placed(await post('/orders', order([{ product: ids.mug, quantity: 1 }, { product: ids.tee, quantity: 2 }], { discountCode: ' spring15 ' })))
    // 15 % of 6999 = 1049.85 → 1049, spread in proportion 299.61 / 749.39 → 299 + 749, the unit left to the larger remainder.
    expect(placedOrder).toMatchObject({ discountTotal: 1049, shippingTotal: 490, subtotal: 6999, total: 6999 - 1049 + 490 })
    expect(placedOrder.items.map((item) => [item.sku, item.discountAmount])).toEqual([['MUG', 300], ['TEE', 749]])
    expect(placedOrder.promotions).toMatchObject([{ amount: 1049, code: 'SPRING15', shippingDiscount: 0, title: 'Spring' }])
    // The guest reads the same figures back from the stored order.
    const stored = (await (await cms.api(`/orders/${placedOrder.id}`, { headers: { 'x-order-token': guestToken ?? '' } })).json()) as PlacedOrder
    expect(stored).toMatchObject({ discountTotal: 1049, total: 6440 })
    expect(stored.items.map((item) => item.discountAmount)).toEqual([300, 749])
    expect(await redemptionsOf(promotion)).toBe(1)
    // The confirmation email lists the discount between subtotal and shipping.
    const confirmation = () => cms.emails.find((email) => email.subject.includes('confirmed') && email.text.includes('€64.40'))?.text
    await expect.poll(confirmation, { timeout: 20_000 }).toContain('Subtotal: €69.99\nDiscounts: −€10.49\nShipping – Standard (3–5 working days): €4.90\nTotal: €64.40')
  })

  it('takes a fixed amount off the chosen category’s items only, subcategories included', async () => {
    await createPromotion({ amounts: [{ amount: 1000, currency: 'EUR' }], appliesTo: 'items', categories: [ids.clothing], code: 'CLOTHES10', kind: 'fixed' })
    const { order: placedOrder } = await placed(await post('/orders', order([{ product: ids.mug, quantity: 1 }, { product: ids.tee, quantity: 1 }], { discountCode: 'CLOTHES10' })))
    expect(placedOrder.items.map((item) => [item.sku, item.discountAmount])).toEqual([['MUG', 0], ['TEE', 1000]])
    expect(placedOrder.total).toBe(1999 + 2500 - 1000 + 490)
  })

  it('waives shipping with a free-shipping code', async () => {
    await createPromotion({ code: 'SHIPFREE', kind: 'freeShipping' })
    const { order: placedOrder } = await placed(await post('/orders', order([{ product: ids.mug, quantity: 1 }], { discountCode: 'shipfree' })))
    expect(placedOrder).toMatchObject({ discountTotal: 0, shippingTotal: 0, total: 1999 })
    expect(placedOrder.promotions).toMatchObject([{ amount: 0, shippingDiscount: 490 }])
  })

  it('applies an automatic promotion without a code, and a combinable code on top of a combinable one', async () => {
    const automatic = await createPromotion({ appliesTo: 'items', combinable: true, percentage: 20, products: [ids.bag], title: 'Bag week' })
    const { order: alone } = await placed(await post('/orders', order([{ product: ids.bag, quantity: 1 }])))
    expect(alone).toMatchObject({ discountTotal: 900, promotions: [{ code: null, title: 'Bag week' }] })
    await createPromotion({ amounts: [{ amount: 100, currency: 'EUR' }], combinable: true, code: 'PLUS100', kind: 'fixed' })
    const { order: both } = await placed(await post('/orders', order([{ product: ids.bag, quantity: 1 }], { discountCode: 'PLUS100' })))
    // 20 % first (900), then 100 off what is left.
    expect(both.discountTotal).toBe(1000)
    expect(both.promotions.map((item) => item.amount)).toEqual([900, 100])
    await cms.payload.update({ collection: 'promotions', data: { active: false }, id: automatic })
  })

  const refusals: Array<[string, Record<string, unknown>, () => unknown[], RegExp, string]> = [
    ['an unknown code', {}, () => [], /not valid/, 'unknown'],
    ['an expired code', { endsAt: '2020-01-01T00:00:00.000Z' }, () => [], /expired/, 'expired'],
    ['a code not started', { startsAt: '2099-01-01T00:00:00.000Z' }, () => [], /not valid yet/, 'not-started'],
    ['a subtotal under the minimum', { minimumSubtotals: [{ amount: 5000, currency: 'EUR' }] }, () => [], /at least €50\.00/, 'minimum-not-met'],
    ['items the code is not for', { appliesTo: 'items', products: [ids.bag] }, () => [], /not for the items/, 'not-for-these-items'],
    ['another currency', { amounts: [{ amount: 500, currency: 'EUR' }], kind: 'fixed' }, () => [{ product: ids.pound, quantity: 1 }], /orders in GBP/, 'wrong-currency'],
  ]
  it.each(refusals)('refuses %s with the reason, writing nothing', async (_, data, items, message, reason) => {
    const code = `REFUSE${(seq += 1)}`
    if (reason !== 'unknown') await createPromotion({ code, ...data, ...(reason === 'not-for-these-items' ? { products: [ids.bag] } : {}) })
    const [before, stock] = [await orderCount(), await stockOf(ids.mug)]
    const response = await post('/orders', order(items().length > 0 ? items() : [{ product: ids.mug, quantity: 1 }], { discountCode: code }))
    expect(response.status).toBe(400)
    const error = await errorOf(response)
    expect(error?.message).toMatch(message)
    expect(error?.data?.reason).toBe(reason)
    expect(await orderCount()).toBe(before)
    expect(await stockOf(ids.mug)).toBe(stock)
  })

  it('refuses a malformed code as bad input', async () => {
    const response = await post('/orders', order([{ product: ids.mug, quantity: 1 }], { discountCode: 'x'.repeat(41) }))
    expect(response.status).toBe(400)
    expect((await errorOf(response))?.message).toMatch(/discountCode is at most 40/)
  })
})

describe('the cart’s preview', () => {
  it('answers the saving checkout then takes', async () => {
    await createPromotion({ code: 'PREVIEW', percentage: 10 })
    const items = [{ product: ids.mug, quantity: 3 }]
    const response = await post('/promotions/apply', { code: 'preview', items, shippingMethod: 'standard' })
    expect(response.status).toBe(200)
    const quote = (await response.json()) as { discountTotal: number; lines: Array<{ discountAmount: number }>; saving: number; subtotal: number }
    expect(quote).toMatchObject({ discountTotal: 599, saving: 599, subtotal: 5997 })
    const { order: placedOrder } = await placed(await post('/orders', order(items, { discountCode: 'PREVIEW' })))
    expect(placedOrder.discountTotal).toBe(quote.discountTotal)
    expect(placedOrder.items.map((item) => item.discountAmount)).toEqual(quote.lines.map((line) => line.discountAmount))
  })

  it('says why a code is refused, with the cart’s figures without it', async () => {
    await createPromotion({ code: 'BIGSPEND', minimumSubtotals: [{ amount: 10_000, currency: 'EUR' }] })
    const response = await post('/promotions/apply', { code: 'BIGSPEND', items: [{ product: ids.mug, quantity: 1 }] })
    expect(response.status).toBe(422)
    const error = (await response.json()) as { errors: Array<{ data: { quote: { saving: number; subtotal: number }; reason: string }; message: string }> }
    expect(error.errors[0]).toMatchObject({ data: { quote: { saving: 0, subtotal: 1999 }, reason: 'minimum-not-met' }, message: 'This code needs a subtotal of at least €100.00.' })
  })

  it('refuses bad input with a 400', async () => {
    for (const body of [{}, { items: [] }, { items: [{ product: ids.mug, quantity: 0 }] }, { code: 5, items: [{ product: ids.mug, quantity: 1 }] }]) {
      expect((await post('/promotions/apply', body)).status).toBe(400)
    }
    expect((await post('/promotions/apply', { items: [{ product: 999_999, quantity: 1 }] })).status).toBe(400)
  })
})

describe('who may see and change promotions', () => {
  it('staff manage them; customers and visitors cannot list the codes', async () => {
    await createPromotion({ code: 'SECRETCODE' })
    expect((await cms.api('/promotions')).status).toBe(403)
    expect((await cms.api('/promotions', { token: actors.alice.token })).status).toBe(403)
    expect((await cms.api('/promotion-redemptions', { token: actors.alice.token })).status).toBe(403)
    const listed = await cms.api('/promotions?where[code][equals]=SECRETCODE', { token: actors.editor.token })
    expect(((await listed.json()) as { totalDocs: number }).totalDocs).toBe(1)
    const created = await post('/promotions', { code: 'editor-made', kind: 'percentage', percentage: 5, title: 'Editor' }, actors.editor.token)
    expect(created.status).toBe(201)
    expect(((await created.json()) as { doc: { code: string } }).doc.code).toBe('EDITOR-MADE')
    expect((await post('/promotions', { code: 'NOPE', kind: 'percentage', percentage: 5, title: 'x' }, actors.alice.token)).status).toBe(403)
    expect((await post('/promotions', { kind: 'fixed', title: 'No amount' }, actors.editor.token)).status).toBe(400)
  })
})

/**
 * Sends `requests` while the test holds the promotion's row lock, as a checkout recording its use
 * would, and lets go once `waiting` sessions queue behind it: every request has then checked the
 * usage (none yet) before any of them records a use. Returns their answers.
 */
const behindPromotionLock = async (promotion: number, waiting: number, requests: () => Array<Promise<Response>>): Promise<Response[]> => {
  const holder = new pg.Client({ connectionString: cms.databaseUrl })
  await holder.connect()
  try {
    await holder.query('begin')
    await holder.query('select 1 from promotions where id = $1 for update', [promotion])
    const answers = Promise.all(requests())
    await waitForLockWaiters(cms.databaseUrl, waiting, 'checkouts queued behind the promotion’s row lock')
    await holder.query('rollback')
    return await answers
  } finally {
    await holder.end()
  }
}

describe('usage limits under concurrency', () => {
  it('4 buyers who all saw a code with 2 uses left: exactly 2 orders get it', async () => {
    const promotion = await createPromotion({ code: 'TWOLEFT', usageLimit: 2 })
    const before = await orderCount()
    const answers = await behindPromotionLock(promotion, 4, () =>
      Array.from({ length: 4 }, (_, index) => post('/orders', order([{ product: racers[index], quantity: 1 }], { discountCode: 'TWOLEFT', email: `buyer${index}@example.test` }))),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 409, 409])
    const refused = await Promise.all(answers.filter((answer) => answer.status === 409).map(errorOf))
    expect(refused.map((error) => error?.data?.reason)).toEqual(['used-up', 'used-up'])
    expect(await orderCount()).toBe(before + 2)
    expect(await redemptionsOf(promotion)).toBe(2)
  })

  it('a burst of 40 orders on a code limited to 5 places exactly 5 with it', async () => {
    const promotion = await createPromotion({ code: 'FIVEONLY', usageLimit: 5 })
    const stockBefore = await Promise.all(racers.map(stockOf))
    const statuses: number[] = []
    let sent = 0
    const buyer = async (index: number) => {
      while (sent < 40) {
        sent += 1
        statuses.push((await post('/orders', order([{ product: racers[index], quantity: 1 }], { discountCode: 'FIVEONLY', email: `burst${sent}@example.test` }))).status)
      }
    }
    await Promise.all(racers.map((_, index) => buyer(index)))
    expect(statuses.filter((status) => status === 201)).toHaveLength(5)
    // Refused before writing (400, the count was already reached) or at the lock (409): never a 500.
    expect(statuses.filter((status) => status !== 201 && status !== 400 && status !== 409)).toEqual([])
    expect(await redemptionsOf(promotion)).toBe(5)
    const withCode = await cms.payload.count({ collection: 'orders', where: { 'promotions.code': { equals: 'FIVEONLY' } } })
    expect(withCode.totalDocs).toBe(5)
    // The refused orders took no stock.
    const stockAfter = await Promise.all(racers.map(stockOf))
    expect(stockBefore.reduce((sum, stock) => sum + (stock ?? 0), 0) - stockAfter.reduce((sum, stock) => sum + (stock ?? 0), 0)).toBe(5)
  }, 120_000)

  it('one customer racing themselves with a once-per-customer code gets it once', async () => {
    const promotion = await createPromotion({ code: 'ONCEEACH', perCustomerLimit: 1 })
    const answers = await behindPromotionLock(promotion, 3, () =>
      Array.from({ length: 3 }, (_, index) => post('/orders', order([{ product: racers[index], quantity: 1 }], { discountCode: 'ONCEEACH', email: 'ignored@example.test' }), actors.bob.token)),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409])
    expect((await errorOf(answers.find((answer) => answer.status === 409) as Response))?.data?.reason).toBe('already-used')
    // Another shopper still may; the same email as a guest may not (limits count by email, any case).
    await placed(await post('/orders', order([{ product: ids.mug, quantity: 1 }], { discountCode: 'ONCEEACH', email: 'other@example.test' })))
    const asGuest = await post('/orders', order([{ product: ids.mug, quantity: 1 }], { discountCode: 'ONCEEACH', email: actors.bob.email.toUpperCase() }))
    expect(asGuest.status).toBe(400)
    expect((await errorOf(asGuest))?.data?.reason).toBe('already-used')
  })

  it('a cancelled order gives its use back', async () => {
    await createPromotion({ code: 'ONLYONE', usageLimit: 1 })
    const { order: first } = await placed(await post('/orders', order([{ product: ids.mug, quantity: 1 }], { discountCode: 'ONLYONE' })))
    expect((await post('/orders', order([{ product: ids.mug, quantity: 1 }], { discountCode: 'ONLYONE' }))).status).toBe(400)
    const cancelled = await post(`/orders/${first.id}/status`, { status: 'cancelled' }, actors.admin.token)
    expect(cancelled.status).toBe(200)
    await placed(await post('/orders', order([{ product: ids.mug, quantity: 1 }], { discountCode: 'ONLYONE' })))
  })
})
