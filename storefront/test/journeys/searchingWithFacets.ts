/**
 * Searching and narrowing with facets in the browser, without JavaScript (a plain GET form): counts
 * beside every value, values that find nothing left out, choices combined and kept in the URL in one
 * order, a typo forgiven. Registered by `journey.e2e.test.ts`, which owns the shop and the browser.
 */
import type { Page } from '@showroom/test-support'
import { describe, expect, it } from 'vitest'

import { saveScreenshots } from '../support/browser'
import type { JourneyContext } from './choosingAVariant'

/** The values a facet group offers, each with the count shown beside it (`M (1)`). */
const offered = async (page: Page, group: string): Promise<string[]> =>
  page
    .getByRole('form', { name: 'Filter and sort' })
    .getByRole('group', { name: group, exact: true })
    .locator('li')
    .evaluateAll((items) => items.map((item) => (item.textContent ?? '').replace(/\s+/g, ' ').trim()))

const status = async (page: Page): Promise<string> => ((await page.getByRole('status').first().textContent()) ?? '').trim()

export const searchingWithFacets = (journey: () => JourneyContext): void => {
  describe('searching with facets, without JavaScript', () => {
    it('narrows a search by category, size and price with counts, and keeps the choices in one URL', async () => {
      const { catalogue, expectAccessible, newVisitorPage } = journey()
      const page = await newVisitorPage({ javaScriptEnabled: false })
      await page.goto('/search')
      // A typo: "shrit" finds the shirts, and says so.
      const searchbox = page.getByRole('searchbox', { name: 'Search products by name, description or SKU' })
      await searchbox.fill('shrit')
      await searchbox.press('Enter')
      await page.getByText('Showing results for “shirt”').waitFor()
      expect(await status(page)).toBe('2 products found')
      expect(await offered(page, 'Category')).toEqual(['Clothing (2)', 'Men (2)', 'Shirts (1)'])
      // The oxford is the only shirt with sizes; the linen shirt has none. Nothing finds €0–€25: not offered.
      expect(await offered(page, 'Size')).toEqual(['L (1)', 'M (1)', 'S (1)'])
      expect(await offered(page, 'Price')).toEqual(['€25.00 – €50.00 (2)'])

      const filters = page.getByRole('form', { name: 'Filter and sort' })
      await filters.getByRole('group', { name: 'Category' }).getByLabel('Shirts', { exact: true }).check()
      await filters.getByRole('group', { name: 'Size' }).getByLabel('M', { exact: true }).check()
      await filters.getByRole('button', { name: 'Apply' }).click()
      await page.waitForURL(/category=/)
      // Empty fields dropped, parameters in the listing's one order.
      expect(new URL(page.url()).search).toBe(`?q=shrit&category=${catalogue.categories.shirts.slug}&option=Size%3AM`)
      expect(await status(page)).toBe('1 product found')
      expect(await page.getByRole('link', { name: catalogue.oxford.title }).count()).toBe(1)
      // Each facet still counts what choosing another of its values would find (its own choice left out).
      expect(await offered(page, 'Size')).toEqual(['L (1)', 'M (1)', 'S (1)'])
      expect(await offered(page, 'Category')).toEqual(['Clothing (1)', 'Men (1)', 'Shirts (1)'])
      // axe runs as a page script: audit the same page with JavaScript on.
      const audited = await newVisitorPage()
      await audited.goto(page.url())
      await expectAccessible(audited, 'search page with facets')
      await saveScreenshots(audited, 'search-facets')
    })

    it('shows the category page’s facets with counts and combines a price band with in-stock', async () => {
      const { catalogue, newVisitorPage } = journey()
      const page = await newVisitorPage({ javaScriptEnabled: false })
      await page.goto('/c/clothing/men/shirts')
      expect(await status(page)).toBe('26 products')
      // Tees €10…€34 and the oxford from €30: €0–€25 holds tees 01…15, €25–€50 tees 16…25 and the oxford.
      expect(await offered(page, 'Price')).toEqual(['€0.00 – €25.00 (15)', '€25.00 – €50.00 (11)'])
      const filters = page.getByRole('form', { name: 'Filter and sort' })
      await filters.getByRole('group', { name: 'Price' }).getByLabel('€25.00 – €50.00', { exact: true }).check()
      await filters.getByLabel('In stock only').check()
      await filters.getByRole('button', { name: 'Apply' }).click()
      await page.waitForURL(/inStock=1/)
      expect(new URL(page.url()).search).toBe('?price=25-50&inStock=1')
      // Every fifth tee is sold out: 20 and 25 here (5, 10 and 15 in the other band).
      expect(await status(page)).toBe('9 products')
      expect(await offered(page, 'Price')).toEqual(['€0.00 – €25.00 (12)', '€25.00 – €50.00 (9)'])
      expect(await page.getByRole('link', { name: catalogue.oxford.title }).count()).toBe(1)
    })
  })
}
