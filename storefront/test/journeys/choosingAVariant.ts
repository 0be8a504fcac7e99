/**
 * Choosing a variant on a product page, in the browser: with JavaScript the choice answers at once
 * (price, stock, SKU, Add to cart, the URL) and live prices follow it; without JavaScript the old
 * form still works. Registered by `journey.e2e.test.ts`, which owns the shop and the browser.
 */
import type { Page } from '@showroom/test-support'
import { describe, expect, it } from 'vitest'

import type { Catalogue } from '../fixtures/createCatalogue'
import { saveScreenshots } from '../support/browser'
import type { cmsAdmin } from '../support/cmsAdmin'

export type JourneyContext = {
  asAdmin: ReturnType<typeof cmsAdmin>
  catalogue: Catalogue
  expectAccessible: (page: Page, what: string) => Promise<void>
  newVisitorPage: (options?: { javaScriptEnabled?: boolean }) => Promise<Page>
}

const variantOf = (catalogue: Catalogue, size: string): { id: string; sku: string } => {
  const variant = catalogue.oxford.variants.find((item) => item.size === size)
  if (!variant) throw new Error(`the oxford has no ${size}`)
  return variant
}

/** What the product page shows of its offer: price, stock line, SKU, whether Add to cart is on, and the URL's variant. */
const shown = async (page: Page) => ({
  addable: await page.getByRole('button', { name: 'Add to cart' }).isEnabled(),
  price: (await page.locator('[data-price]').textContent())?.replace(/\s+/g, ' ').trim(),
  sku: (await page.locator('[data-sku]').textContent())?.trim(),
  stock: (await page.locator('[data-stock]').textContent())?.trim(),
  variant: new URL(page.url()).searchParams.get('variant'),
})

