/**
 * The order's pricing (docs/pricing.md): tax rates per country and region, prices with or without tax,
 * tax per line after discounts rounded half up, shipping zones with rates per currency, weight and
 * subtotal bands and free-shipping thresholds, and price lists per currency. Every figure is checked
 * on the stored order, on real Postgres.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { getPayload, type Migration, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_ZONE_NAME, sanitizeConfig, seedDefaultZone, STORE_SETTINGS_SLUG } from '@showroom/payload-commerce'
import { createTestDatabase, waitForLockWaiters } from '@showroom/test-support'

import { buildShowroomConfig } from '../src/buildShowroomConfig'
import { migrateExclusively } from '../src/database/migrateExclusively'
import { migrations } from '../src/migrations'
import { type Actors, createActors } from './actors'
import { closePayload } from './closePayload'
import { startTestCms, TEST_SECRET, TEST_SERVER_URL, TEST_STOREFRONT_URL, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors
const ids = { bolt: 0, book: 0, gbpOnly: 0, lamp: 0, pen: 0, tee: 0 }
let teeSmall = ''
let teeLarge = ''

type Order = {
  currency: string
  discountTotal: number
  id: number
  items: Array<{ discountAmount: number; lineTotal: number; taxAmount: number; unitPrice: number }>
  pricesIncludeTax: boolean
  shippingMethod: string
  shippingTotal: number
  subtotal: number
  taxLines: Array<{ country: string; name: string; rate: number; region: null | string; taxableAmount: number; taxAmount: number }>
  taxTotal: number
  total: number
}

const address = (country: string, region?: string) => ({ city: 'Town', country, line1: 'Street 1', name: 'Pat Buyer', postalCode: '12345', ...(region ? { region } : {}) })

const post = (body: Record<string, unknown>) => cms.api('/orders', { body: JSON.stringify(body), method: 'POST' })

/** Places a guest order and returns it as the API stores it (read back, not as answered). */
const place = async (items: unknown[], extra: Record<string, unknown> = {}): Promise<Order> => {
  const response = await post({ email: 'pat@example.test', items, payment: { method: 'manual' }, shippingAddress: address('DE'), shippingMethod: 'standard', ...extra })
  const body = (await response.json()) as { order: Order }
  expect(response.status, JSON.stringify(body)).toBe(201)
  return (await cms.payload.findByID({ collection: 'orders', depth: 0, id: body.order.id })) as unknown as Order
}

/** The 400 message of an order that must be refused, after checking it wrote nothing. */
const refused = async (items: unknown[], extra: Record<string, unknown> = {}): Promise<string> => {
  const before = (await cms.payload.count({ collection: 'orders' })).totalDocs
  const response = await post({ email: 'pat@example.test', items, payment: { method: 'manual' }, shippingAddress: address('DE'), shippingMethod: 'standard', ...extra })
  expect(response.status).toBe(400)
  expect((await cms.payload.count({ collection: 'orders' })).totalDocs).toBe(before)
  return ((await response.json()) as { errors: Array<{ message: string }> }).errors[0]?.message ?? ''
}

const settings = (data: Record<string, unknown>) => cms.payload.updateGlobal({ slug: STORE_SETTINGS_SLUG, data: data as never })

