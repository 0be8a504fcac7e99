/**
 * A discount code in the browser: the cart applies it (or says why not) and shows the saving the CMS
 * computed, checkout shows it, and the placed order carries it. Registered by `journey.e2e.test.ts`,
 * which owns the shop and the browser.
 */
import { describe, expect, it } from 'vitest'

import { saveScreenshots } from '../support/browser'
import type { JourneyContext } from './choosingAVariant'

export const applyingADiscountCode = (journey: () => JourneyContext): void => {
  describe('a discount code', () => {
    it('is refused with its reason, applied with its saving, removed, and placed with the order', async () => {
      const { asAdmin, catalogue, expectAccessible, newVisitorPage } = journey()
      // Codes only: an automatic promotion would change the other journeys' totals.
      await asAdmin('/promotions', {
        body: { appliesTo: 'items', categories: [catalogue.categories.home.id], code: 'HOME10', kind: 'percentage', minimumSubtotals: [{ amount: 2000, currency: 'EUR' }], percentage: 10, title: 'Home week' },
        method: 'POST',
      })
      await asAdmin('/promotions', { body: { code: 'LASTYEAR', endsAt: '2025-01-01T00:00:00.000Z', kind: 'percentage', percentage: 50, title: 'Old sale' }, method: 'POST' })
      const page = await newVisitorPage()
      await page.goto(`/p/${catalogue.mug.slug}`)
      await page.getByRole('button', { name: 'Add to cart' }).click()
      await expect.poll(() => page.locator('[data-cart-status]').textContent()).toContain('Added to your cart.')
      await page.goto('/cart')
      const notices = page.locator('[data-notice]')
      const discount = page.getByRole('region', { name: 'Discount code' })

      const apply = async (code: string): Promise<void> => {
        await discount.getByLabel('Code').fill(code)
        await discount.getByRole('button', { name: 'Apply' }).click()
        await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor()
      }
      await apply('lastyear')
      expect(await notices.allTextContents()).toEqual(['Code “lastyear” was not applied: This code has expired.'])
      await apply('home10')
      expect(await notices.allTextContents()).toEqual(['Code “home10” was not applied: This code needs a subtotal of at least €20.00.'])
      expect(await page.locator('[data-saving]').count()).toBe(0)

      // Two mugs (€24.00) reach the minimum: 10 % off, as the CMS computed it.
      await page.getByLabel('Quantity').fill('2')
      await page.getByRole('button', { name: 'Update' }).click()
      await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor()
      await apply('home10')
      expect(await notices.allTextContents()).toEqual(['Code “HOME10” applied: you save €2.40.'])
      expect(await discount.locator('[data-applied-code]').textContent()).toBe('HOME10')
      expect((await discount.locator('[data-promotion] > span').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(['Home week (HOME10)', '−€2.40'])
      expect((await discount.locator('[data-saving]').textContent())?.replace(/\s+/g, ' ').trim()).toBe('You save €2.40')
      await expectAccessible(page, 'cart page with a code')
      await saveScreenshots(page, 'cart-discount')

      // Removed, the saving goes; applied again for checkout.
      await discount.getByRole('button', { name: 'Remove code' }).click()
      await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor()
      expect(await page.locator('[data-saving]').count()).toBe(0)
      await apply('HOME10')

      await page.getByRole('link', { name: 'Go to checkout' }).click()
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor()
      const summary = page.locator('[data-summary]')
      expect(await summary.locator('[data-applied-code]').textContent()).toBe('HOME10')
      expect((await summary.locator('[data-saving]').textContent())?.replace(/\s+/g, ' ').trim()).toBe('You save €2.40')
      // Checkout has the same form: removed and applied again there, the page comes back to checkout.
      await summary.getByRole('button', { name: 'Remove code' }).click()
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor()
      expect(await summary.locator('[data-saving]').count()).toBe(0)
      await summary.getByLabel('Code', { exact: true }).fill('nope')
      await summary.getByRole('button', { name: 'Apply' }).click()
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor()
      expect(await page.locator('[data-notice="error"]').textContent()).toContain('Code “nope” was not applied: This code is not valid.')
      await summary.getByLabel('Code', { exact: true }).fill('home10')
      await summary.getByRole('button', { name: 'Apply' }).click()
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor()
      expect((await summary.locator('[data-saving]').textContent())?.replace(/\s+/g, ' ').trim()).toBe('You save €2.40')
      const email = `discount-${Date.now()}@example.test`
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Full name').fill('Dora Discount')
      await page.getByLabel('Address', { exact: true }).fill('Torstraße 1')
      await page.getByLabel('Postal code').fill('10119')
      await page.getByLabel('City').fill('Berlin')
      await page.getByRole('radio', { name: /Standard/ }).check()
      await page.getByRole('radio', { name: /Test card/ }).check()
      await page.getByLabel('Card number').fill('4242 4242 4242 4242')
      await page.getByLabel('Expiry (MM/YY)').fill('12/40')
      await page.getByLabel('Security code (CVC)').fill('123')
      await expectAccessible(page, 'checkout page with a code')
      await saveScreenshots(page, 'checkout-discount')
      await page.getByRole('button', { name: 'Place order' }).click()

      await page.waitForURL(/\/order\/\d+$/)
      await page.getByRole('heading', { level: 1, name: 'Thank you for your order' }).waitFor()
      expect(await page.locator('[data-discount-total]').textContent()).toBe('−€2.40')
      // €24.00 − €2.40 + standard shipping €4.90.
      expect(await page.locator('[data-total]').textContent()).toContain('€26.50')
      await saveScreenshots(page, 'confirmation-discount')
      const orders = await asAdmin<{ docs: Array<{ discountTotal: number; promotions: Array<{ code: string }>; total: number }> }>(
        `/orders?depth=0&where[email][equals]=${encodeURIComponent(email)}`,
      )
      expect(orders.docs).toMatchObject([{ discountTotal: 240, promotions: [{ code: 'HOME10' }], total: 2650 }])
    })
  })
}
