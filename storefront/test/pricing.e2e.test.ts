/**
 * Tax and shipping zones as a shopper sees them, in a real browser (Debian Chromium through
 * playwright-core) against the built storefront and a real CMS: the checkout page shows the CMS's quote
 * for the chosen country (its zone's shipping, its tax rate) and the order page the tax lines the
 * order was stored with. The storefront computes none of it (docs/pricing.md).
 */
import { randomBytes } from 'node:crypto'

import type { Browser } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { DESKTOP, saveScreenshots, seriousA11yViolations } from './support/browser'
import { cmsAdmin } from './support/cmsAdmin'
import type { Shop } from './support/harness'
import { startShopInBrowser } from './support/shopInBrowser'

let shop: Shop | undefined
let browser: Browser | undefined
let catalogue: Catalogue
let url: string
let asAdmin: ReturnType<typeof cmsAdmin>

beforeAll(async () => {
  // The CMS sends its signed webhooks to the storefront, so a price saved in the CMS reaches cached product pages.
  const secret = `whsec_${randomBytes(32).toString('base64')}`
  ;({ browser, shop } = await startShopInBrowser('pricing', { cmsEnv: { STOREFRONT_WEBHOOK_SECRET: secret }, env: { WEBHOOK_SECRET: secret } }))
  ;({ catalogue, storefrontUrl: url } = shop)
  asAdmin = cmsAdmin(shop.cms.api)
  // Austria: 20 % tax, its own zone with standard shipping at €5.90.
  await asAdmin('/tax-rates', { body: { country: 'AT', name: 'USt', rate: 20 }, method: 'POST' })
  await asAdmin('/shipping-zones', {
    body: { countries: ['AT'], methods: [{ code: 'standard', label: 'Post AT', rates: [{ amount: 590, currency: 'EUR' }] }], name: 'Austria' },
    method: 'POST',
  })
}, 120_000)

afterAll(async () => {
  await Promise.all([browser?.close(), shop?.stop()])
})