export const choosingAVariant = (journey: () => JourneyContext): void => {
  describe('choosing a variant', () => {
    it('with JavaScript shows the choice at once, keeps it in the URL across a reload, and adds that variant', async () => {
      const { catalogue, expectAccessible, newVisitorPage } = journey()
      const [s, m, l] = ['S', 'M', 'L'].map((size) => variantOf(catalogue, size))
      const page = await newVisitorPage()
      await page.goto(`/p/${catalogue.oxford.slug}`)
      const sizes = page.getByRole('group', { name: 'Size' })
      await sizes.waitFor()
      // The reload button only matters without JavaScript; the per-variant radios give way to one group per option.
      expect(await page.getByRole('button', { name: 'Show price and stock' }).count()).toBe(0)
      expect(await page.getByRole('radio', { name: 'Size: M' }).count()).toBe(0)
      expect(await shown(page)).toEqual({ addable: false, price: '€30.00', sku: 'SKU OXFORD', stock: 'In stock', variant: null })
      expect(await page.locator('[data-purchase-note]').textContent()).toBe('Choose an option above first.')
      expect(await sizes.getByRole('radio', { name: 'S — sold out' }).count()).toBe(1)
      // A reload would lose this; the choice must not reload the page.
      await page.evaluate(() => Object.assign(window, { sameDocument: true }))

      await sizes.getByLabel('M', { exact: true }).check()
      expect(await shown(page)).toEqual({ addable: true, price: '€32.00', sku: 'SKU OXFORD-M', stock: 'Only 4 left', variant: m?.id })
      expect(await page.locator('[data-purchase-note]').isHidden()).toBe(true)
      expect(await page.locator('[data-live-announcer]').textContent()).toBe('€32.00, Only 4 left.')
      expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true)
      await expectAccessible(page, 'product page with a variant chosen')
      await saveScreenshots(page, 'variant-chosen')

      await page.reload()
      await sizes.waitFor()
      expect(await sizes.getByLabel('M', { exact: true }).isChecked()).toBe(true)
      expect(await shown(page)).toEqual({ addable: true, price: '€32.00', sku: 'SKU OXFORD-M', stock: 'Only 4 left', variant: m?.id })

      await sizes.getByRole('radio', { name: 'S — sold out' }).check()
      expect(await shown(page)).toEqual({ addable: false, price: '€30.00', sku: 'SKU OXFORD-S', stock: 'Sold out', variant: s?.id })
      expect(await page.locator('[data-purchase-note]').textContent()).toBe('Sold out')
      await saveScreenshots(page, 'variant-sold-out')

      await sizes.getByLabel('L', { exact: true }).check()
      expect(await shown(page)).toEqual({ addable: true, price: '€30.00', sku: 'SKU OXFORD-L', stock: 'In stock', variant: l?.id })
      await page.getByRole('button', { name: 'Add to cart' }).click()
      await expect.poll(() => page.locator('[data-cart-status]').textContent()).toContain('Added to your cart.')
      await page.goto('/cart')
      const line = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: catalogue.oxford.title }) })
      expect(await line.textContent()).toContain('Size: L')
      expect(await line.textContent()).not.toContain('Size: M')
      await page.context().close()
    }, 60_000)

    it('marks values sold out or unavailable given the other options, and says when a combination does not exist', async () => {
      const { asAdmin, catalogue, expectAccessible, newVisitorPage } = journey()
      const selections = (size: string, colour: string) => [
        { option: 'Size', value: size },
        { option: 'Colour', value: colour },
      ]
      // S comes only in Red; M Red is sold out; M Blue costs more.
      const { doc } = await asAdmin<{ doc: { slug: string } }>('/products', {
        body: {
          _status: 'published',
          categories: [catalogue.categories.women.id],
          currency: 'EUR',
          options: [
            { name: 'Size', values: ['S', 'M'] },
            { name: 'Colour', values: ['Red', 'Blue'] },
          ],
          price: 4000,
          sku: 'DRESS',
          stock: 0,
          title: 'Wrap dress',
          variants: [
            { selections: selections('S', 'Red'), sku: 'DRESS-S-RED', stock: 3 },
            { selections: selections('M', 'Red'), sku: 'DRESS-M-RED', stock: 0 },
            { price: 4500, selections: selections('M', 'Blue'), sku: 'DRESS-M-BLUE', stock: 2 },
          ],
        },
        method: 'POST',
      })
      const page = await newVisitorPage()
      await page.goto(`/p/${doc.slug}`)
      const sizes = page.getByRole('group', { name: 'Size' })
      const colours = page.getByRole('group', { name: 'Colour' })

      await sizes.getByLabel('S', { exact: true }).check()
      expect(await colours.getByRole('radio').evaluateAll((radios) => radios.map((radio) => radio.parentElement?.textContent?.trim()))).toEqual([
        'Red',
        'Blue — unavailable',
      ])
      expect(await page.locator('[data-purchase-note]').textContent()).toBe('Now choose Colour.')
      expect((await shown(page)).addable).toBe(false)

      await colours.getByRole('radio', { name: 'Blue — unavailable' }).check()
      expect(await shown(page)).toMatchObject({ addable: false, stock: 'Unavailable', variant: null })
      expect(await page.locator('[data-purchase-note]').textContent()).toBe('That combination isn’t available. Choose another option.')
      await saveScreenshots(page, 'variant-impossible')

      await sizes.getByLabel('M', { exact: true }).check()
      expect(await shown(page)).toMatchObject({ addable: true, price: '€45.00', sku: 'SKU DRESS-M-BLUE', stock: 'Only 2 left' })
      expect(await colours.getByRole('radio', { name: 'Red — sold out' }).count()).toBe(1)
      await expectAccessible(page, 'product page with two options')
      await page.context().close()
    }, 60_000)

    it('keeps applying live price changes to the variant chosen', async () => {
      const { asAdmin, catalogue, newVisitorPage } = journey()
      const l = variantOf(catalogue, 'L')
      const page = await newVisitorPage()
      // The server answers the live stream once it is subscribed: listen before navigating.
      const stream = page.waitForResponse((response) => response.url().includes(`/live/products/${catalogue.oxford.id}`))
      await page.goto(`/p/${catalogue.oxford.slug}`)
      await stream
      const sizes = page.getByRole('group', { name: 'Size' })
      await sizes.getByLabel('L', { exact: true }).check()
      try {
        // The product's price is what L (and S) cost; M has its own.
        await asAdmin(`/products/${catalogue.oxford.id}`, { body: { price: 3100 }, method: 'PATCH' })
        await page.locator('[data-price]').filter({ hasText: '€31.00' }).waitFor({ timeout: 15_000 })
        expect(await page.locator('[data-live-announcer]').textContent()).toBe('Price now €31.00')
        expect(await shown(page)).toMatchObject({ addable: true, sku: 'SKU OXFORD-L', variant: l.id })
        await sizes.getByLabel('M', { exact: true }).check()
        expect((await shown(page)).price).toBe('€32.00')
        await sizes.getByRole('radio', { name: 'S — sold out' }).check()
        expect((await shown(page)).price).toBe('€31.00')
      } finally {
        await asAdmin(`/products/${catalogue.oxford.id}`, { body: { price: 3000 }, method: 'PATCH' })
        await page.context().close()
      }
    }, 60_000)

    it('without JavaScript still shows the variant through the form’s reload and adds it', async () => {
      const { catalogue, newVisitorPage } = journey()
      const m = variantOf(catalogue, 'M')
      const page = await newVisitorPage({ javaScriptEnabled: false })
      await page.goto(`/p/${catalogue.oxford.slug}`)
      expect(await page.getByRole('group', { name: 'Size' }).count()).toBe(0)
      expect(await page.getByRole('button', { name: 'Add to cart' }).isDisabled()).toBe(true)
      await page.getByRole('radio', { name: 'Size: M' }).check()
      await page.getByRole('button', { name: 'Show price and stock' }).click()
      await page.waitForURL(new RegExp(`\\?variant=${m.id}$`))
      expect(await shown(page)).toEqual({ addable: true, price: '€32.00', sku: 'SKU OXFORD-M', stock: 'Only 4 left', variant: m.id })
      await saveScreenshots(page, 'variant-no-js')
      await page.getByRole('button', { name: 'Add to cart' }).click()
      await page.waitForURL(/\/cart$/)
      const line = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: catalogue.oxford.title }) })
      expect(await line.textContent()).toContain('Size: M')
      await page.context().close()
    }, 60_000)
  })
}
