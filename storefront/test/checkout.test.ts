/**
 * Guest checkout without JavaScript, against a real CMS (see `support/harness.ts`): plain form posts
 * with a cookie jar, as a browser with scripts off would send them, paying with the CMS's test cards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { checkoutForm } from './support/checkoutForm'
import { expectExactlyTheOptions, formAsRendered, publishedOptions } from './support/checkoutOptionsPage'
import { cmsAdmin } from './support/cmsAdmin'
import { decodeEntities, type Shop, startShop } from './support/harness'
import { visitor as createVisitor } from './support/visitor'

let shop: Shop | undefined
let catalogue: Catalogue
let url: string
let api: string
/** Reads the CMS REST API as its admin. */
let asAdmin: ReturnType<typeof cmsAdmin>

beforeAll(async () => {
  shop = await startShop('checkout')
  ;({ catalogue, storefrontUrl: url } = shop)
  api = shop.cms.api
  asAdmin = cmsAdmin(api)
}, 120_000)

afterAll(async () => {
  await shop?.stop()
})

const visitor = () => createVisitor(url)


const ordersOf = (email: string) =>
  asAdmin<{ docs: Array<{ id: number; payment?: { status?: string }; status: string; total: number }>; totalDocs: number }>(
    `/orders?depth=0&where[email][equals]=${encodeURIComponent(email)}`,
  )
const stockOf = async (id: number): Promise<number> => (await asAdmin<{ stock: number }>(`/products/${id}?depth=0`)).stock

const ACTION = '/checkout?_action=checkout.place'

const form = checkoutForm

const notices = (html: string): string[] => [...html.matchAll(/data-notice="(\w+)"[^>]*>([^<]*)</g)].map(([, kind, text = '']) => `${kind}: ${decodeEntities(text.trim())}`)
const fieldError = (html: string, field: string): string | undefined =>
  html.match(new RegExp(`data-field-error="${field}"[^>]*>([^<]*)<`))?.[1]?.trim()