describe('tax and shipping in the browser', () => {
  it('shows the shop’s shipping and tax for the chosen country at checkout, and the tax lines on the order', async () => {
    if (!browser) throw new Error('the browser did not start')
    const context = await browser.newContext({ baseURL: url, locale: 'en-GB', viewport: DESKTOP })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    await page.goto(`/p/${catalogue.mug.slug}`)
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await page.getByRole('link', { name: 'View your cart' }).waitFor()
    await page.goto('/checkout')

    // Germany (the default) has no tax rate in this shop: the Everywhere zone's standard shipping, no tax.
    const quote = page.getByRole('definition')
    await page.locator('[data-quote-shipping]').waitFor()
    expect(await page.locator('[data-quote-tax]').count()).toBe(0)
    expect(await page.locator('[data-quote-total]').textContent()).toContain('€16.90')

    // Austria: its zone's €5.90 and 20 % on the mug and the shipping: (12.00 + 5.90) × 20 % = 3.58.
    await page.getByLabel('Deliver to').selectOption('AT')
    await page.getByRole('button', { name: 'Update totals' }).click()
    await page.waitForURL(/country=AT/)
    expect(await page.getByRole('term').allTextContents()).toEqual(['Shipping to Austria', 'USt 20 % (AT)', 'Total'])
    expect((await quote.allTextContents()).map((text) => text.trim())).toEqual(['€5.90', '€3.58', '€21.48'])
    // Only the methods of Austria's zone are offered.
    const methods = page.getByRole('group', { name: 'Shipping method' }).getByRole('radio')
    expect(await methods.count()).toBe(1)
    await page.getByRole('radio', { name: 'Post AT: €5.90' }).waitFor()
    const report = await seriousA11yViolations(page)
    expect(report, `axe found serious or critical violations on the checkout page:\n${report}`).toBe('')
    await saveScreenshots(page, 'checkout-tax')

    const email = `tax-${Date.now()}@example.test`
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Full name').fill('Theo Tax')
    await page.getByLabel('Address', { exact: true }).fill('Ringstraße 1')
    await page.getByLabel('Postal code').fill('1010')
    await page.getByLabel('City').fill('Wien')
    expect(await page.getByLabel('Country').inputValue()).toBe('AT')
    await page.getByRole('radio', { name: /Test card/ }).check()
    await page.getByLabel('Card number').fill('4242 4242 4242 4242')
    await page.getByLabel('Expiry (MM/YY)').fill('12/40')
    await page.getByLabel('Security code (CVC)').fill('123')
    await page.getByRole('button', { name: 'Place order' }).click()

    await page.waitForURL(/\/order\/\d+$/)
    await page.getByRole('heading', { level: 1, name: 'Thank you for your order' }).waitFor()
    const taxRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'USt 20 % (AT)' }) })
    expect((await taxRow.getByRole('cell').textContent())?.trim()).toBe('€3.58')
    expect(await page.locator('[data-total]').textContent()).toContain('€21.48')
    await saveScreenshots(page, 'confirmation-tax')

    const orders = await asAdmin<{ docs: Array<{ shippingTotal: number; taxLines: Array<{ taxAmount: number }>; taxTotal: number; total: number }> }>(
      `/orders?depth=0&where[email][equals]=${encodeURIComponent(email)}`,
    )
    expect(orders.docs).toEqual([expect.objectContaining({ shippingTotal: 590, taxLines: [expect.objectContaining({ taxAmount: 358 })], taxTotal: 358, total: 2148 })])
    await context.close()
  })

  it('lets the shopper buy in another currency, remembered for her visit, and refuses to guess a price', async () => {
    if (!browser) throw new Error('the browser did not start')
    // The mug gets a price in US dollars; the oxford shirt has none.
    await asAdmin(`/products/${catalogue.mug.id}`, { body: { prices: [{ amount: 1400, currency: 'USD' }] }, method: 'PATCH' })
    const context = await browser.newContext({ baseURL: url, locale: 'en-GB', viewport: DESKTOP })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    await page.goto(`/p/${catalogue.mug.slug}`)
    // The product page (cached, the same for everyone) names its other prices.
    await expect.poll(async () => (await page.reload(), await page.locator('[data-other-prices]').count())).toBe(1)
    expect(await page.locator('[data-other-prices]').textContent()).toContain('Also sold in US$14.00')
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await page.getByRole('link', { name: 'View your cart' }).waitFor()
    await page.goto('/cart')
    // The store's default currency first.
    expect(await page.getByLabel('Currency').inputValue()).toBe('EUR')
    expect(await page.locator('[data-subtotal]').textContent()).toContain('€12.00')

    await page.getByLabel('Currency').selectOption('USD')
    await page.getByRole('button', { name: 'Change currency' }).click()
    await expect.poll(() => page.locator('[data-subtotal]').textContent()).toContain('US$14.00')
    const report = await seriousA11yViolations(page)
    expect(report, `axe found serious or critical violations on the cart page:\n${report}`).toBe('')
    await saveScreenshots(page, 'cart-usd')

    // Remembered: the checkout shows dollars, with the Everywhere zone's US-dollar shipping (no tax rate for the US here).
    await page.goto('/checkout?country=US')
    expect((await page.getByRole('definition').allTextContents()).map((text) => text.trim())).toEqual(['US$5.50', 'US$19.50'])
    const email = `dollars-${Date.now()}@example.test`
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Full name').fill('Dot Dollar')
    await page.getByLabel('Address', { exact: true }).fill('1 Main St')
    await page.getByLabel('Postal code').fill('10001')
    await page.getByLabel('City').fill('New York')
    await page.getByRole('button', { name: 'Place order' }).click()
    await page.waitForURL(/\/order\/\d+$/)
    expect(await page.locator('[data-total]').textContent()).toContain('US$19.50')
    const orders = await asAdmin<{ docs: Array<{ currency: string; total: number }> }>(`/orders?depth=0&where[email][equals]=${encodeURIComponent(email)}`)
    expect(orders.docs).toEqual([expect.objectContaining({ currency: 'USD', total: 1950 })])

    // A product without a dollar price stays in the cart, unpriced, with the reason; euros bring it back.
    await page.goto(`/p/${catalogue.onSale.slug}`)
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await page.getByRole('link', { name: 'View your cart' }).waitFor()
    await page.goto('/cart')
    await page.getByText(`“${catalogue.onSale.title}” is not sold in USD: choose another currency to buy it.`).waitFor()
    await page.getByLabel('Currency').selectOption('EUR')
    await page.getByRole('button', { name: 'Change currency' }).click()
    await page.getByRole('heading', { level: 2, name: catalogue.onSale.title }).waitFor()
    await context.close()
  })
})
