/**
 * A customer returns part of a delivered order from its page, in Chromium: she chooses how many to send
 * back and why, the page confirms the request; staff accept it in the CMS (refunded through the payment
 * provider, the goods back on sale), and her order page shows the refund and the accepted return.
 */
import type { Browser } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { DESKTOP, saveScreenshots, seriousA11yViolations } from './support/browser'
import { checkoutForm } from './support/checkoutForm'
import { cmsAdmin } from './support/cmsAdmin'
import type { Shop } from './support/harness'
import { startShopInBrowser } from './support/shopInBrowser'
import { visitor } from './support/visitor'

let shop: Shop | undefined
let browser: Browser | undefined
let catalogue: Catalogue
let url: string
let asAdmin: ReturnType<typeof cmsAdmin>

beforeAll(async () => {
  ;({ browser, shop } = await startShopInBrowser('returns'))
  ;({ catalogue, storefrontUrl: url } = shop)
  asAdmin = cmsAdmin(shop.cms.api)
}, 120_000)

afterAll(async () => {
  await Promise.all([browser?.close(), shop?.stop()])
})

type Order = { refundedTotal: number; returnRequests: Array<{ id: string; status: string }>; total: number }
const stockOf = async (id: number): Promise<number> => (await asAdmin<{ stock: number }>(`/products/${id}?depth=0`)).stock

describe('returning delivered items', () => {
  it('the customer asks on her order page; once staff accept, the page shows the refund', async () => {
    if (!browser) throw new Error('the browser did not start')
    // Placed through the storefront's own forms (test card: paid at once), then delivered by staff.
    const guest = visitor(url)
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 2 })
    const placed = await guest.post('/checkout?_action=checkout.place', checkoutForm('returner@example.test'))
    expect(placed.status).toBe(303)
    const orderPath = placed.headers.get('location') ?? ''
    const orderId = Number(orderPath.split('/').pop())
    for (const status of ['fulfilled', 'shipped', 'delivered']) await asAdmin(`/orders/${orderId}/status`, { body: { status }, method: 'POST' })

    // The same visitor (her session holds the order's guest token) in Chromium.
    const context = await browser.newContext({ baseURL: url, locale: 'en-GB', viewport: DESKTOP })
    context.setDefaultTimeout(10_000)
    await context.addCookies([...guest.cookies].map(([name, value]) => ({ name, url, value })))
    const page = await context.newPage()
    await page.goto(orderPath)
    const form = page.getByRole('region', { name: 'Return items' })
    await form.getByLabel(/How many “Stoneware mug”/).fill('1')
    await form.getByLabel('Why are you returning them?').fill('It arrived chipped')
    await form.getByRole('button', { name: 'Request return' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your return request was sent' }).count()).toBe(1)
    expect(await page.locator('[data-return-requests]').textContent()).toMatch(/1 × Stoneware mug — waiting for our answer/)
    // One mug is asked back already: the form offers the other one only.
    expect(await form.getByLabel(/How many “Stoneware mug”/).getAttribute('max')).toBe('1')
    expect(await seriousA11yViolations(page)).toBe('')

    const stockBefore = await stockOf(catalogue.mug.id)
    const order = await asAdmin<Order>(`/orders/${orderId}?depth=0`)
    const [request] = order.returnRequests
    expect(request?.status).toBe('requested')
    await asAdmin(`/orders/${orderId}/returns/${request?.id}`, { body: { decision: 'accept' }, method: 'POST' })
    expect(await stockOf(catalogue.mug.id)).toBe(stockBefore + 1)

    await page.reload()
    expect(await page.locator('[data-return-requests]').textContent()).toMatch(/1 × Stoneware mug — accepted and refunded/)
    expect(await page.locator('[data-refunds]').textContent()).toMatch(/€12\.00 for 1 × Stoneware mug \(It arrived chipped\)/)
    expect(await page.locator('[data-refunded-total]').textContent()).toBe('−€12.00')
    await saveScreenshots(page, 'order-return-accepted')
    await context.close()
  })
})
