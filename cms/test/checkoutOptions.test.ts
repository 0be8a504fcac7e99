/**
 * `GET /api/v1/orders/checkout-options` publishes exactly what `POST /orders` accepts, for the config the
 * host builds in development (test cards and bank transfer) and in production (bank transfer only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from './startTestCms'

type Field = { autocomplete: string; label: string; maxLength: number; name: string; placeholder?: string; required: boolean; type: string }
type Options = {
  payment: { default: string; methods: Array<{ description: string; fields: Field[]; label: string; name: string }> }
  shipping: { default: string; methods: Array<{ id: string; label: string; prices: Array<{ amount: number; currency: string }> }> }
}

const shops: Record<'development' | 'production', { cms?: TestCms; products: Record<'EUR' | 'GBP', number> }> = {
  development: { products: { EUR: 0, GBP: 0 } },
  production: { products: { EUR: 0, GBP: 0 } },
}

const cmsOf = (name: keyof typeof shops): TestCms => {
  const { cms } = shops[name]
  if (!cms) throw new Error(`the ${name} CMS did not start`)
  return cms
}

beforeAll(async () => {
  // One after the other: each start runs the migrations, and the machine has two cores.
  for (const name of ['development', 'production'] as const) {
    const cms = await startTestCms(`checkout_options_${name}`, { nodeEnv: name === 'production' ? 'production' : 'test' })
    shops[name].cms = cms
    for (const currency of ['EUR', 'GBP'] as const) {
      const product = await cms.payload.create({
        collection: 'products',
        data: { _status: 'published', currency, price: 2000, sku: `MUG-${currency}`, stock: 100, title: `Mug (${currency})` } as never,
      })
      shops[name].products[currency] = product.id
    }
  }
})
afterAll(async () => {
  await Promise.all(Object.values(shops).map((shop) => shop.cms?.close()))
})

const optionsOf = async (name: keyof typeof shops): Promise<{ options: Options; response: Response }> => {
  const response = await cmsOf(name).api('/orders/checkout-options')
  expect(response.status).toBe(200)
  return { options: (await response.clone().json()) as Options, response }
}

/** `details` filled in from the published fields, as a shopper with a good test card would. */
const detailsFor = (fields: Field[]): Record<string, string> | undefined => {
  const card: Record<string, string> = { cvc: '123', expiry: '12/40', number: '4242 4242 4242 4242' }
  if (fields.length === 0) return undefined
  return Object.fromEntries(fields.map((field) => [field.name, card[field.name] ?? '']))
}

const placeOrder = (name: keyof typeof shops, body: Record<string, unknown>) =>
  cmsOf(name).api('/orders', {
    body: JSON.stringify({
      email: 'options@example.test',
      shippingAddress: { city: 'Berlin', country: 'DE', line1: 'Torstraße 1', name: 'Ada Guest', postalCode: '10119' },
      ...body,
    }),
    method: 'POST',
  })

/** A shipping method as the host configures it: its price in EUR, USD and GBP. */
const shippingMethod = (id: string, label: string, [eur, usd, gbp]: [number, number, number]) => ({
  freeFrom: [],
  id,
  label,
  prices: [
    { amount: eur, currency: 'EUR' },
    { amount: usd, currency: 'USD' },
    { amount: gbp, currency: 'GBP' },
  ],
})
const STANDARD = shippingMethod('standard', 'Standard (3–5 working days)', [490, 550, 450])
const EXPRESS = shippingMethod('express', 'Express (next working day)', [990, 1100, 900])
/** The store settings' defaults: the host's currencies, EUR first, prices without tax. */
const SETTINGS = { currencies: { default: 'EUR', offered: ['EUR', 'USD', 'GBP'] }, pricesIncludeTax: false }
const MANUAL = {
  description: 'Transfer the total after placing your order; we ship once the money arrives.',
  fields: [],
  label: 'Pay by bank transfer',
  name: 'manual',
}