beforeAll(async () => {
  cms = await startTestCms('pricing')
  actors = await createActors(cms)
  const create = async (data: Record<string, unknown>) => (await cms.payload.create({ collection: 'products', data: { _status: 'published', stock: 100, ...data } as never })).id
  ids.pen = await create({ currency: 'EUR', price: 425, sku: 'PEN', title: 'Pen', weight: 20 })
  ids.lamp = await create({ currency: 'EUR', price: 1999, prices: [{ amount: 2399, currency: 'USD' }], sku: 'LAMP', title: 'Lamp', weight: 1500 })
  ids.bolt = await create({ currency: 'EUR', price: 1190, sku: 'BOLT', title: 'Bolt', weight: 4000 })
  ids.gbpOnly = await create({ currency: 'GBP', price: 800, sku: 'TEA', title: 'Tea' })
  ids.book = await create({ currency: 'EUR', price: 2000, prices: [{ amount: 2400, currency: 'USD' }], sku: 'BOOK', taxClass: 'reduced', title: 'Book', weight: 400 })
  ids.tee = await create({
    currency: 'EUR',
    options: [{ name: 'Size', values: ['S', 'L'] }],
    price: 2500,
    prices: [{ amount: 3000, currency: 'USD' }],
    sku: 'TEE',
    title: 'Tee',
    variants: [
      { prices: [{ amount: 3300, currency: 'USD' }], selections: [{ option: 'Size', value: 'S' }], sku: 'TEE-S', stock: 10 },
      { price: 2700, selections: [{ option: 'Size', value: 'L' }], sku: 'TEE-L', stock: 10, weight: 900 },
    ],
  })
  const tee = await cms.payload.findByID({ collection: 'products', id: ids.tee })
  teeSmall = tee.variants?.[0]?.id ?? ''
  teeLarge = tee.variants?.[1]?.id ?? ''
  for (const rate of [
    { country: 'DE', name: 'VAT', rate: 19 },
    { country: 'NL', name: 'BTW', rate: 10 },
    { country: 'US', name: 'Sales tax', rate: 5 },
    { country: 'US', name: 'CA sales tax', rate: 7.25, region: 'CA' },
    { country: 'DE', name: 'VAT (reduced)', rate: 7, taxClass: 'reduced' as const },
    { country: 'US', name: 'CA sales tax (reduced)', rate: 0, region: 'CA', taxClass: 'reduced' as const },
  ]) {
    await cms.payload.create({ collection: 'tax-rates', data: rate })
  }
  // The EU zone: weight bands in EUR, a cheaper band from 100 €, free from 250 €; express only in EUR.
  await cms.payload.create({
    collection: 'shipping-zones',
    data: {
      countries: ['de', 'NL', 'AT'],
      methods: [
        {
          code: 'standard',
          freeFrom: [{ amount: 25_000, currency: 'EUR' }],
          label: 'EU standard',
          rates: [
            { amount: 390, currency: 'EUR', upToWeight: 1000 },
            { amount: 690, currency: 'EUR', upToWeight: 5000 },
            { amount: 290, currency: 'EUR', fromSubtotal: 10_000, upToWeight: 5000 },
            { amount: 500, currency: 'USD', upToWeight: 5000 },
          ],
        },
        { code: 'courier', label: 'EU courier', rates: [{ amount: 1500, currency: 'EUR' }] },
      ],
      name: 'EU',
    } as never,
  })
})
afterAll(async () => cms?.close())

