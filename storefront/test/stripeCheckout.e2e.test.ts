/**
 * Paying with Stripe in a real browser (Chromium) on the built storefront and a real CMS, with Stripe
 * replaced by a local fake (`startFakeStripe`): the CMS's `stripe` SDK talks to it through
 * `STRIPE_API_BASE`, and the pages load its stand-in for Stripe.js through `STRIPE_JS_URL` (real
 * Stripe.js cannot be loaded here). What the stand-in does not exercise is listed in docs/payments.md.
 */
import { randomBytes } from 'node:crypto'

import { type Browser, type FakeStripe, type Page, startFakeStripe } from '@showroom/test-support'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { DESKTOP, saveScreenshot, seriousA11yViolations, watchContentSecurityPolicy } from './support/browser'
import { cmsAdmin } from './support/cmsAdmin'
import type { Shop } from './support/harness'
import { startShopInBrowser } from './support/shopInBrowser'

let shop: Shop | undefined
let browser: Browser | undefined
let fake: FakeStripe
let asAdmin: ReturnType<typeof cmsAdmin>
/** Every body the browser posted to the storefront: the card number must be in none of them. */
const posted: string[] = []
const policyViolations: string[] = []

beforeAll(async () => {
  fake = await startFakeStripe()
  const secret = `whsec_${randomBytes(32).toString('base64')}`
  ;({ browser, shop } = await startShopInBrowser('stripe_checkout', {
      cmsEnv: {
        STOREFRONT_WEBHOOK_SECRET: secret,
        STRIPE_API_BASE: fake.url,
        STRIPE_PUBLISHABLE_KEY: fake.publishableKey,
        STRIPE_SECRET_KEY: fake.secretKey,
        STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      },
      env: { STRIPE_JS_URL: `${fake.url}/v3/`, WEBHOOK_SECRET: secret },
    }))
  // The bank's 3-D Secure page (the stand-in's dialog) makes Stripe send its webhook to the CMS.
  fake.webhookUrl = `${shop.cms.api}/payments/stripe/webhook`
  asAdmin = cmsAdmin(shop.cms.api)
}, 120_000)

afterAll(async () => {
  await Promise.all([browser?.close(), shop?.stop(), fake?.close()])
})

afterEach(() => {
  const seen = policyViolations.splice(0)
  expect(seen, `Content-Security-Policy violations and console errors:\n${seen.join('\n')}`).toEqual([])
})

const newVisitorPage = async (): Promise<Page> => {
  if (!browser || !shop) throw new Error('the shop or the browser did not start')
  const context = await browser.newContext({ baseURL: shop.storefrontUrl, locale: 'en-GB', viewport: DESKTOP })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  await watchContentSecurityPolicy(page, policyViolations)
  page.on('request', (request) => {
    if (request.method() === 'POST' && shop && request.url().startsWith(shop.storefrontUrl)) posted.push(request.postData() ?? '')
  })
  return page
}

/** A guest with the mug in her cart, on the checkout page with her address filled in and "Card (Stripe)" chosen. */
const atCheckoutWithStripe = async (page: Page): Promise<string> => {
  if (!shop) throw new Error('the shop did not start')
  await page.goto(`/p/${shop.catalogue.mug.slug}`)
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await page.locator('[data-cart-count="1"]').waitFor()
  await page.goto('/checkout')
  await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor()
  const email = `stripe-${randomBytes(4).toString('hex')}@example.test`
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Full name').fill('Sofia Stripe')
  await page.getByLabel('Address', { exact: true }).fill('Torstraße 1')
  await page.getByLabel('Postal code').fill('10119')
  await page.getByLabel('City').fill('Berlin')
  await page.getByRole('radio', { name: 'Card (Stripe)' }).check()
  return email
}

/** Stripe's card field (the stand-in's), not the test card's input of the same name. */
const stripeCard = (page: Page) => page.locator('[data-payment-method="stripe"]').getByLabel('Card number')

