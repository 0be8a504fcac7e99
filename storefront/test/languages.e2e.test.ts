/**
 * The German shop (`/de/…`, docs/languages.md) against the built storefront and a real CMS holding
 * German texts: localized slugs and redirects, `hreflang`, de-DE prices, a route cache that keeps the
 * languages apart and a webhook that refreshes the German page; then a shopper in Chromium switching
 * to German on a product page, adding it to the cart and reaching a German checkout.
 */
import { randomBytes } from 'node:crypto'

import type { Browser } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { DESKTOP, saveScreenshots } from './support/browser'
import { cmsAdmin } from './support/cmsAdmin'
import type { Shop } from './support/harness'
import { startShopInBrowser } from './support/shopInBrowser'

let shop: Shop | undefined
let browser: Browser | undefined
let catalogue: Catalogue
let url: string
let asAdmin: ReturnType<typeof cmsAdmin>

/** The product page's `<h1>` text. */
const headingOf = (html: string): string | undefined => /<h1 id="product-title"[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]

const page = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${url}${path}`, { redirect: 'manual', ...init })
  return { html: await response.text(), response }
}

/** Retries `check` until it passes (a webhook reaches the storefront after the CMS's commit). */
const eventually = async (check: () => Promise<void>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

beforeAll(async () => {
  // Signed webhooks from the CMS, so a German edit reaches the cached German page.
  const secret = `whsec_${randomBytes(32).toString('base64')}`
  ;({ browser, shop } = await startShopInBrowser('languages', { cmsEnv: { STOREFRONT_WEBHOOK_SECRET: secret }, env: { WEBHOOK_SECRET: secret } }))
  ;({ catalogue, storefrontUrl: url } = shop)
  asAdmin = cmsAdmin(shop.cms.api)
  // The mug in German (the slug follows the German title); the oxford stays English only.
  await asAdmin(`/products/${catalogue.mug.id}?locale=de`, { body: { title: 'Steinzeugbecher' }, method: 'PATCH' })
}, 120_000)

afterAll(async () => {
  await Promise.all([browser?.close(), shop?.stop()])
})

describe('the German shop', () => {
  it('renders a product under its German slug in German, with hreflang alternates and de-DE prices', async () => {
    const { html, response } = await page('/de/p/steinzeugbecher')
    expect(response.status).toBe(200)
    expect(html).toMatch(/^<!DOCTYPE html><html lang="de-DE"/i)
    expect(headingOf(html)).toBe('Steinzeugbecher')
    expect(html).toContain('12,00\u00a0€')
    expect(html).toContain('In den Warenkorb')
    expect(html).toMatch(/<link rel="alternate" hreflang="en-GB" href="http:\/\/[^"]+\/p\/stoneware-mug">/)
    expect(html).toMatch(/<link rel="alternate" hreflang="de-DE" href="http:\/\/[^"]+\/de\/p\/steinzeugbecher">/)
    expect(html).toMatch(/<link rel="alternate" hreflang="x-default" href="http:\/\/[^"]+\/p\/stoneware-mug">/)
    expect(html).toMatch(/<link rel="canonical" href="http:\/\/[^"]+\/de\/p\/steinzeugbecher">/)
  })

  it('moves an English slug under /de/ to the German one (301), and keeps English addresses as they were', async () => {
    const moved = await page(`/de/p/${catalogue.mug.slug}`)
    expect(moved.response.status).toBe(301)
    expect(moved.response.headers.get('location')).toBe('/de/p/steinzeugbecher')
    const english = await page(`/p/${catalogue.mug.slug}`)
    expect(english.response.status).toBe(200)
    expect(english.html).toMatch(/^<!DOCTYPE html><html lang="en-GB"/i)
    expect(headingOf(english.html)).toBe(catalogue.mug.title)
    expect(english.html).toContain('€12.00')
    // A German slug is no English address.
    expect((await page('/p/steinzeugbecher')).response.status).toBe(404)
  })

  it('shows an untranslated product in German with its English texts, under its English slug', async () => {
    const { html, response } = await page(`/de/p/${catalogue.oxford.slug}`)
    expect(response.status).toBe(200)
    expect(headingOf(html)).toBe(catalogue.oxford.title)
    expect(html).toContain('In den Warenkorb')
  })

  it('keeps the cached German and English pages apart, and refreshes the German one after a webhook', async () => {
    for (let round = 0; round < 2; round += 1) {
      expect(headingOf((await page('/de/p/steinzeugbecher')).html)).toBe('Steinzeugbecher')
      expect(headingOf((await page(`/p/${catalogue.mug.slug}`)).html)).toBe(catalogue.mug.title)
    }
    const cached = await page('/de/p/steinzeugbecher')
    expect(cached.response.headers.get('x-astro-cache')).toBe('HIT')
    await asAdmin(`/products/${catalogue.mug.id}?locale=de`, { body: { title: 'Steinzeugtasse' }, method: 'PATCH' })
    // The German slug stays (a renamed product keeps its address); the page shows the new title.
    await eventually(async () => expect(headingOf((await page('/de/p/steinzeugbecher')).html)).toBe('Steinzeugtasse'))
    expect(headingOf((await page(`/p/${catalogue.mug.slug}`)).html)).toBe(catalogue.mug.title)
  })

  it('answers an unknown German address with a German 404 page', async () => {
    const { html, response } = await page('/de/p/gibt-es-nicht')
    expect(response.status).toBe(404)
    expect(html).toContain('Dieses Produkt haben wir nicht gefunden')
    const other = await page('/de/gibt-es-nicht')
    expect(other.response.status).toBe(404)
    expect(other.html).toContain('Diese Seite haben wir nicht gefunden')
    expect(other.html).toContain('lang="de-DE"')
  })

  it('searches in German, with German words and cards that link into the German shop', async () => {
    const { html, response } = await page('/de/search?q=steinzeugtasse')
    expect(response.status).toBe(200)
    expect(html).toMatch(/<a [^>]*href="\/de\/p\/steinzeugbecher"/)
    expect(html).toContain('Sortieren nach')
    expect(html).toMatch(/<h1[^>]*>Ergebnisse für („|&#x201E;|&bdquo;)steinzeugtasse/)
    expect(html).toContain('12,00\u00a0€')
    // The English shop does not find the German title.
    expect((await page('/search?q=steinzeugtasse')).html).not.toContain('/p/steinzeugbecher')
  })

  it('a shopper switches to German on a product page, sees German text and prices, adds to the cart and checks out in German', async () => {
    if (!browser) throw new Error('the browser did not start')
    const context = await browser.newContext({ baseURL: url, locale: 'en-GB', viewport: DESKTOP })
    context.setDefaultTimeout(10_000)
    const tab = await context.newPage()
    try {
      await tab.goto(`/p/${catalogue.mug.slug}`)
      await tab.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }).click()
      await tab.waitForURL('**/de/p/steinzeugbecher')
      expect(await tab.locator('html').getAttribute('lang')).toBe('de-DE')
      await tab.getByRole('heading', { level: 1, name: 'Steinzeugtasse' }).waitFor()
      expect(await tab.locator('[data-price]').textContent()).toContain('12,00\u00a0€')
      await tab.getByRole('button', { name: 'In den Warenkorb' }).click()
      const status = tab.locator('[data-cart-status]')
      await expect.poll(() => status.textContent()).toContain('In den Warenkorb gelegt.')
      // More than the stock (8, one already in the cart): the action's refusal in German, the product's
      // German title in it.
      await tab.getByLabel('Menge').fill('8')
      await tab.getByRole('button', { name: 'In den Warenkorb' }).click()
      await expect.poll(() => status.textContent()).toContain('Leider sind von „Steinzeugtasse“ nur noch 8 verfügbar, und 1 liegt schon in Ihrem Warenkorb.')
      await tab.getByRole('link', { name: 'Zum Warenkorb' }).click()
      await tab.waitForURL('**/de/cart')
      await tab.getByRole('heading', { level: 1, name: 'Ihr Warenkorb' }).waitFor()
      await tab.getByRole('link', { name: 'Steinzeugtasse' }).waitFor()
      // The discount box too: its words in German, its form posting back to the German cart.
      await tab.getByRole('heading', { level: 2, name: 'Rabattcode' }).waitFor()
      expect(await tab.locator('[data-discount] form').getAttribute('action')).toMatch(/^\/de\/cart\?_action=/)
      await tab.getByRole('button', { name: 'Einlösen' }).waitFor()
      await tab.getByRole('link', { name: 'Zur Kasse' }).click()
      await tab.waitForURL('**/de/checkout')
      await tab.getByRole('heading', { level: 1, name: 'Kasse' }).waitFor()
      await tab.getByLabel('Vollständiger Name').waitFor()
      expect(await tab.locator('[data-summary]').textContent()).toContain('Steinzeugtasse')
      await saveScreenshots(tab, 'languages-checkout-de')
      // The order is placed in German: stored with its locale, its line titled in German, and the shopper
      // lands on the German order page.
      await tab.getByLabel('E-Mail').fill('kundin@example.test')
      await tab.getByLabel('Vollständiger Name').fill('Erika Muster')
      await tab.getByLabel('Adresse', { exact: true }).fill('Torstraße 1')
      await tab.getByLabel('Postleitzahl').fill('10119')
      await tab.getByLabel('Ort').fill('Berlin')
      await tab.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click()
      await tab.waitForURL('**/de/order/**')
      await tab.getByRole('heading', { level: 1, name: 'Vielen Dank für Ihre Bestellung' }).waitFor()
      expect(await tab.locator('html').getAttribute('lang')).toBe('de-DE')
      // The whole page in German: its number, status, what to pay by when, the totals and the address.
      const page = await tab.locator('main').innerText()
      expect(page).toMatch(/Bestellnummer SR-\S+, aufgegeben am .+\. Status: Zahlung ausstehend\./)
      expect(page).toMatch(/Bitte zahlen Sie bis .+ per Banküberweisung/)
      expect(page).toContain('Zwischensumme')
      expect(page).toContain('Deutschland')
      expect(page).not.toMatch(/Order number|Awaiting payment|Please pay|Shipping|Germany/)
      const { docs } = await asAdmin<{ docs: Array<{ email: string; items: Array<{ title: string }>; locale: string }> }>('/orders?sort=-createdAt&limit=1&depth=0')
      expect(docs[0]).toMatchObject({ email: 'kundin@example.test', items: [{ title: 'Steinzeugtasse' }], locale: 'de' })
    } finally {
      await context.close()
    }
  })
})
