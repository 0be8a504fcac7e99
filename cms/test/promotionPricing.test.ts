/**
 * Promotions priced by pricing's rules (docs/promotions.md, docs/pricing.md): a code's discount is split
 * per line and tax is computed on each line after it; free shipping waives the destination zone's
 * price in the order's currency (and its tax); fixed amounts and the prices they apply to are the
 * order's currency's. `POST /orders/quote`, `POST /promotions/apply` and the placed order show the same
 * figures. Real Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { orderBody, postOrder } from './orderRequest'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
const ids = { bolt: 0, pen: 0, tee: 0 }
let teeSmall = ''

type Figures = {
  currency: string
  discountTotal: number
  items: Array<{ discountAmount: number; taxAmount: number }>
  shippingTotal: number
  subtotal: number
  taxTotal: number
  total: number
}
type Quote = Figures & { discountRefusal?: { reason: string }; promotions: Array<{ amount: number; code: null | string; shippingDiscount: number }>; shippingDiscount: number }
type Order = Figures & { id: number; promotions: Array<{ amount: number; code: null | string; shippingDiscount: number }> }

const address = { city: 'Berlin', country: 'DE', line1: 'Linienstraße 1', name: 'Sam Shopper', postalCode: '10119' }
const json = async <T>(response: Response, status: number): Promise<T> => {
  const body = (await response.json()) as T
  expect(response.status, JSON.stringify(body)).toBe(status)
  return body
}
const quote = async (items: unknown[], extra: Record<string, unknown> = {}) =>
  json<Quote>(await cms.api('/orders/quote', { body: JSON.stringify({ items, shippingAddress: { country: 'DE' }, shippingMethod: 'standard', ...extra }), method: 'POST' }), 200)
const place = async (items: unknown[], extra: Record<string, unknown> = {}): Promise<Order> => {
  const { order } = await json<{ order: { id: number } }>(await postOrder(cms, orderBody(items, { shippingAddress: address, ...extra })), 201)
  return (await cms.payload.findByID({ collection: 'orders', depth: 0, id: order.id })) as unknown as Order
}
const figures = ({ currency, discountTotal, items, shippingTotal, subtotal, taxTotal, total }: Figures) => ({
  currency,
  discountTotal,
  items: items.map(({ discountAmount, taxAmount }) => ({ discountAmount, taxAmount })),
  shippingTotal,
  subtotal,
  taxTotal,
  total,
})
const promotion = async (data: Record<string, unknown>) => (await cms.payload.create({ collection: 'promotions', data: { kind: 'percentage', title: String(data.code), ...data } as never })).id

beforeAll(async () => {
  cms = await startTestCms('promotion-pricing')
  const create = async (data: Record<string, unknown>) => (await cms.payload.create({ collection: 'products', data: { _status: 'published', stock: 100, ...data } as never })).id
  ids.pen = await create({ currency: 'EUR', price: 425, prices: [{ amount: 500, currency: 'USD' }], sku: 'PEN', title: 'Pen', weight: 20 })
  ids.bolt = await create({ currency: 'EUR', price: 1190, prices: [{ amount: 1400, currency: 'USD' }], sku: 'BOLT', title: 'Bolt', weight: 4000 })
  ids.tee = await create({
    currency: 'EUR',
    options: [{ name: 'Size', values: ['S'] }],
    price: 2500,
    prices: [{ amount: 3000, currency: 'USD' }],
    sku: 'TEE',
    title: 'Tee',
    variants: [{ prices: [{ amount: 3300, currency: 'USD' }], selections: [{ option: 'Size', value: 'S' }], sku: 'TEE-S', stock: 10 }],
  })
  teeSmall = (await cms.payload.findByID({ collection: 'products', id: ids.tee })).variants?.[0]?.id ?? ''
  await cms.payload.create({ collection: 'tax-rates', data: { country: 'DE', name: 'VAT', rate: 19 } })
  await cms.payload.create({
    collection: 'shipping-zones',
    data: {
      countries: ['DE'],
      methods: [{ code: 'standard', label: 'Standard', rates: [{ amount: 690, currency: 'EUR', upToWeight: 5000 }, { amount: 500, currency: 'USD', upToWeight: 5000 }] }],
      name: 'Germany',
    } as never,
  })
  await promotion({ amounts: [{ amount: 100, currency: 'EUR' }, { amount: 120, currency: 'USD' }], appliesTo: 'items', code: 'PEN1', kind: 'fixed', products: [ids.pen] })
  await promotion({ code: 'SHIPFREE', kind: 'freeShipping' })
  await promotion({ appliesTo: 'items', code: 'TEE10', percentage: 10, products: [ids.tee] })
})
afterAll(async () => cms?.close())

describe('a promotion priced with tax, zones and currencies', () => {
  const cart = () => [{ product: ids.pen, quantity: 2 }, { product: ids.bolt, quantity: 1 }]

  it('takes tax on each line after its discount, and the quote, the code preview and the order agree', async () => {
    const quoted = await quote(cart(), { discountCode: 'pen1' })
    // Pen: 8.50 − 1.00 = 7.50 → 19 % = 1.425 → 1.43; bolt 11.90 → 2.261 → 2.26; shipping 6.90 → 1.311 → 1.31.
    expect(figures(quoted)).toEqual({
      currency: 'EUR',
      discountTotal: 100,
      items: [{ discountAmount: 100, taxAmount: 143 }, { discountAmount: 0, taxAmount: 226 }],
      shippingTotal: 690,
      subtotal: 2040,
      taxTotal: 143 + 226 + 131,
      total: 2040 - 100 + 690 + 500,
    })
    expect(quoted.promotions).toEqual([{ amount: 100, code: 'PEN1', shippingDiscount: 0, title: 'PEN1' }])
    const preview = await json<{ discountTotal: number; saving: number }>(
      await cms.api('/promotions/apply', { body: JSON.stringify({ code: 'pen1', items: cart(), shippingAddress: { country: 'DE' }, shippingMethod: 'standard' }), method: 'POST' }),
      200,
    )
    expect(preview).toMatchObject({ discountTotal: 100, saving: 100 })
    const order = await place(cart(), { discountCode: 'pen1' })
    expect(figures(order)).toEqual(figures(quoted))
    expect(order.promotions).toMatchObject([{ amount: 100, code: 'PEN1', shippingDiscount: 0 }])
  })

  it('waives the zone’s shipping in the order’s currency with free shipping, and the tax on it', async () => {
    const quoted = await quote(cart(), { discountCode: 'shipfree' })
    // Lines: 8.50 → 1.615 → 1.62, 11.90 → 2.26; no shipping, so no tax on it.
    expect(quoted).toMatchObject({ discountTotal: 0, shippingDiscount: 690, shippingTotal: 0, taxTotal: 162 + 226, total: 2040 + 388 })
    expect(quoted.promotions).toEqual([{ amount: 0, code: 'SHIPFREE', shippingDiscount: 690, title: 'SHIPFREE' }])
    const order = await place(cart(), { discountCode: 'shipfree' })
    expect(figures(order)).toEqual(figures(quoted))
    expect(order.promotions).toMatchObject([{ amount: 0, code: 'SHIPFREE', shippingDiscount: 690 }])
    const usd = await quote(cart(), { currency: 'USD', discountCode: 'shipfree' })
    expect(usd).toMatchObject({ currency: 'USD', shippingDiscount: 500, shippingTotal: 0 })
    const redemptions = await cms.payload.find({ collection: 'promotion-redemptions', where: { order: { equals: order.id } } })
    expect(redemptions.docs).toMatchObject([{ amount: 690, currency: 'EUR' }])
  })

  it('uses the order’s currency for fixed amounts and for the prices a percentage applies to', async () => {
    // In USD the pens are 2 × 5.00 and the code takes its USD amount, 1.20.
    const pens = await place(cart(), { currency: 'USD', discountCode: 'PEN1' })
    expect(pens).toMatchObject({ currency: 'USD', discountTotal: 120, subtotal: 1000 + 1400 })
    expect(pens.items.map((item) => item.discountAmount)).toEqual([120, 0])
    // Tee S has its own USD price, 33.00: 10 % of it, not of the product's EUR base price.
    const tee = await place([{ product: ids.tee, quantity: 1, variant: teeSmall }], { currency: 'USD', discountCode: 'tee10' })
    // 33.00 − 3.30 = 29.70 → 19 % = 5.643 → 5.64; shipping 5.00 → 0.95.
    expect(tee).toMatchObject({ currency: 'USD', discountTotal: 330, shippingTotal: 500, subtotal: 3300, taxTotal: 564 + 95, total: 3300 - 330 + 500 + 659 })
  })

  it('names a code it cannot use in the quote, with the figures without it; checkout refuses it, writing nothing', async () => {
    const quoted = await quote([{ product: ids.bolt, quantity: 1 }], { discountCode: 'pen1' })
    expect(quoted.discountRefusal).toMatchObject({ reason: 'not-for-these-items' })
    expect(quoted).toMatchObject({ discountTotal: 0, total: 1190 + 690 + 226 + 131 })
    const before = (await cms.payload.count({ collection: 'orders' })).totalDocs
    const response = await postOrder(cms, orderBody([{ product: ids.bolt, quantity: 1 }], { discountCode: 'pen1', shippingAddress: address }))
    expect(response.status).toBe(400)
    expect(((await response.json()) as { errors: Array<{ data: { reason: string } }> }).errors[0]?.data.reason).toBe('not-for-these-items')
    expect((await cms.payload.count({ collection: 'orders' })).totalDocs).toBe(before)
  })
})
