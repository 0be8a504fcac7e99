/**
 * Product cards in the visitor's currency, in a real browser (Debian Chromium through playwright-core)
 * against the built storefront and a real CMS: a shopper who chose US dollars sees the category page's
 * cards (and search results) in dollars (de-DE formatted on /de/), and a product without a dollar price as not sold in
 * them, while the category page itself stays the same HTML for every visitor (route-cached).
 */
import { randomBytes } from 'node:crypto'

import type { Browser, Page } from '@showroom/test-support'
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

const SHIRTS = '/c/clothing/men/shirts'

type BrowserContext = Awaited<ReturnType<Browser['newContext']>>

beforeAll(async () => {
  // Signed webhooks from the CMS, so the new dollar price reaches any cached page at once.
  const secret = `whsec_${randomBytes(32).toString('base64')}`
  ;({ browser, shop } = await startShopInBrowser('listing-currency', { cmsEnv: { STOREFRONT_WEBHOOK_SECRET: secret }, env: { WEBHOOK_SECRET: secret } }))
  ;({ catalogue, storefrontUrl: url } = shop)
  // The oxford shirt (€30.00, variants without prices of their own) gets a dollar price; the tees have none.
  await cmsAdmin(shop.cms.api)(`/products/${catalogue.oxford.id}`, { body: { prices: [{ amount: 3300, currency: 'USD' }] }, method: 'PATCH' })
}, 120_000)

afterAll(async () => {
  await Promise.all([browser?.close(), shop?.stop()])
})

/** A visitor of her own (cookies) who chose `currency` on the cart page, as a shopper does. */
const visitorIn = async (currency: string): Promise<BrowserContext> => {
  if (!browser) throw new Error('the browser did not start')
  const context = await browser.newContext({ baseURL: url, locale: 'en-GB', viewport: DESKTOP })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  await page.goto('/cart')
  if ((await page.getByLabel('Currency').inputValue()) !== currency) {
    await page.getByLabel('Currency').selectOption(currency)
    await page.getByRole('button', { name: 'Change currency' }).click()
    await expect.poll(() => page.getByLabel('Currency').inputValue()).toBe(currency)
  }
  await page.close()
  return context
}

describe('product cards in the visitor’s currency', () => {
  it('show the dollar price, or that a product is not sold in dollars, on a category page the same for everyone', async () => {
    const dollars = await visitorIn('USD')
    const euros = await visitorIn('EUR')

    // The page's HTML is the same for both visitors (the dollar one asks first, filling the route cache),
    // and it carries the base prices only: the visitor's currency never reaches a cached page.
    const htmlOf = async (context: BrowserContext) => {
      const response = await context.request.get(SHIRTS)
      expect(response.status()).toBe(200)
      return response.text()
    }
    const [first, second] = [await htmlOf(dollars), await htmlOf(euros)]
    expect(second).toBe(first)
    expect(first).toContain('€30.00')
    expect(first).not.toContain('US$33.00')

    // What the cards say, once the visitor's currency is in: the price line below each title.
    const cardText = (page: Page, title: string | undefined) => page.getByRole('article', { exact: true, name: title }).locator('p').first().innerText()
    const oxford = catalogue.oxford.title
    const tee = catalogue.tees.at(-1)?.title

    const page = await dollars.newPage()
    await page.goto(SHIRTS)
    await expect.poll(() => cardText(page, oxford)).toBe('US$33.00')
    await expect.poll(() => cardText(page, tee)).toBe('Not sold in USD')
    const report = await seriousA11yViolations(page)
    expect(report, `axe found serious or critical violations on the category page:\n${report}`).toBe('')
    await saveScreenshots(page, 'category-usd')

    // Search results are cards too.
    await page.goto('/search?q=oxford')
    await expect.poll(() => cardText(page, oxford)).toBe('US$33.00')

    // The German shop formats the same prices in de-DE and says so in German.
    await page.goto(`/de${SHIRTS}`)
    await expect.poll(() => cardText(page, oxford)).toBe('33,00\u00a0$')
    await expect.poll(() => cardText(page, tee)).toBe('Nicht in USD erhältlich')

    // The euro visitor, served the very same cached page, sees euros.
    const euroPage = await euros.newPage()
    await euroPage.goto(SHIRTS)
    await euroPage.locator('[data-visitor-currency="EUR"]').waitFor({ state: 'attached' })
    expect(await cardText(euroPage, oxford)).toBe('€30.00')
    expect(await cardText(euroPage, tee)).toBe('€34.00')
    await Promise.all([dollars.close(), euros.close()])
  })
})