describe('tax', () => {
  it('adds tax per line after rounding each half up, and on shipping, when prices exclude tax', async () => {
    // NL, 10 %: each pen line is 4.25 → 0.425 → 0.43; rounding the sum instead would give 0.85, not 0.86.
    const order = await place([{ product: ids.pen, quantity: 1 }, { product: ids.tee, quantity: 1, variant: teeLarge }], { shippingAddress: address('NL') })
    // Tee L: 27.00 → 2.70; shipping (920 g, below 100 €: 3.90) → 0.39.
    expect(order.items.map((item) => [item.lineTotal, item.taxAmount])).toEqual([[425, 43], [2700, 270]])
    expect(order).toMatchObject({ pricesIncludeTax: false, shippingTotal: 390, subtotal: 3125, taxTotal: 43 + 270 + 39, total: 3125 + 390 + 352 })
    expect(order.taxLines).toEqual([expect.objectContaining({ country: 'NL', name: 'BTW', rate: 10, region: null, taxAmount: 352, taxableAmount: 3125 + 390 })])
  })

  it('rounds a half cent up, not to even: 2 × 4.25 at 10 % is 0.85 tax on one line', async () => {
    const order = await place([{ product: ids.pen, quantity: 2 }], { shippingAddress: address('NL') })
    // 8.50 × 10 % = 0.85 exactly; 3.90 × 10 % = 0.39.
    expect(order.items[0]?.taxAmount).toBe(85)
    const halves = await place([{ product: ids.pen, quantity: 5 }], { shippingAddress: address('NL') })
    // 21.25 × 10 % = 2.125 → 2.13 half up (banker's rounding would give 2.12).
    expect(halves.items[0]?.taxAmount).toBe(213)
  })

  it('uses the region’s rate where there is one (in any letter case), else the country’s, else none', async () => {
    const california = await place([{ product: ids.lamp, quantity: 1 }], { currency: 'USD', shippingAddress: address('US', 'ca') })
    // 23.99 × 7.25 % = 1.739… → 1.74; Everywhere's standard in USD (5.50) × 7.25 % = 0.39875 → 0.40.
    expect(california).toMatchObject({ currency: 'USD', shippingTotal: 550, subtotal: 2399, taxTotal: 174 + 40, total: 2399 + 550 + 214 })
    expect(california.taxLines[0]).toMatchObject({ country: 'US', name: 'CA sales tax', rate: 7.25, region: 'CA' })
    const oregon = await place([{ product: ids.lamp, quantity: 1 }], { currency: 'USD', shippingAddress: address('US', 'OR') })
    expect(oregon.taxLines[0]).toMatchObject({ name: 'Sales tax', rate: 5, region: null })
    const japan = await place([{ product: ids.lamp, quantity: 1 }], { shippingAddress: address('JP') })
    expect(japan).toMatchObject({ taxLines: [], taxTotal: 0, total: 1999 + 490 })
  })

  it('takes the tax out of prices that include it, and leaves the total alone', async () => {
    await settings({ pricesIncludeTax: true })
    try {
      const order = await place([{ product: ids.bolt, quantity: 1 }])
      // 11.90 incl. 19 % → 1.90; shipping 4 kg → 6.90 incl. → 1.1016… → 1.10.
      expect(order).toMatchObject({ pricesIncludeTax: true, shippingTotal: 690, subtotal: 1190, taxTotal: 190 + 110, total: 1190 + 690 })
      expect(order.taxLines[0]).toMatchObject({ taxAmount: 300, taxableAmount: 1880 })
    } finally {
      await settings({ pricesIncludeTax: false })
    }
  })

  it('leaves shipping untaxed when the store says so', async () => {
    await settings({ taxShipping: false })
    try {
      const order = await place([{ product: ids.bolt, quantity: 1 }])
      expect(order).toMatchObject({ shippingTotal: 690, taxTotal: 226, total: 1190 + 690 + 226 })
      expect(order.taxLines[0]?.taxableAmount).toBe(1190)
    } finally {
      await settings({ taxShipping: true })
    }
  })

  it('charges each product its tax class’s rate, one tax line per rate, and shipping the standard rate', async () => {
    // DE: the book at the reduced 7 %, the pen at the standard 19 %; shipping (420 g: 3.90) at 19 %.
    const order = await place([{ product: ids.book, quantity: 1 }, { product: ids.pen, quantity: 1 }])
    // 20.00 × 7 % = 1.40; 4.25 × 19 % = 0.8075 → 0.81; 3.90 × 19 % = 0.741 → 0.74.
    expect(order.items.map((item) => item.taxAmount)).toEqual([140, 81])
    expect(order).toMatchObject({ shippingTotal: 390, subtotal: 2425, taxTotal: 140 + 81 + 74, total: 2425 + 390 + 295 })
    expect(order.taxLines).toEqual([
      expect.objectContaining({ country: 'DE', name: 'VAT', rate: 19, taxableAmount: 425 + 390, taxAmount: 81 + 74 }),
      expect.objectContaining({ country: 'DE', name: 'VAT (reduced)', rate: 7, taxableAmount: 2000, taxAmount: 140 }),
    ])
    // The quote shows the same lines before the order.
    const quote = await cms.api('/orders/quote', {
      body: JSON.stringify({ items: [{ product: ids.book, quantity: 1 }, { product: ids.pen, quantity: 1 }], shippingAddress: { country: 'DE' }, shippingMethod: 'standard' }),
      method: 'POST',
    })
    expect(((await quote.json()) as Order).taxLines).toEqual(order.taxLines.map(({ country, name, rate, region, taxableAmount, taxAmount }) => ({ country, name, rate, region, taxableAmount, taxAmount })))
  })

  it('charges a class without a rate at the destination the standard rate, and a region’s class rate over the country’s', async () => {
    // No reduced rate in NL: the book pays NL's standard 10 %, on one tax line with the pen's.
    const netherlands = await place([{ product: ids.book, quantity: 1 }, { product: ids.pen, quantity: 1 }], { shippingAddress: address('NL') })
    expect(netherlands.items.map((item) => item.taxAmount)).toEqual([200, 43])
    expect(netherlands.taxLines).toEqual([expect.objectContaining({ name: 'BTW', rate: 10, taxableAmount: 2425 + 390, taxAmount: 200 + 43 + 39 })])
    // California's reduced rate (0 %) for the book; the lamp pays the region's standard 7.25 %.
    const california = await place([{ product: ids.book, quantity: 1 }, { product: ids.lamp, quantity: 1 }], { currency: 'USD', shippingAddress: address('US', 'CA') })
    expect(california.items.map((item) => item.taxAmount)).toEqual([0, 174])
    expect(california.taxLines.map((line) => [line.name, line.taxAmount])).toEqual([
      ['CA sales tax', 174 + 40],
      ['CA sales tax (reduced)', 0],
    ])
    // Oregon: no regional rates, the US standard 5 % for both (no reduced rate for the country).
    const oregon = await place([{ product: ids.book, quantity: 1 }], { currency: 'USD', shippingAddress: address('US', 'OR') })
    expect(oregon.taxLines.map((line) => [line.name, line.taxableAmount, line.taxAmount])).toEqual([['Sales tax', 2400 + 550, 120 + 28]])
  })

  it('keeps the tax class a staff matter: shoppers do not read it, only staff set it', async () => {
    const publicRead = (await (await cms.api(`/products/${ids.book}`)).json()) as Record<string, unknown>
    expect(publicRead.sku).toBe('BOOK')
    expect(publicRead).not.toHaveProperty('taxClass')
    const staffRead = (await (await cms.api(`/products/${ids.book}`, { token: actors.editor.token })).json()) as Record<string, unknown>
    expect(staffRead.taxClass).toBe('reduced')
    const unknown = await cms.api(`/products/${ids.pen}`, { body: JSON.stringify({ taxClass: 'luxury' }), method: 'PATCH', token: actors.editor.token })
    expect(unknown.status).toBe(400)
    expect((await cms.payload.findByID({ collection: 'products', id: ids.pen })).taxClass).toBe('standard')
  })

  it('keeps a stored order’s figures adding up: an admin’s total that leaves out the tax is refused', async () => {
    const order = await place([{ product: ids.pen, quantity: 1 }])
    const patch = (data: Record<string, unknown>) =>
      cms.api(`/orders/${order.id}`, { body: JSON.stringify({ items: order.items, shippingTotal: order.shippingTotal, subtotal: order.subtotal, taxLines: order.taxLines, taxTotal: order.taxTotal, ...data }), method: 'PATCH', token: actors.admin.token })
    const withoutTax = await patch({ total: order.subtotal + order.shippingTotal })
    expect(withoutTax.status).toBe(400)
    expect(await withoutTax.text()).toContain(`The total must be subtotal plus shipping, plus tax (${order.total})`)
    const wrongTax = await patch({ taxTotal: order.taxTotal + 1, total: order.total + 1 })
    expect(await wrongTax.text()).toContain(`The tax total must be the sum of the tax lines (${order.taxTotal})`)
    expect((await cms.payload.findByID({ collection: 'orders', id: order.id })).total).toBe(order.total)
  })

  it('refuses a second rate for the same place, and lets only admins change rates', async () => {
    const duplicate = await cms.api('/tax-rates', { body: JSON.stringify({ country: 'de', name: 'Other VAT', rate: 7 }), method: 'POST', token: actors.admin.token })
    expect(duplicate.status).toBe(400)
    expect(await duplicate.text()).toMatch(/already a tax rate for DE/)
    const duplicateReduced = await cms.api('/tax-rates', { body: JSON.stringify({ country: 'DE', name: 'Other reduced', rate: 5, taxClass: 'reduced' }), method: 'POST', token: actors.admin.token })
    expect(duplicateReduced.status).toBe(400)
    expect(await duplicateReduced.text()).toContain('There is already a tax rate for DE in the class “Reduced rate”.')
    const fraction = await cms.api('/tax-rates', { body: JSON.stringify({ country: 'FR', name: 'TVA', rate: 20.0001 }), method: 'POST', token: actors.admin.token })
    expect(fraction.status).toBe(400)
    const byEditor = await cms.api('/tax-rates', { body: JSON.stringify({ country: 'FR', name: 'TVA', rate: 20 }), method: 'POST', token: actors.editor.token })
    expect(byEditor.status).toBe(403)
    expect((await cms.api('/tax-rates', { token: actors.alice.token })).status).toBe(403)
    expect((await cms.payload.count({ collection: 'tax-rates', where: { country: { equals: 'FR' } } })).totalDocs).toBe(0)
  })

  it('records who changed a rate, and from what to what, in the audit trail', async () => {
    const created = await cms.api('/tax-rates', { body: JSON.stringify({ country: 'BE', name: 'BTW', rate: 21 }), method: 'POST', token: actors.admin.token })
    const { doc } = (await created.json()) as { doc: { id: number } }
    await cms.api(`/tax-rates/${doc.id}`, { body: JSON.stringify({ rate: 6 }), method: 'PATCH', token: actors.admin.token })
    const audit = await cms.api(`/audit-log?where[targetCollection][equals]=tax-rates&where[documentId][equals]=${doc.id}&sort=-createdAt`, { token: actors.admin.token })
    const { docs } = (await audit.json()) as { docs: Array<{ actorEmail: string; changes: Array<{ after: unknown; before: unknown; field: string }>; operation: string }> }
    expect(docs.map((entry) => entry.operation)).toEqual(['update', 'create'])
    expect(docs[0]).toMatchObject({ actorEmail: actors.admin.email, changes: [{ after: 6, before: 21, field: 'rate' }] })
  })
})

