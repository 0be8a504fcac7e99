/**
 * Shopper journeys in a real browser (Debian Chromium through playwright-core) against the built
 * storefront and a real CMS (see `support/harness.ts`), with JavaScript on (and off, for the
 * variant form: `journeys/choosingAVariant.ts`). Each journey gets a fresh browser context (its own
 * cookies); pages are audited with axe-core on the way and screenshotted into `test-results/screenshots`. One shop and one browser serve every journey in this file.
 */
import { randomBytes } from 'node:crypto'

import { type Browser, type Page, launchBrowser } from '@showroom/test-support'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { applyingADiscountCode } from './journeys/applyingADiscountCode'
import { choosingAVariant } from './journeys/choosingAVariant'
import { searchingWithFacets } from './journeys/searchingWithFacets'
import { DESKTOP, saveScreenshot, saveScreenshots, seriousA11yViolations, watchContentSecurityPolicy } from './support/browser'
import { cmsAdmin } from './support/cmsAdmin'
import { type Shop, startShop } from './support/harness'

let shop: Shop | undefined
let browser: Browser | undefined
let catalogue: Catalogue
let url: string
let api: string
/** Reads the CMS REST API as its admin. */
let asAdmin: ReturnType<typeof cmsAdmin>

beforeAll(async () => {
  // Both settle before going on, so whichever started is stopped by `afterAll` even when the other failed.
  // The CMS sends its signed webhooks to the storefront, so live price events reach open pages.
  const secret = `whsec_${randomBytes(32).toString('base64')}`
  const [started, launched] = await Promise.allSettled([
    startShop('journey', { cmsEnv: { STOREFRONT_WEBHOOK_SECRET: secret }, env: { WEBHOOK_SECRET: secret } }),
    launchBrowser(),
  ])
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

/** A page in a fresh browser context: a new visitor, with no cookies, at the desktop size (JavaScript on unless told). */
const newVisitorPage = async ({ javaScriptEnabled = true }: { javaScriptEnabled?: boolean } = {}): Promise<Page> => {
  if (!browser) throw new Error('the browser did not start')
  const context = await browser.newContext({ baseURL: url, javaScriptEnabled, locale: 'en-GB', viewport: DESKTOP })
  // Well under the test's own limit, so a missing element fails with its selector rather than a timeout.
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  await watchContentSecurityPolicy(page, policyViolations)
  return page
}

/**
 * What the pages of the current journey broke of their Content-Security-Policy, and their other console
 * errors (`watchContentSecurityPolicy`): each journey (home,
 * category, search, product with live prices, cart, checkout up to the placed order, sign-in and
 * sign-up) must end with none, so every script, style and server island is one the policy allows.
 */
const policyViolations: string[] = []

afterEach(() => {
  const seen = policyViolations.splice(0)
  expect(seen, `Content-Security-Policy violations and console errors:\n${seen.join('\n')}`).toEqual([])
})


const variantStock = async (product: number, variant: string): Promise<number | undefined> =>
  (await asAdmin<{ variants: Array<{ id: string; stock: number }> }>(`/products/${product}?depth=0`)).variants.find((item) => item.id === variant)?.stock

/** Fails with axe's readable report when the page has serious or critical accessibility violations. */
const expectAccessible = async (page: Page, what: string): Promise<void> => {
  const report = await seriousA11yViolations(page)
  expect(report, `axe found serious or critical violations on the ${what}:\n${report}`).toBe('')
}

/** The header's cart link, once its server island has loaded (it then carries `data-cart-count`). */
const cartCount = async (page: Page): Promise<string | null> => {
  const link = page.locator('[data-cart-count]')
  await link.waitFor()
  return link.getAttribute('data-cart-count')
}

// First, while the oxford's stock is as the catalogue seeds it (the guest below buys two of M).
choosingAVariant(() => ({ asAdmin, catalogue, expectAccessible, newVisitorPage }))
searchingWithFacets(() => ({ asAdmin, catalogue, expectAccessible, newVisitorPage }))
applyingADiscountCode(() => ({ asAdmin, catalogue, expectAccessible, newVisitorPage }))

describe('a guest in the browser', () => {
  it('browses, filters, adds a variant with JavaScript and checks out with a test card', async () => {
    const [, m] = catalogue.oxford.variants
    if (!m) throw new Error('no M variant')
    const stockBefore = await variantStock(catalogue.oxford.id, m.id)
    expect(stockBefore).toBe(4)
    const page = await newVisitorPage()

    // Home: featured products, top categories, new arrivals.
    await page.goto('/')
    await expect.poll(() => page.title()).toBe('Showroom')
    await expectAccessible(page, 'home page')
    await saveScreenshots(page, 'home')

    // Into a category and down its tree.
    await page.getByRole('navigation', { name: 'Shop by category' }).getByRole('link', { name: /Clothing/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Clothing' }).waitFor()
    const subcategories = page.getByRole('navigation', { name: 'Subcategories' })
    await subcategories.getByRole('link', { name: /Men/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Men' }).waitFor()
    await page.getByRole('navigation', { name: 'Subcategories' }).getByRole('link', { name: /Shirts/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Shirts' }).waitFor()

    // Filter: in stock, size M.
    const filters = page.getByRole('form', { name: 'Filter and sort' })
    await filters.getByLabel('In stock only').check()
    await filters.getByRole('group', { name: 'Size' }).getByLabel('M', { exact: true }).check()
    await filters.getByRole('button', { name: 'Apply' }).click()
    await page.waitForURL(/inStock=1/)
    expect(new URL(page.url()).searchParams.getAll('option')).toEqual(['Size:M'])
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^\s*1 product\s*$/)
    await expectAccessible(page, 'category page')
    await saveScreenshots(page, 'category')

    // The product, then a variant.
    await page.getByRole('link', { name: catalogue.oxford.title }).click()
    await page.getByRole('heading', { level: 1, name: catalogue.oxford.title }).waitFor()
    await page.getByRole('group', { name: 'Size' }).getByLabel('M', { exact: true }).check()
    await page.waitForURL(new RegExp(`variant=${m.id}`))
    expect(await page.locator('[data-price]').textContent()).toContain('€32.00')
    expect(await page.locator('[data-stock]').textContent()).toContain('Only 4 left')
    expect(await cartCount(page)).toBe('0')
    await expectAccessible(page, 'product page')
    await saveScreenshots(page, 'product')

    // Add to cart with JavaScript: no navigation, a polite status, the header count goes up.
    const productUrl = page.url()
    await page.getByLabel('Quantity').fill('2')
    await page.getByRole('button', { name: 'Add to cart' }).click()
    const status = page.locator('[data-cart-status]')
    await expect.poll(() => status.textContent()).toContain('Added to your cart.')
    expect(await status.getByRole('link', { name: 'View your cart' }).getAttribute('href')).toBe('/cart')
    expect(await status.getAttribute('role')).toBe('status')
    expect(page.url()).toBe(productUrl)
    expect(await cartCount(page)).toBe('2')
    expect(await page.getByRole('navigation', { name: 'Your shopping' }).textContent()).toContain('2')
    await saveScreenshot(page, 'product-added')

    // More than the stock: the shop's message in the same place, and the count stays.
    await page.getByLabel('Quantity').fill('3')
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await expect.poll(() => status.textContent()).toContain('Sorry, only 4 of “Oxford shirt” (Size: M) left and you already have 2 in your cart.')
    expect(await cartCount(page)).toBe('2')
    expect(page.url()).toBe(productUrl)

    // The cart, from the link in the status.
    await status.getByRole('link', { name: 'Go to your cart' }).click()
    await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor()
    const line = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: catalogue.oxford.title }) })
    expect(await line.textContent()).toContain('Size: M')
    expect(await line.getByLabel('Quantity').inputValue()).toBe('2')
    expect(await line.locator('[data-line-total]').textContent()).toBe('€64.00')
    await expectAccessible(page, 'cart page')
    await saveScreenshots(page, 'cart')

    // Checkout as a guest.
    await page.getByRole('link', { name: 'Go to checkout' }).click()
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor()
    const email = `journey-${Date.now()}@example.test`
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Full name').fill('Grace Journey')
    await page.getByLabel('Address', { exact: true }).fill('Torstraße 1')
    await page.getByLabel('Postal code').fill('10119')
    await page.getByLabel('City').fill('Berlin')
    await page.getByLabel('Country').selectOption('DE')
    await page.getByRole('radio', { name: /Express/ }).check()
    await page.getByRole('radio', { name: /Test card/ }).check()
    await page.getByLabel('Card number').fill('4242 4242 4242 4242')
    await page.getByLabel('Expiry (MM/YY)').fill('12/40')
    await page.getByLabel('Security code (CVC)').fill('123')
    await expectAccessible(page, 'checkout page')
    await saveScreenshots(page, 'checkout')
    await page.getByRole('button', { name: 'Place order' }).click()

    // The confirmation, with the order number the CMS gave.
    await page.waitForURL(/\/order\/\d+$/)
    await page.getByRole('heading', { level: 1, name: 'Thank you for your order' }).waitFor()
    const orderNumber = (await page.locator('[data-order-number]').textContent())?.trim() ?? ''
    expect(orderNumber).not.toBe('')
    await expectAccessible(page, 'order confirmation')
    await saveScreenshots(page, 'confirmation')

    // The CMS has the order, and took the two shirts out of stock.
    const orders = await asAdmin<{ docs: Array<{ id: number; orderNumber: string; shippingMethod: string; status: string; total: number }> }>(
      `/orders?depth=0&where[email][equals]=${encodeURIComponent(email)}`,
    )
    expect(orders.docs).toHaveLength(1)
    // 2 × €32.00 plus express shipping (€9.90).
    expect(orders.docs[0]).toMatchObject({ orderNumber, shippingMethod: 'express', status: 'paid', total: 7390 })
    expect(page.url()).toMatch(new RegExp(`/order/${orders.docs[0]?.id}$`))
    expect(await variantStock(catalogue.oxford.id, m.id)).toBe((stockBefore ?? 0) - 2)
    expect(await cartCount(page)).toBe('0')
    await page.context().close()
  }, 90_000)
})

describe('a customer in the browser', () => {
  it('registers with a guest cart, signs in on another device where the cart is waiting, checks out and finds the order in the history', async () => {
    const email = `customer-${Date.now()}@example.test`
    const password = 'journey-passphrase-1'

    // As a guest: one mug in the cart, then "Sign in" → "Create an account".
    const phone = await newVisitorPage()
    await phone.goto(`/p/${catalogue.mug.slug}`)
    await phone.getByRole('button', { name: 'Add to cart' }).click()
    await expect.poll(() => phone.locator('[data-cart-status]').textContent()).toContain('Added to your cart.')
    await phone.getByRole('navigation', { name: 'Your shopping' }).getByRole('link', { name: 'Sign in' }).click()
    await phone.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    await expectAccessible(phone, 'sign-in page')
    await phone.getByRole('link', { name: 'Create an account' }).click()
    await phone.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor()
    await phone.getByLabel('Name').fill('Grace')
    await phone.getByLabel('Email').fill(email)
    await phone.getByLabel('Password').fill(password)
    await expectAccessible(phone, 'registration page')
    await saveScreenshots(phone, 'register')
    await phone.getByRole('button', { name: 'Create account' }).click()

    // Signed in: the account page, the name in the header, the guest's mug kept.
    await phone.getByRole('heading', { level: 1, name: 'Your account' }).waitFor()
    expect(await phone.getByRole('status').first().textContent()).toContain('Welcome, Grace! Your account is ready.')
    await phone.getByRole('navigation', { name: 'Your shopping' }).getByRole('link', { name: 'Grace' }).waitFor()
    expect(await cartCount(phone)).toBe('1')
    await expectAccessible(phone, 'account page')
    await saveScreenshots(phone, 'account')
    await phone.getByRole('button', { name: 'Sign out' }).click()
    await phone.waitForURL(`${url}/`)
    expect(await cartCount(phone)).toBe('0')
    await phone.context().close()

    // Another device: sign in, and the cart survived.
    const laptop = await newVisitorPage()
    await laptop.goto('/account/login')
    await laptop.getByLabel('Email').fill(email)
    await laptop.getByLabel('Password').fill(password)
    await laptop.getByRole('button', { name: 'Sign in' }).click()
    await laptop.getByRole('heading', { level: 1, name: 'Your account' }).waitFor()
    expect(await cartCount(laptop)).toBe('1')
    await laptop.goto('/cart')
    expect(await laptop.getByRole('heading', { name: catalogue.mug.title }).count()).toBe(1)

    // Check out: the email is the account's; the address is typed once.
    await laptop.getByRole('link', { name: 'Go to checkout' }).click()
    expect(await laptop.getByLabel('Email').inputValue()).toBe(email)
    await laptop.getByLabel('Address', { exact: true }).fill('Torstraße 1')
    await laptop.getByLabel('Postal code').fill('10119')
    await laptop.getByLabel('City').fill('Berlin')
    await laptop.getByRole('radio', { name: /Test card/ }).check()
    await laptop.getByLabel('Card number').fill('4242 4242 4242 4242')
    await laptop.getByLabel('Expiry (MM/YY)').fill('12/40')
    await laptop.getByLabel('Security code (CVC)').fill('123')
    await laptop.getByRole('button', { name: 'Place order' }).click()
    await laptop.getByRole('heading', { level: 1, name: 'Thank you for your order' }).waitFor()
    const orderNumber = (await laptop.locator('[data-order-number]').textContent())?.trim() ?? ''

    // The order history lists it; its detail shows the status.
    await laptop.getByRole('link', { name: 'Your orders' }).click()
    await laptop.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor()
    const row = laptop.getByRole('listitem').filter({ hasText: orderNumber })
    expect(await row.textContent()).toContain('Paid, being prepared')
    await expectAccessible(laptop, 'order history')
    await saveScreenshots(laptop, 'order-history')
    await row.getByRole('link', { name: `Order ${orderNumber}` }).click()
    await laptop.waitForURL(/\/order\/\d+$/)
    expect(await laptop.locator('[data-order-number]').textContent()).toBe(orderNumber)
    expect(await laptop.locator('[data-order-status]').textContent()).toBe('Paid, being prepared')

    // The CMS recorded it as the customer's.
    const me = await asAdmin<{ docs: Array<{ id: number }> }>(`/users?depth=0&where[email][equals]=${encodeURIComponent(email)}`)
    const orders = await asAdmin<{ docs: Array<{ customer: number; orderNumber: string }> }>(`/orders?depth=0&where[orderNumber][equals]=${orderNumber}`)
    expect(orders.docs).toEqual([expect.objectContaining({ customer: me.docs[0]?.id, orderNumber })])
    await laptop.context().close()
  }, 90_000)
})