describe('guest checkout without JavaScript', () => {
  it('places a paid order from the session cart and shows its confirmation only to this visitor', async () => {
    const guest = visitor()
    const stockBefore = await stockOf(catalogue.mug.id)
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 2 })
    expect((await guest.get('/cart')).html).toMatch(/href="\/checkout"/)

    const page = await guest.get('/checkout')
    expect(page.response.status).toBe(200)
    expect(page.response.headers.get('cache-control')).toBe('private, no-store')
    expect(page.html).toMatch(/data-summary-line[\s\S]*2 × Stoneware mug[\s\S]*€24\.00/)
    expect(decodeEntities(page.html.match(/<form[^>]*data-checkout-form[^>]*>/)?.[0] ?? '')).toContain(`action="${ACTION}"`)
    for (const name of ['email', 'name', 'line1', 'postalCode', 'city']) expect(page.html).toMatch(new RegExp(`<label for="checkout-${name}"`))

    // A price posted by the browser is ignored: the CMS prices the order.
    const placed = await guest.post(ACTION, { ...form('ada@example.test'), price: 1, total: 1 })
    expect(placed.status).toBe(303)
    const location = placed.headers.get('location') ?? ''
    expect(location).toMatch(/^\/order\/\d+$/)
    const orderId = Number(location.split('/').pop())

    const confirmation = await guest.get(location)
    expect(confirmation.response.status).toBe(200)
    expect(confirmation.response.headers.get('cache-control')).toBe('private, no-store')
    const [order] = (await ordersOf('ada@example.test')).docs
    expect(order).toMatchObject({ id: orderId, status: 'paid', total: 2890 })
    const { orderNumber } = await asAdmin<{ orderNumber: string }>(`/orders/${orderId}?depth=0`)
    expect(confirmation.html).toMatch(new RegExp(`data-order-number[^>]*>${orderNumber}<`))
    expect(confirmation.html).toMatch(/data-total[^>]*>\s*<strong[^>]*>€28\.90</)
    expect(confirmation.html).toContain('Torstraße 1')
    expect(await stockOf(catalogue.mug.id)).toBe(stockBefore - 2)
    expect((await guest.get('/cart')).html).toContain('Your cart is empty.')

    // Nobody else can open it, even knowing the id.
    const stranger = await visitor().get(location)
    expect(stranger.response.status).toBe(404)
    expect(stranger.html).not.toContain(orderNumber)
  })

  it('sends a declined card back to the checkout with the message and the values kept, charging nothing and holding no stock', async () => {
    const guest = visitor()
    const l = catalogue.oxford.variants[2]
    if (!l) throw new Error('no L variant')
    await guest.post('/cart?_action=cart.add', { product: catalogue.oxford.id, quantity: 1, variant: l.id })
    const stockOfL = async (): Promise<number | undefined> =>
      (await asAdmin<{ variants: Array<{ id: string; stock: number }> }>(`/products/${catalogue.oxford.id}?depth=0`)).variants.find((item) => item.id === l.id)?.stock
    const stockBefore = await stockOfL()
    expect(stockBefore).toBe(7)

    const declined = await guest.post(ACTION, form('declined@example.test', { 'details.test.number': '4000 0000 0000 0002' }))
    expect([declined.status, declined.headers.get('location')]).toEqual([303, '/checkout'])
    const { html } = await guest.get('/checkout')
    expect(notices(html).join('\n')).toMatch(/declined/)
    expect(html).toContain('value="declined@example.test"')
    expect(html).toContain('value="Berlin"')
    expect(html).not.toContain('4000 0000 0000 0002')
    expect(html).toMatch(/data-summary-line[\s\S]*1 × Oxford shirt/)
    // The attempt stays on record for staff as a cancelled order (docs/payments.md), never as a sale.
    const attempts = await ordersOf('declined@example.test')
    expect(attempts.docs.map((order) => [order.status, order.payment?.status])).toEqual([['cancelled', 'failed']])
    expect(await stockOfL()).toBe(stockBefore)

    // The message was shown once.
    expect(notices((await guest.get('/checkout')).html).filter((text) => text.startsWith('error'))).toEqual([])
  })

  it('places one order when the same form is submitted twice, and shows it for every submit', async () => {
    const guest = visitor()
    const stockBefore = await stockOf(catalogue.onSale.id)
    await guest.post('/cart?_action=cart.add', { product: catalogue.onSale.id, quantity: 1 })
    // The form as the page rendered it, with the attempt it belongs to.
    const attempt = (await guest.get('/checkout')).html.match(/name="attempt" value="(\d+)"/)?.[1]
    expect(attempt).toBeDefined()
    const fields = { ...form('twice@example.test'), attempt: attempt ?? '' }
    // However the two requests interleave (the second may only read the session once the first has
    // emptied the cart), both end on the one order's confirmation.
    const [first, second] = await Promise.all([guest.post(ACTION, fields), guest.post(ACTION, fields)])
    expect(first.status).toBe(303)
    expect(first.headers.get('location')).toMatch(/^\/order\/\d+$/)
    expect(second.status).toBe(303)
    expect(second.headers.get('location')).toBe(first.headers.get('location'))
    // The same form once more, from the browser's history: the same order again, nothing placed.
    const again = await guest.post(ACTION, fields)
    expect([again.status, again.headers.get('location')]).toEqual([303, first.headers.get('location')])
    // A form without that attempt finds an empty cart.
    const stale = await guest.post(ACTION, form('twice@example.test'))
    expect([stale.status, stale.headers.get('location')]).toEqual([303, '/checkout'])
    expect(notices((await guest.get('/checkout')).html)).toContain('error: Your cart is empty: add something before checking out.')
    // With something new in the cart, the old form still only shows its order; the new item waits.
    await guest.post('/cart?_action=cart.add', { product: catalogue.onSale.id, quantity: 1 })
    const fromHistory = await guest.post(ACTION, fields)
    expect([fromHistory.status, fromHistory.headers.get('location')]).toEqual([303, first.headers.get('location')])
    expect((await guest.get('/cart')).html).toContain(catalogue.onSale.title)
    expect((await ordersOf('twice@example.test')).totalDocs).toBe(1)
    expect(await stockOf(catalogue.onSale.id)).toBe(stockBefore - 1)
  })

  it('names a missing field beside it and places nothing', async () => {
    const guest = visitor()
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    const { city: _city, ...withoutCity } = form('nocity@example.test')
    const refused = await guest.post(ACTION, withoutCity)
    expect([refused.status, refused.headers.get('location')]).toEqual([303, '/checkout'])
    const { html } = await guest.get('/checkout')
    expect(fieldError(html, 'city')).toBe('Enter your city')
    expect(html).toMatch(/id="checkout-city"[^>]*aria-invalid="true"/)
    expect(html).toContain('value="nocity@example.test"')
    expect((await ordersOf('nocity@example.test')).totalDocs).toBe(0)
    expect(html).toMatch(/data-summary-line[\s\S]*1 × Stoneware mug/)
  })
})

