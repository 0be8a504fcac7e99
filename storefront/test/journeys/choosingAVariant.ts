/**
 * Choosing a variant on a product page, in the browser: with JavaScript the choice answers at once
 * (price, stock, SKU, Add to cart, the URL) and live prices follow it; without JavaScript the old
 * form still works. Registered by `journey.e2e.test.ts`, which owns the shop and the browser.
 */
import type { Page } from '@showroom/test-support'
import { describe, expect, it } from 'vitest'

import type { Catalogue } from '../fixtures/createCatalogue'
import { solidPng } from '../fixtures/solidPng'
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
      // Its variants have no images of their own: the product's stays.
      expect(await page.locator('[data-gallery] img').evaluateAll((images) => images.map((image) => image.getAttribute('alt')))).toEqual([catalogue.onSale.imageAlt])
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

    it('marks values sold out or unavailable given the other options, says when a combination does not exist, and shows a variant’s own image', async () => {
      const { asAdmin, catalogue, expectAccessible, newVisitorPage } = journey()
      const selections = (size: string, colour: string) => [
        { option: 'Size', value: size },
        { option: 'Colour', value: colour },
      ]
      const upload = new FormData()
      upload.set('file', new Blob([new Uint8Array(solidPng(600, 750, [30, 60, 170]))], { type: 'image/png' }), 'wrap-dress-blue.png')
      upload.set('_payload', JSON.stringify({ alt: 'Wrap dress in blue' }))
      const blue = await asAdmin<{ doc: { id: number } }>('/media', { body: upload, method: 'POST' })
      // No product images. S comes only in Red; M Red is sold out; M Blue costs more and has its own image.
      const { doc } = await asAdmin<{ doc: { slug: string; variants: Array<{ id: string; sku: string }> } }>('/products', {
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
            { image: blue.doc.id, price: 4500, selections: selections('M', 'Blue'), sku: 'DRESS-M-BLUE', stock: 2 },
          ],
        },
        method: 'POST',
      })
      const page = await newVisitorPage()
      await page.goto(`/p/${doc.slug}`)
      const sizes = page.getByRole('group', { name: 'Size' })
      const colours = page.getByRole('group', { name: 'Colour' })
      const placeholder = page.locator('[data-placeholder]')
      const blueImage = page.getByRole('img', { name: 'Wrap dress in blue' })
      expect(await placeholder.isVisible()).toBe(true)

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
      // The variant's own image, in place of the placeholder, loaded from the CMS.
      await blueImage.waitFor()
      expect(await placeholder.isHidden()).toBe(true)
      await expect.poll(() => blueImage.evaluate((img) => img instanceof HTMLImageElement && img.complete ? img.naturalWidth : 0)).toBeGreaterThan(0)
      await expectAccessible(page, 'product page with two options')
      await saveScreenshots(page, 'variant-image')

      // A reload (or a shared link) shows the same variant and image from the server.
      const mBlue = doc.variants.find((item) => item.sku === 'DRESS-M-BLUE')
      expect(new URL(page.url()).searchParams.get('variant')).toBe(mBlue?.id)
      await page.reload()
      await blueImage.waitFor()
      expect(await shown(page)).toMatchObject({ addable: true, price: '€45.00', sku: 'SKU DRESS-M-BLUE' })
      // Another choice without an image of its own: the product's (here, the placeholder) again.
      await colours.getByRole('radio', { name: 'Red — sold out' }).check()
      expect(await blueImage.count()).toBe(0)
      expect(await placeholder.isVisible()).toBe(true)
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