describe('shipping zones', () => {
  it('charges the zone’s rate that fits the weight and subtotal, the cheapest when several do', async () => {
    expect((await place([{ product: ids.pen, quantity: 1 }])).shippingTotal).toBe(390)
    // 1.5 kg: only the ≤ 5 kg band fits.
    expect((await place([{ product: ids.lamp, quantity: 1 }])).shippingTotal).toBe(690)
    // 4 lamps: 6 kg, more than any band allows.
    expect(await refused([{ product: ids.lamp, quantity: 4 }])).toMatch(/cannot ship this order in EUR/)
    // 2 lamps + 5 pens: 61.23 €, 3.1 kg → 6.90; 2 lamps + 15 pens: 103.73 €, 3.3 kg → the band from 100 €, 2.90.
    expect((await place([{ product: ids.lamp, quantity: 2 }, { product: ids.pen, quantity: 5 }])).shippingTotal).toBe(690)
    expect((await place([{ product: ids.lamp, quantity: 2 }, { product: ids.pen, quantity: 15 }])).shippingTotal).toBe(290)
  })

  it('ships free from the threshold on, whatever the weight bands say', async () => {
    // 13 lamps, 259.87 €, 19.5 kg: over the free threshold of 250 €, which waives the weight limit.
    const order = await place([{ product: ids.lamp, quantity: 13 }])
    expect(order).toMatchObject({ shippingMethod: 'standard', shippingTotal: 0 })
  })

  it('offers only the methods of the shopper’s country, in checkout options and at checkout', async () => {
    const options = async (query: string) => (await (await cms.api(`/orders/checkout-options${query}`)).json()) as { shipping: { default: null | string; methods: Array<{ freeFrom: unknown[]; id: string; label: string; prices: unknown[] }> } }
    const germany = await options('?country=de&currency=EUR')
    expect(germany.shipping).toEqual({
      default: 'standard',
      methods: [
        { freeFrom: [{ amount: 25_000, currency: 'EUR' }], id: 'standard', label: 'EU standard', prices: [{ amount: 390, currency: 'EUR' }] },
        { freeFrom: [], id: 'courier', label: 'EU courier', prices: [{ amount: 1500, currency: 'EUR' }] },
      ],
    })
    // In USD, the courier does not ship.
    expect((await options('?country=DE&currency=USD')).shipping.methods.map((method) => method.id)).toEqual(['standard'])
    // Japan is in no zone: the Everywhere zone the config's methods became.
    const japan = await options('?country=JP')
    expect(japan.shipping.methods.map((method) => method.label)).toEqual(['Standard (3–5 working days)', 'Express (next working day)'])
    expect(await refused([{ product: ids.pen, quantity: 1 }], { shippingAddress: address('JP'), shippingMethod: 'courier' })).toMatch(/Unknown shipping method "courier" for JP. Choose one of: standard, express/)
    expect(await refused([{ product: ids.pen, quantity: 1 }], { shippingMethod: 'express' })).toMatch(/Choose one of: standard, courier/)
    for (const bad of ['?country=Germany', '?currency=euro', '?currency=CHF']) {
      const response = await cms.api(`/orders/checkout-options${bad}`)
      expect(response.status).toBe(400)
    }
  })

  it('refuses a destination no zone ships to', async () => {
    const everywhere = (await cms.payload.find({ collection: 'shipping-zones', where: { everywhereElse: { equals: true } } })).docs[0]
    if (!everywhere) throw new Error('the Everywhere zone was not seeded')
    await cms.payload.update({ collection: 'shipping-zones', data: { countries: ['CH'], everywhereElse: false }, id: everywhere.id })
    try {
      expect(await refused([{ product: ids.pen, quantity: 1 }], { shippingAddress: address('JP') })).toBe('The shop does not ship to JP.')
      const options = (await (await cms.api('/orders/checkout-options?country=JP')).json()) as { shipping: unknown }
      expect(options.shipping).toEqual({ default: null, methods: [] })
    } finally {
      await cms.payload.update({ collection: 'shipping-zones', data: { countries: [], everywhereElse: true }, id: everywhere.id })
    }
  })

  it('keeps each country in one zone and one everywhere-else zone, and lets only admins change zones', async () => {
    const zone = (data: Record<string, unknown>, token = actors.admin.token) => cms.api('/shipping-zones', { body: JSON.stringify(data), method: 'POST', token })
    const methods = [{ code: 'post', label: 'Post', rates: [{ amount: 100, currency: 'EUR' }] }]
    const overlap = await zone({ countries: ['AT', 'CH'], methods, name: 'Alps' })
    expect(overlap.status).toBe(400)
    expect(await overlap.text()).toMatch(/AT already belong to the zone \\?"EU\\?"/)
    const second = await zone({ everywhereElse: true, methods, name: 'Rest' })
    expect(await second.text()).toMatch(/already covers every other country/)
    expect((await zone({ countries: ['XX1'], methods, name: 'Bad' })).status).toBe(400)
    expect((await zone({ countries: ['PL'], methods, name: 'Poland' }, actors.editor.token)).status).toBe(403)
    expect((await cms.api('/shipping-zones', { token: actors.alice.token })).status).toBe(403)
    expect((await cms.payload.count({ collection: 'shipping-zones' })).totalDocs).toBe(2)
  })
})