describe('the order link in a guest’s emails', () => {
  /** A guest's paid order for one mug; answers its id and number. */
  const placeAsGuest = async (email: string): Promise<{ id: number; orderNumber: string }> => {
    const guest = visitor()
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    const placed = await guest.post(ACTION, form(email))
    const id = Number(/^\/order\/(\d+)$/.exec(placed.headers.get('location') ?? '')?.[1])
    expect(id).toBeGreaterThan(0)
    return { id, orderNumber: (await asAdmin<{ orderNumber: string }>(`/orders/${id}?depth=0`)).orderNumber }
  }

  /** The storefront path and query of the order link in the email to `email` (outside production the CMS prints each email's links). */
  const emailedLink = async (email: string, orderId: number): Promise<string> => {
    const linkTo = new RegExp(`https?://\\S+?(/order/${orderId}\\?t=[\\w.-]+)`)
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
      const line = (shop?.cms.process.output() ?? '').split('\n').find((text) => text.includes(email) && linkTo.test(text))
      const path = line && linkTo.exec(line)?.[1]
      if (path) return path
    }
    throw new Error(`no email to ${email} with a link to order ${orderId}`)
  }

  const NOT_FOUND = 'We couldn’t find that order'

  it('opens the order in a fresh session, then shows it at the clean address, to that session only', async () => {
    const { id, orderNumber } = await placeAsGuest('link@example.test')
    const link = await emailedLink('link@example.test', id)

    // Another device: no session yet. The link answers a redirect that drops the token from the address.
    const phone = visitor()
    const landing = await phone.get(link)
    expect(landing.response.status).toBe(303)
    expect(landing.response.headers.get('location')).toBe(`/order/${id}`)
    expect(landing.response.headers.get('cache-control')).toBe('private, no-store')
    expect(landing.response.headers.get('referrer-policy')).toBe('no-referrer')
    const page = await phone.get(`/order/${id}`)
    expect(page.response.status).toBe(200)
    expect(page.response.headers.get('cache-control')).toBe('private, no-store')
    expect(page.html).toMatch(new RegExp(`<h1[^>]*>Order ${orderNumber}</h1>`))
    expect(page.html).toMatch(/data-order-status="paid"/)
    expect(page.html).not.toContain('?t=')
    // The session holds it now, not the address: a visitor without the link still gets nothing.
    const stranger = await visitor().get(`/order/${id}`)
    expect(stranger.response.status).toBe(404)
    expect(stranger.html).not.toContain(orderNumber)
  })

  it('links a German order’s email to the German order page, which keeps its /de/ address', async () => {
    const guest = visitor()
    await guest.post('/de/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    const placed = await guest.post(`/de${ACTION}`, form('link-de@example.test'))
    const id = Number(/^\/de\/order\/(\d+)$/.exec(placed.headers.get('location') ?? '')?.[1])
    expect(id).toBeGreaterThan(0)
    const { orderNumber } = await asAdmin<{ orderNumber: string }>(`/orders/${id}?depth=0`)
    // The CMS prints the email's links outside production: the German order page's.
    const link = `/de${await emailedLink('link-de@example.test', id)}`
    const printed = shop?.cms.process.output() ?? ''
    expect(printed).toContain(`Email to link-de@example.test: "Bestellung ${orderNumber} bestätigt"`)
    expect(printed).toContain(link)

    const phone = visitor()
    const landing = await phone.get(link)
    expect([landing.response.status, landing.response.headers.get('location')]).toEqual([303, `/de/order/${id}`])
    const page = await phone.get(`/de/order/${id}`)
    expect(page.response.status).toBe(200)
    expect(page.html).toMatch(new RegExp(`<h1[^>]*>Bestellung ${orderNumber}</h1>`))
  })

  it('gives a forged, tampered or misplaced token the same not-found page as no token, and opens nothing', async () => {
    const [mine, other] = [await placeAsGuest('link-a@example.test'), await placeAsGuest('link-b@example.test')]
    const link = await emailedLink('link-a@example.test', mine.id)
    const token = link.slice(link.indexOf('?t=') + 3)
    // The second-to-last character: the last one of an HS256 signature carries two padding bits, so
    // changing only those (A → B) decodes to the same signature, and the token stays valid.
    const tampered = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`
    const plain = await visitor().get(`/order/${mine.id}`)
    expect(plain.response.status).toBe(404)
    expect(decodeEntities(plain.html)).toContain(NOT_FOUND)
    for (const [orderId, bad] of [[mine.id, tampered], [mine.id, 'forged'], [other.id, token]] as const) {
      const reader = visitor()
      const landing = await reader.get(`/order/${orderId}?t=${encodeURIComponent(bad)}`)
      expect([landing.response.status, landing.response.headers.get('location')]).toEqual([303, `/order/${orderId}`])
      const page = await reader.get(`/order/${orderId}`)
      expect(page.response.status).toBe(404)
      expect(decodeEntities(page.html)).toContain(NOT_FOUND)
      expect(page.html).not.toContain(mine.orderNumber)
      expect(page.html).not.toContain(other.orderNumber)
    }
  })
})

describe('checkout options from the CMS (development configuration)', () => {
  it('offers exactly the CMS’s shipping and payment methods, test card included, with the fields each declares', async () => {
    const options = await publishedOptions(api)
    expect(options.payment.methods.map((method) => method.name)).toEqual(['manual', 'test'])
    const guest = visitor()
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    const { html } = await guest.get('/checkout')
    expectExactlyTheOptions(html, options, 'EUR')
    expect(html).toMatch(/<label for="checkout-details\.test\.number"[^>]*>Card number/)
  })

  it('places an order when the shopper types only the address and keeps every pre-selected choice', async () => {
    const options = await publishedOptions(api)
    const standard = options.shipping.methods.find((method) => method.id === options.shipping.default)
    const guest = visitor()
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    const { html } = await guest.get('/checkout')
    const typed = { city: 'Berlin', email: 'defaults-dev@example.test', line1: 'Torstraße 1', name: 'Dee Fault', postalCode: '10119' }
    const placed = await guest.post(ACTION, formAsRendered(html, typed))
    expect([placed.status, placed.headers.get('location')]).toEqual([303, expect.stringMatching(/^\/order\/\d+$/)])
    const [order] = (await ordersOf('defaults-dev@example.test')).docs
    const stored = await asAdmin<{ payment: { method: string }; shippingMethod: string; shippingTotal: number; status: string }>(`/orders/${order?.id}?depth=0`)
    expect(stored).toMatchObject({
      payment: { method: options.payment.default },
      shippingMethod: options.shipping.default,
      shippingTotal: standard?.prices.find((price) => price.currency === 'EUR')?.amount,
      status: 'pending',
    })
  })

  it('names a missing card detail beside its field, checked against the fields the CMS declares', async () => {
    const guest = visitor()
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    const refused = await guest.post(ACTION, form('nocvc@example.test', { 'details.test.cvc': '' }))
    expect([refused.status, refused.headers.get('location')]).toEqual([303, '/checkout'])
    const { html } = await guest.get('/checkout')
    expect(fieldError(html, 'details.test.cvc')).toBe('Enter the security code (CVC)')
    // The shopper's choice of the card stays selected; nothing they typed for it is kept.
    expect(html).toMatch(/<input type="radio" name="payment" value="test" checked/)
    expect(html).not.toMatch(/value="4242/)
    expect((await ordersOf('nocvc@example.test')).totalDocs).toBe(0)
  })
})

describe('the German checkout', () => {
  it('offers the shipping label staff typed in German and the payment adapters’ built-in words from the dictionary', async () => {
    const { docs } = await asAdmin<{ docs: Array<{ id: number; methods: Array<{ code: string; label?: string }> }> }>('/shipping-zones?depth=0&limit=1')
    const [zone] = docs
    if (!zone) throw new Error('no shipping zone')
    const methods = zone.methods.map((method) => ({ ...method, label: method.code === 'standard' ? 'Standard (3–5 Werktage)' : undefined }))
    await asAdmin(`/shipping-zones/${zone.id}?locale=de`, { body: { methods }, method: 'PATCH' })
    const guest = visitor()
    await guest.post('/de/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    // Austria: a country nothing has asked the options of yet, so no copy from before the change.
    const german = decodeEntities((await guest.get('/de/checkout?country=AT')).html)
    expect(german).toContain('Standard (3–5 Werktage)')
    expect(german).toContain('Express (next working day)')
    expect(german).toContain('Testkarte (kein echtes Geld)')
    expect(german).toContain('Prüfnummer (CVC)')
    const english = decodeEntities((await guest.get('/checkout?country=AT')).html)
    expect(english).toContain('Standard (3–5 working days)')
    expect(english).toContain('Test card (no real money)')
  })

  it('answers in German on /de/: its form checks, a refused discount code and a line the stock cannot cover', async () => {
    const [tee] = catalogue.tees
    if (!tee) throw new Error('no tees')
    const stock = await stockOf(tee.id)
    const late = visitor()
    await late.post('/de/cart?_action=cart.add', { product: tee.id, quantity: stock })

    const missing = await late.post(`/de${ACTION}`, form('late-de@example.test', { city: '' }))
    expect([missing.status, missing.headers.get('location')]).toEqual([303, '/de/checkout'])
    let html = (await late.get('/de/checkout')).html
    expect(notices(html)).toContain('error: Bitte prüfen Sie die markierten Felder.')
    expect(fieldError(html, 'city')).toBe('Geben Sie Ihren Ort ein')

    // The CMS refuses an unknown code in English, with its reason; the German page words the reason.
    await late.post('/de/checkout?_action=checkout.applyCode', { code: 'nope' })
    html = (await late.get('/de/checkout')).html
    expect(notices(html)).toContain('error: Der Code „nope“ wurde nicht eingelöst: Dieser Code ist ungültig.')

    // Someone else buys one meanwhile: the CMS refuses the order for the stock (409, its shortages).
    const early = visitor()
    await early.post('/cart?_action=cart.add', { product: tee.id, quantity: 1 })
    expect((await early.post(ACTION, form('early-de@example.test'))).headers.get('location')).toMatch(/^\/order\/\d+$/)
    const refused = await late.post(`/de${ACTION}`, form('late-de@example.test'))
    expect([refused.status, refused.headers.get('location')]).toEqual([303, '/de/checkout'])
    html = (await late.get('/de/checkout')).html
    expect(notices(html)).toContain(
      `error: Nicht genug auf Lager: ${tee.title} (TEE-01): ${stock - 1} verfügbar, ${stock} bestellt. Bitte prüfen Sie Ihren Warenkorb.`,
    )
    expect((await ordersOf('late-de@example.test')).totalDocs).toBe(0)
  })
})