const orderOf = async (email: string) =>
  (await asAdmin<{ docs: Array<{ id: number; payment: { method: string; reference: string; status: string }; status: string; total: number }> }>(
    `/orders?depth=0&where[email][equals]=${encodeURIComponent(email)}`,
  )).docs

describe('paying with Stripe in the browser', () => {
  it('a card with 3-D Secure: the order page runs Stripe.js, and the order turns paid when Stripe’s webhook arrives', async () => {
    const page = await newVisitorPage()
    const email = await atCheckoutWithStripe(page)
    await stripeCard(page).fill('4000 0027 6000 3184')
    const report = await seriousA11yViolations(page)
    expect(report, `axe on the checkout page:\n${report}`).toBe('')
    await page.getByRole('button', { name: 'Place order' }).click()

    await page.waitForURL(/\/order\/\d+$/)
    const status = page.locator('[data-order-status]')
    expect(await status.getAttribute('data-order-status')).toBe('pending')
    const bank = page.getByRole('dialog', { name: '3D Secure (test stand-in)' })
    await bank.waitFor()
    await saveScreenshot(page, 'stripe-3ds')
    await bank.getByRole('button', { name: 'Complete authentication' }).click()
    await expect.poll(() => page.locator('[data-stripe-action-message]').textContent()).toContain('Your bank confirmed the payment.')
    // The CMS applied Stripe's webhook; the live status says so without a reload.
    await expect.poll(() => status.getAttribute('data-order-status'), { timeout: 15_000 }).toBe('paid')

    const [order] = await orderOf(email)
    expect(order).toMatchObject({ payment: { method: 'stripe', status: 'paid' }, status: 'paid' })
    expect(fake.intents.get(order?.payment.reference ?? '')).toMatchObject({ amount: order?.total, paymentMethod: 'pm_card_authenticationRequired', status: 'succeeded' })
    // The card went from the page to Stripe only.
    expect(posted.some((body) => body.replace(/\D/g, '').includes('4000002760003184'))).toBe(false)
  })

  it('a card that pays at once: straight to a paid order', async () => {
    const page = await newVisitorPage()
    const email = await atCheckoutWithStripe(page)
    await stripeCard(page).fill('4242 4242 4242 4242')
    await page.getByRole('button', { name: 'Place order' }).click()
    await page.waitForURL(/\/order\/\d+$/)
    expect(await page.locator('[data-order-status]').getAttribute('data-order-status')).toBe('paid')
    expect(await page.locator('[data-stripe-action]').count()).toBe(0)
    expect((await orderOf(email))[0]).toMatchObject({ payment: { method: 'stripe', status: 'paid' } })
  })

  it('3-D Secure refused by the bank: the page says so and the order is cancelled', async () => {
    const page = await newVisitorPage()
    const email = await atCheckoutWithStripe(page)
    await stripeCard(page).fill('4000 0027 6000 3184')
    await page.getByRole('button', { name: 'Place order' }).click()
    await page.waitForURL(/\/order\/\d+$/)
    await page.getByRole('dialog', { name: '3D Secure (test stand-in)' }).getByRole('button', { name: 'Fail authentication' }).click()
    await expect.poll(() => page.locator('[data-stripe-action-message]').textContent()).toContain('We are unable to authenticate your payment method.')
    await expect.poll(() => page.locator('[data-order-status]').getAttribute('data-order-status'), { timeout: 15_000 }).toBe('cancelled')
    expect((await orderOf(email))[0]).toMatchObject({ payment: { status: 'failed' }, status: 'cancelled' })
  })

  it('a declined card: the checkout page shows Stripe’s message, and nothing is paid', async () => {
    const page = await newVisitorPage()
    const email = await atCheckoutWithStripe(page)
    await stripeCard(page).fill('4000 0000 0000 0002')
    await page.getByRole('button', { name: 'Place order' }).click()
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Your card was declined.')
    expect(page.url()).toMatch(/\/checkout/)
    expect((await orderOf(email))[0]).toMatchObject({ payment: { status: 'failed' }, status: 'cancelled' })
  })
})
