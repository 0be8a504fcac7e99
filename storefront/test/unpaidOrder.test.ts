/**
 * An unpaid bank-transfer order, end to end: the storefront shows by when to pay; when the hold runs
 * out, the CMS's sweeper cancels the order, its webhook reaches the storefront, the open order page's
 * live stream says cancelled, and the page explains why. Real CMS process (REST API server) sending
 * signed webhooks to the built storefront.
 */
import { randomBytes } from 'node:crypto'

import { runSql } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { checkoutForm } from './support/checkoutForm'
import { cmsAdmin } from './support/cmsAdmin'
import { decodeEntities, type Shop, startShop } from './support/harness'
import { openEventStream } from './support/liveClient'
import { visitor } from './support/visitor'

const secret = `whsec_${randomBytes(32).toString('base64')}`

let shop: Shop | undefined
let catalogue: Catalogue
let url: string
let asAdmin: ReturnType<typeof cmsAdmin>

beforeAll(async () => {
  shop = await startShop('unpaid_order', {
    cmsEnv: { STOREFRONT_WEBHOOK_SECRET: secret, UNPAID_ORDER_SWEEP_INTERVAL_MS: '200', WEBHOOK_POLL_INTERVAL_MS: '200' },
    env: { WEBHOOK_SECRET: secret },
  })
  ;({ catalogue, storefrontUrl: url } = shop)
  asAdmin = cmsAdmin(shop.cms.api)
}, 120_000)

afterAll(async () => {
  await shop?.stop()
})

const stockOf = async (id: number): Promise<number> => (await asAdmin<{ stock: number }>(`/products/${id}?depth=0`)).stock
const noteOn = (html: string): string | undefined => decodeEntities(html.match(/data-payment-note="\w+"[^>]*>([^<]*)</)?.[1] ?? '') || undefined

describe('an unpaid bank-transfer order', () => {
  it('shows by when to pay, and once the hold runs out, is cancelled live and says why; the stock is back', async () => {
    const guest = visitor(url)
    const stockBefore = await stockOf(catalogue.mug.id)
    await guest.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 2 })
    const placed = await guest.post('/checkout?_action=checkout.place', checkoutForm('transfer@example.test', { payment: 'manual' }))
    expect(placed.status).toBe(303)
    const location = placed.headers.get('location') ?? ''
    const orderId = Number(location.split('/').pop())
    expect(await stockOf(catalogue.mug.id)).toBe(stockBefore - 2)

    const pending = await guest.get(location)
    expect(pending.html).toMatch(/data-order-status="pending"/)
    expect(noteOn(pending.html)).toMatch(/^Please pay by bank transfer by .+: .* If it has not arrived by then, the order is cancelled\.$/)

    const cookie = [...guest.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const stream = await openEventStream(`${url}/live/orders/${orderId}`, { cookie })
    expect(stream.response.status).toBe(200)
    try {
      // The hold runs out: the CMS's own sweeper (every 200 ms here) does the rest.
      await runSql(shop?.databaseUrl ?? '', `update orders set payment_due_at = now() - interval '1 minute' where id = $1`, [orderId])
      const message = await stream.next(30_000)
      expect([message.event, JSON.parse(message.data)]).toMatchObject(['status', { status: 'cancelled', type: 'status' }])
    } finally {
      stream.close()
    }

    const cancelled = await guest.get(location)
    expect(cancelled.html).toMatch(/data-order-status="cancelled"/)
    expect(noteOn(cancelled.html)).toBe('We did not receive your payment in time, so this order was cancelled and its items were released.')
    expect(cancelled.html).toContain('(not paid in time)')
    expect(await stockOf(catalogue.mug.id)).toBe(stockBefore)
  })
})