describe('GET /orders/checkout-options', () => {
  it('lists bank transfer and the test card in development, with the fields the card needs', async () => {
    const { options, response } = await optionsOf('development')
    expect(response.headers.get('cache-control')).toBe('public, max-age=60')
    expect(options).toEqual({
      ...SETTINGS,
      payment: {
        default: 'manual',
        methods: [
          MANUAL,
          {
            description: expect.stringContaining('4242 4242 4242 4242'),
            fields: [
              { autocomplete: 'cc-number', inputMode: 'numeric', label: 'Card number', maxLength: 23, name: 'number', required: true, type: 'text' },
              { autocomplete: 'cc-exp', label: 'Expiry (MM/YY)', maxLength: 7, name: 'expiry', placeholder: 'MM/YY', required: true, type: 'text' },
              { autocomplete: 'cc-csc', inputMode: 'numeric', label: 'Security code (CVC)', maxLength: 4, name: 'cvc', required: true, type: 'text' },
            ],
            label: 'Test card (no real money)',
            name: 'test',
          },
        ],
      },
      shipping: { default: 'standard', methods: [STANDARD, EXPRESS] },
    })
  })

  it('lists only bank transfer in production', async () => {
    const { options, response } = await optionsOf('production')
    expect(response.headers.get('cache-control')).toBe('public, max-age=60')
    expect(options).toEqual({ ...SETTINGS, payment: { default: 'manual', methods: [MANUAL] }, shipping: { default: 'standard', methods: [STANDARD, EXPRESS] } })
    expect(JSON.stringify(options)).not.toMatch(/test|card/i)
  })

  it.each(['development', 'production'] as const)('in %s, places an order with the published defaults', async (name) => {
    const { options } = await optionsOf(name)
    const payment = options.payment.methods.find((method) => method.name === options.payment.default)
    if (!payment) throw new Error('the default payment method is not among the methods')
    const response = await placeOrder(name, {
      items: [{ product: shops[name].products.EUR, quantity: 1 }],
      payment: { details: detailsFor(payment.fields), method: payment.name },
      shippingMethod: options.shipping.default,
    })
    expect(response.status).toBe(201)
    const { order } = (await response.json()) as { order: { currency: string; shippingTotal: number; status: string; total: number } }
    expect(order).toMatchObject({ currency: 'EUR', shippingTotal: 490, status: 'pending', total: 2000 + 490 })
  })

  it('in development, places a paid order with every published method, filling in the fields it declares', async () => {
    const { options } = await optionsOf('development')
    for (const payment of options.payment.methods) {
      const response = await placeOrder('development', {
        items: [{ product: shops.development.products.EUR, quantity: 1 }],
        payment: { details: detailsFor(payment.fields), method: payment.name },
        shippingMethod: 'express',
      })
      expect([payment.name, response.status]).toEqual([payment.name, 201])
      const { order } = (await response.json()) as { order: { status: string } }
      expect(order.status).toBe(payment.name === 'test' ? 'paid' : 'pending')
    }
  })

  it('charges the published shipping price of the order’s own currency', async () => {
    const { options } = await optionsOf('production')
    const express = options.shipping.methods.find((method) => method.id === 'express')
    const gbp = express?.prices.find((price) => price.currency === 'GBP')?.amount
    const response = await placeOrder('production', {
      items: [{ product: shops.production.products.GBP, quantity: 2 }],
      payment: { method: 'manual' },
      shippingMethod: 'express',
    })
    expect(response.status).toBe(201)
    const { order } = (await response.json()) as { order: { currency: string; shippingTotal: number; total: number } }
    expect(order).toEqual(expect.objectContaining({ currency: 'GBP', shippingTotal: gbp, total: 4000 + 900 }))
  })

  it('in production, refuses the test card with a 400 naming the field and what is accepted, writing nothing', async () => {
    const cms = cmsOf('production')
    const before = (await cms.payload.count({ collection: 'orders' })).totalDocs
    const response = await placeOrder('production', {
      items: [{ product: shops.production.products.EUR, quantity: 1 }],
      payment: { details: { cvc: '123', expiry: '12/40', number: '4242 4242 4242 4242' }, method: 'test' },
      shippingMethod: 'standard',
    })
    expect(response.status).toBe(400)
    const message = 'Unknown payment method "test". Choose one of: manual.'
    expect(await response.json()).toEqual({ errors: [{ data: { issues: [{ message, path: 'payment.method' }] }, message }] })
    expect((await cms.payload.count({ collection: 'orders' })).totalDocs).toBe(before)
  })

  it('answers the payment methods’ words in German for ?locale=de, with the same fields to send', async () => {
    const german = (await (await cmsOf('development').api('/orders/checkout-options?locale=de')).json()) as Options
    const english = (await optionsOf('development')).options
    expect(german.payment.methods.map((method) => method.label)).toEqual(['Zahlung per Banküberweisung', 'Testkarte (kein echtes Geld)'])
    expect(german.payment.methods[0]?.description).toBe('Überweisen Sie den Gesamtbetrag nach Ihrer Bestellung; wir versenden, sobald das Geld eingegangen ist.')
    const [, card] = german.payment.methods
    expect(card?.fields.map((field) => field.label)).toEqual(['Kartennummer', 'Ablaufdatum (MM/JJ)', 'Prüfnummer (CVC)'])
    // Only the words differ: the names, order and rules a storefront sends by are the same.
    const shape = (options: Options) => options.payment.methods.map((method) => ({ fields: method.fields.map(({ label: _label, placeholder: _placeholder, ...rest }) => rest), name: method.name }))
    expect(shape(german)).toEqual(shape(english))
    expect(german.payment.default).toBe(english.payment.default)
  })

  it('answers the shipping labels staff typed in German for ?locale=de, the English one where a method has none', async () => {
    const cms = cmsOf('production')
    const [zone] = (await cms.payload.find({ collection: 'shipping-zones', depth: 0, limit: 1 })).docs
    if (!zone) throw new Error('no shipping zone')
    // A German save of the zone that translates the standard method only.
    const methods = (zone.methods ?? []).map((method) => ({ ...method, label: method.code === 'standard' ? 'Standard (3–5 Werktage)' : undefined }))
    await cms.payload.update({ collection: 'shipping-zones', data: { methods }, id: zone.id, locale: 'de' })

    const labels = async (query: string): Promise<string[]> => {
      const response = await cmsOf('production').api(`/orders/checkout-options${query}`)
      expect(response.status).toBe(200)
      return ((await response.json()) as Options).shipping.methods.map((method) => method.label)
    }
    expect(await labels('?locale=de')).toEqual(['Standard (3–5 Werktage)', EXPRESS.label])
    expect(await labels('?locale=en&country=DE')).toEqual([STANDARD.label, EXPRESS.label])
    expect(await labels('')).toEqual([STANDARD.label, EXPRESS.label])
    // The English labels are untouched by the German save.
    const english = await cms.payload.findByID({ collection: 'shipping-zones', depth: 0, id: zone.id, locale: 'en' })
    expect(english.methods?.map((method) => method.label)).toEqual([STANDARD.label, EXPRESS.label])
    expect((await cmsOf('production').api('/orders/checkout-options?locale=fr')).status).toBe(400)
  })
})