describe('currencies', () => {
  it('prices an order in the currency asked for, from the price lists of products and variants', async () => {
    const order = await place(
      [
        { product: ids.lamp, quantity: 1 },
        { product: ids.tee, quantity: 1, variant: teeSmall },
        { product: ids.tee, quantity: 1, variant: teeLarge },
      ],
      { currency: 'usd', shippingAddress: address('JP') },
    )
    // Lamp's USD price; Tee S's own USD price; Tee L has a EUR override only, so the product's USD price.
    expect(order.currency).toBe('USD')
    expect(order.items.map((item) => item.unitPrice)).toEqual([2399, 3300, 3000])
    expect(order).toMatchObject({ shippingTotal: 550, subtotal: 8699, total: 8699 + 550 })
    // Without a currency, the one the lines' base prices share; the variant's base override counts.
    expect((await place([{ product: ids.tee, quantity: 1, variant: teeLarge }])).items[0]?.unitPrice).toBe(2700)
  })

  it('does not sell a product in a currency it has no price in, and converts nothing', async () => {
    expect(await refused([{ product: ids.pen, quantity: 1 }], { currency: 'GBP', shippingAddress: address('JP') })).toBe('Line 1: "Pen" is not sold in GBP.')
    expect(await refused([{ product: ids.lamp, quantity: 1 }, { product: ids.gbpOnly, quantity: 1 }], { currency: 'EUR' })).toBe('Line 2: "Tea" is not sold in EUR.')
    expect(await refused([{ product: ids.lamp, quantity: 1 }, { product: ids.gbpOnly, quantity: 1 }])).toMatch(/same currency/)
  })

  it('sells only in the currencies the store settings offer', async () => {
    await settings({ currencies: ['EUR', 'USD'], defaultCurrency: 'EUR' })
    try {
      expect(await refused([{ product: ids.gbpOnly, quantity: 1 }], { currency: 'GBP', shippingAddress: address('JP') })).toBe('The shop does not sell in GBP. Choose one of: EUR, USD.')
      // Nor by default, from a product's base currency.
      expect(await refused([{ product: ids.gbpOnly, quantity: 1 }], { shippingAddress: address('JP') })).toMatch(/does not sell in GBP/)
      const options = (await (await cms.api('/orders/checkout-options')).json()) as { currencies: unknown }
      expect(options.currencies).toEqual({ default: 'EUR', offered: ['EUR', 'USD'] })
    } finally {
      await settings({ currencies: ['EUR', 'USD', 'GBP'] })
    }
  })

  it('keeps price lists sane: one row per currency, never the base currency, whole amounts', async () => {
    const save = (prices: unknown) => cms.api(`/products/${ids.pen}`, { body: JSON.stringify({ prices }), method: 'PATCH', token: actors.editor.token })
    expect(await (await save([{ amount: 500, currency: 'EUR' }])).text()).toMatch(/base currency/)
    expect(await (await save([{ amount: 500, currency: 'USD' }, { amount: 600, currency: 'USD' }])).text()).toMatch(/USD is listed twice/)
    expect((await save([{ amount: 5.5, currency: 'USD' }])).status).toBe(400)
    expect((await cms.payload.findByID({ collection: 'products', id: ids.pen })).prices ?? []).toEqual([])
  })

  it('lets anyone read the store settings and only admins change them', async () => {
    expect((await cms.api(`/globals/${STORE_SETTINGS_SLUG}`)).status).toBe(200)
    const byEditor = await cms.api(`/globals/${STORE_SETTINGS_SLUG}`, { body: JSON.stringify({ pricesIncludeTax: true }), method: 'POST', token: actors.editor.token })
    expect(byEditor.status).toBe(403)
    const wrongDefault = await cms.api(`/globals/${STORE_SETTINGS_SLUG}`, { body: JSON.stringify({ currencies: ['USD'], defaultCurrency: 'EUR' }), method: 'POST', token: actors.admin.token })
    expect(wrongDefault.status).toBe(400)
    const saved = (await cms.payload.findGlobal({ slug: STORE_SETTINGS_SLUG })) as { pricesIncludeTax?: boolean | null }
    expect(saved.pricesIncludeTax ?? false).toBe(false)
  })
})

