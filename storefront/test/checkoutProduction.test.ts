/**
 * The checkout against a CMS configured for production (`NODE_ENV=production`): it accepts only bank
 * transfer, so the storefront must show no test card anywhere, and its pre-selected choices must place
 * an order. The development configuration's side is in `checkout.test.ts`.
 */
import { type Browser, launchBrowser } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { DESKTOP, saveScreenshots, seriousA11yViolations } from './support/browser'
import { expectExactlyTheOptions, formAsRendered, publishedOptions } from './support/checkoutOptionsPage'
import { cmsAdmin } from './support/cmsAdmin'
import { type Shop, startShop } from './support/harness'
import { visitor as createVisitor } from './support/visitor'

let shop: Shop | undefined
let catalogue: Catalogue
let url: string
let api: string
let asAdmin: ReturnType<typeof cmsAdmin>
let browser: Browser | undefined

beforeAll(async () => {
  const [started, launched] = await Promise.allSettled([startShop('checkout_production', { cmsEnv: { NODE_ENV: 'production' } }), launchBrowser()])
  if (started.status === 'fulfilled') shop = started.value
  if (launched.status === 'fulfilled') browser = launched.value
  if (started.status === 'rejected') throw started.reason
  if (launched.status === 'rejected') throw launched.reason
  ;({ catalogue, storefrontUrl: url } = started.value)
  api = started.value.cms.api
  asAdmin = cmsAdmin(api)
}, 120_000)

afterAll(async () => {
  await Promise.all([browser?.close(), shop?.stop()])
})

const visitor = () => createVisitor(url)
const ACTION = '/checkout?_action=checkout.place'
const typed = (email: string) => ({ city: 'Berlin', email, line1: 'Torstraße 1', name: 'Pat Prod', postalCode: '10119' })

describe('checkout against a production CMS', () => {
  it('offers bank transfer only: no test card, card field or test card number anywhere in the page', async () => {
    const options = await publishedOptions(api)
    expect(options.payment.methods.map((method) => method.name)).toEqual(['manual'])
    const guest = visitor()
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    const { html, response } = await guest.get('/checkout')
    expect(response.status).toBe(200)
    expectExactlyTheOptions(html, options, 'EUR')
    // The test card number as a number (4242 4242 4242 4242): a bare "4242" also matched the random port
    // in the page's absolute links (`127.0.0.1:42429`).
    expect(html).not.toMatch(/test card|card number|4242[\s-]?4242|cc-number|details\.test|value="test"/i)
  })

  it('places an order with the pre-selected choices, and refuses a test card posted anyway, placing nothing', async () => {
    const guest = visitor()
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 2 })
    const { html } = await guest.get('/checkout')

    const forged = await guest.post(ACTION, { ...formAsRendered(html, typed('forged@example.test')), payment: 'test', 'details.test.number': '4242 4242 4242 4242' })
    expect([forged.status, forged.headers.get('location')]).toEqual([303, '/checkout'])
    expect((await guest.get('/checkout')).html).toMatch(/data-field-error="payment"[^>]*>\s*Choose one of the payment methods shown/)
    const none = await asAdmin<{ totalDocs: number }>(`/orders?depth=0&where[email][equals]=forged%40example.test`)
    expect(none.totalDocs).toBe(0)

    const placed = await guest.post(ACTION, formAsRendered(html, typed('prod@example.test')))
    expect([placed.status, placed.headers.get('location')]).toEqual([303, expect.stringMatching(/^\/order\/\d+$/)])
    const { docs } = await asAdmin<{ docs: Array<{ payment: { method: string }; shippingMethod: string; status: string; total: number }> }>(
      `/orders?depth=0&where[email][equals]=prod%40example.test`,
    )
    // Two mugs (2 × €12.00) and standard shipping in euros (€4.90).
    expect(docs).toEqual([expect.objectContaining({ payment: expect.objectContaining({ method: 'manual' }), shippingMethod: 'standard', status: 'pending', total: 2890 })])
    const confirmation = await guest.get(placed.headers.get('location') ?? '')
    expect(confirmation.html).toContain('Standard (3–5 working days)')
  })

  it('lets a shopper in Chromium place the order by typing only the address and pressing "Place order"', async () => {
    if (!browser) throw new Error('the browser did not start')
    const context = await browser.newContext({ baseURL: url, locale: 'en-GB', viewport: DESKTOP })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    await page.goto(`/p/${catalogue.mug.slug}`)
    await page.getByRole('button', { name: 'Add to cart' }).click()
    // Added once the header's count says so (with JavaScript the form posts in the background).
    await page.locator('[data-cart-count="1"]').waitFor()
    await page.goto('/checkout')
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor()
    const payment = page.getByRole('group', { name: 'Payment' }).getByRole('radio')
    expect(await payment.count()).toBe(1)
    expect(await page.getByRole('radio', { name: 'Pay by bank transfer' }).isChecked()).toBe(true)
    expect(await page.getByRole('radio', { name: /Standard/ }).isChecked()).toBe(true)
    expect(await page.locator('main').innerText()).not.toMatch(/card/i)
    await page.getByLabel('Email').fill('chromium-prod@example.test')
    await page.getByLabel('Full name').fill('Chris Chromium')
    await page.getByLabel('Address', { exact: true }).fill('Torstraße 1')
    await page.getByLabel('Postal code').fill('10119')
    await page.getByLabel('City').fill('Berlin')
    const report = await seriousA11yViolations(page)
    expect(report, `axe found serious or critical violations on the checkout:\n${report}`).toBe('')
    await saveScreenshots(page, 'checkout-production')
    await page.getByRole('button', { name: 'Place order' }).click()
    await page.getByRole('heading', { level: 1, name: 'Thank you for your order' }).waitFor()
    expect(await page.locator('main').innerText()).toContain('Please pay by bank transfer')
    const { docs } = await asAdmin<{ docs: Array<{ status: string }> }>('/orders?depth=0&where[email][equals]=chromium-prod%40example.test')
    expect(docs.map((order) => order.status)).toEqual(['pending'])
    await context.close()
  }, 60_000)

  it('says the shop is unavailable, offering no methods, when the CMS cannot answer', async () => {
    const guest = visitor()
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    await shop?.cms.process.stop()
    const { html, response } = await guest.get('/checkout')
    expect(response.status).toBe(503)
    expect(html).toContain('We’ll be right back')
    expect(html).not.toMatch(/name="(payment|shippingMethod)"/)
  })
})