describe('consistency with the stock take', () => {
  it('prices an order from the snapshot its statement started in: a price saved while it waited for the stock row is not used', async () => {
    // A save in progress holds the lamp's row; a checkout starts and queues behind it for the stock.
    const holder = new pg.Client({ connectionString: cms.databaseUrl })
    await holder.connect()
    try {
      await holder.query('begin')
      await holder.query('select 1 from products where id = $1 for update', [ids.lamp])
      const answer = post({ email: 'pat@example.test', items: [{ product: ids.lamp, quantity: 2 }], payment: { method: 'manual' }, shippingAddress: address('NL'), shippingMethod: 'standard' })
      await waitForLockWaiters(cms.databaseUrl, 1, 'the checkout queued behind the row lock')
      // The save commits a new price (and the stock the checkout then takes from).
      await holder.query('update products set price = 5000 where id = $1', [ids.lamp])
      await holder.query('commit')
      const response = await answer
      expect(response.status).toBe(201)
      const { order } = (await response.json()) as { order: Order }
      const stored = (await cms.payload.findByID({ collection: 'orders', depth: 0, id: order.id })) as unknown as Order
      // 2 × 19.99 from the snapshot, 3 kg → 6.90, 10 % tax: 4.00 + 0.69; every figure from the same lines.
      expect(stored.items[0]).toMatchObject({ lineTotal: 3998, taxAmount: 400, unitPrice: 1999 })
      expect(stored).toMatchObject({ shippingTotal: 690, subtotal: 3998, taxTotal: 469, total: 3998 + 690 + 469 })
    } finally {
      await holder.query('rollback').catch(() => undefined)
      await holder.end()
      await cms.payload.update({ collection: 'products', data: { price: 1999 }, id: ids.lamp })
    }
  })
})

describe('POST /orders/quote', () => {
  it('answers the figures the order then gets, and writes nothing', async () => {
    const before = (await cms.payload.count({ collection: 'orders' })).totalDocs
    const body = { items: [{ product: ids.pen, quantity: 3 }, { product: ids.lamp, quantity: 1 }], shippingAddress: { country: 'NL' }, shippingMethod: 'standard' }
    const response = await cms.api('/orders/quote', { body: JSON.stringify(body), method: 'POST' })
    expect(response.status).toBe(200)
    const quote = (await response.json()) as Order
    expect((await cms.payload.count({ collection: 'orders' })).totalDocs).toBe(before)
    const order = await place(body.items, { shippingAddress: address('NL') })
    for (const key of ['currency', 'subtotal', 'discountTotal', 'shippingTotal', 'taxTotal', 'total'] as const) expect(quote[key]).toEqual(order[key])
    const bad = await cms.api('/orders/quote', { body: JSON.stringify({ ...body, currency: 'GBP' }), method: 'POST' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/not sold in GBP/)
  })
})

describe('the default zone', () => {
  it('is created once from the config’s shipping methods when a shop has no zone, even by two processes starting at once', async () => {
    await cms.payload.delete({ collection: 'shipping-zones', where: { id: { exists: true } } })
    const config = sanitizeConfig({
      currencies: ['EUR', 'USD', 'GBP'],
      shippingMethods: [{ id: 'post', label: 'Post', prices: { EUR: 300, GBP: 250, USD: 350 } }],
    })
    await Promise.all([seedDefaultZone(cms.payload, config), seedDefaultZone(cms.payload, config), seedDefaultZone(cms.payload, config)])
    const { docs } = await cms.payload.find({ collection: 'shipping-zones' })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ countries: [], everywhereElse: true, name: DEFAULT_ZONE_NAME })
    expect(docs[0]?.methods?.[0]?.rates?.map(({ amount, currency }) => ({ amount, currency }))).toEqual([
      { amount: 300, currency: 'EUR' },
      { amount: 250, currency: 'GBP' },
      { amount: 350, currency: 'USD' },
    ])
    // A shop that has a zone is left alone.
    await seedDefaultZone(cms.payload, sanitizeConfig({ currencies: ['EUR', 'USD', 'GBP'] }))
    expect((await cms.payload.count({ collection: 'shipping-zones' })).totalDocs).toBe(1)
  })

  it('is created on an instance that started before its database was migrated, as `serveApi --migrate` does', async () => {
    const database = await createTestDatabase('pricing_late_migrate')
    const mediaDir = mkdtempSync(path.join(tmpdir(), 'showroom-late-migrate-'))
    let payload: Payload | undefined
    try {
      const config = await buildShowroomConfig({
        DATABASE_POOL_MAX: 5,
        DATABASE_URL: database.url,
        MEDIA_DIR: mediaDir,
        NODE_ENV: 'test',
        PAYLOAD_SECRET: TEST_SECRET,
        SERVER_URL: TEST_SERVER_URL,
        STOREFRONT_URL: [TEST_STOREFRONT_URL],
      })
      payload = await getPayload({ config, key: database.name })
      await migrateExclusively(payload, migrations as unknown as Migration[])
      const started = payload
      // Looked for again every 2 s until the migration has run (the seeding's error is the only thing it could log).
      await expect.poll(async () => (await started.find({ collection: 'shipping-zones', depth: 0 })).docs.map((zone) => zone.name), { timeout: 15_000 }).toEqual([DEFAULT_ZONE_NAME])
    } finally {
      if (payload) await closePayload(payload)
      await database.drop()
      rmSync(mediaDir, { force: true, recursive: true })
    }
  })
})
