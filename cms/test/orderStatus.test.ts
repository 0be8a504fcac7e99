import { sql } from '@payloadcms/db-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { waitForLockWaiters } from '@showroom/test-support'

import { createOrderLinkToken, NEXT_STATUSES, ORDER_STATUSES, type OrderStatus, sanitizeConfig, sweepUnpaidOrders } from '@showroom/payload-commerce'
import { type Actors, createActors } from './actors'
import { makeOverdue, placeOrder } from './overdueOrders'
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './smtpServer'
import { startTestCms, TEST_SERVER_URL, TEST_STOREFRONT_URL, type TestCms } from './startTestCms'

let cms: TestCms
let smtp: TestSmtpServer
const STAFF = 'orders@shop.test'
const BANK = 'Showroom <Ltd> · IBAN FR76 3000 6000 0112 3456 7890 189'
let actors: Actors
let mug = 0

/** The shortest allowed path from pending to each status. */
const PATH_TO: Record<OrderStatus, OrderStatus[]> = {
  cancelled: ['cancelled'],
  delivered: ['paid', 'fulfilled', 'shipped', 'delivered'],
  fulfilled: ['paid', 'fulfilled'],
  paid: ['paid'],
  pending: [],
  refunded: ['paid', 'refunded'],
  shipped: ['paid', 'fulfilled', 'shipped'],
}

const stock = async () => (await cms.payload.findByID({ collection: 'products', depth: 0, id: mug })).stock

/** A real bank-transfer order for the mug, optionally as a signed-in customer; returns its id and guest token. */
const place = (quantity = 1, token?: string) => placeOrder(cms, mug, { quantity, token })

const changeStatus = (id: number, status: string, init: { headers?: Record<string, string>; token?: string } = {}) =>
  cms.api(`/orders/${id}/status`, { body: JSON.stringify({ status }), headers: init.headers, method: 'POST', token: init.token })

beforeAll(async () => {
  // Every email of this CMS goes through a real SMTP server, with a password that needs encoding in the URL.
  smtp = await startSmtpServer({ password: 'p@ss:w/rd', user: 'shop' })
  // Retries come quickly here, so an email refused once arrives within the test.
  cms = await startTestCms('order_status', { bankTransferDetails: BANK, orderNoticeEmail: STAFF, smtpUrl: smtp.url, webhooks: { retry: { initialDelayMs: 100, maxDelayMs: 500 } } })
  actors = await createActors(cms)
  mug = (
    await cms.payload.create({
      collection: 'products',
      data: { _status: 'published', currency: 'EUR', price: 1000, sku: 'MUG', stock: 1000, title: 'Mug' },
    })
  ).id
})
afterAll(async () => {
  await cms?.close()
  await smtp?.close()
})

describe('order emails', () => {
  const HOSTILE = '<b>"Tom & Jerry"</b>'
  let hostileMug = 0

  beforeAll(async () => {
    hostileMug = (
      await cms.payload.create({
        collection: 'products',
        data: { _status: 'published', currency: 'EUR', price: 1250, sku: 'MUG-EVIL', stock: 100, title: `Mug ${HOSTILE}` },
      })
    ).id
  })

  /** A bank-transfer order placed by a guest whose name and email are her own. */
  const placeAs = async (email: string, locale?: 'de' | 'en', country = 'FR'): Promise<{ id: number; orderNumber: string }> => {
    const response = await cms.api('/orders', {
      body: JSON.stringify({
        email,
        ...(locale ? { locale } : {}),
        items: [{ product: hostileMug, quantity: 2 }],
        payment: { method: 'manual' },
        shippingAddress: { city: 'Paris', country, line1: '1 Rue', name: HOSTILE, postalCode: '75001' },
        shippingMethod: 'standard',
      }),
      method: 'POST',
    })
    expect(response.status).toBe(201)
    return ((await response.json()) as { order: { id: number; orderNumber: string } }).order
  }

  const mailsTo = (address: string, subject: string): ReceivedMail[] =>
    smtp.received.filter(({ envelopeTo, mail }) => envelopeTo.includes(address) && mail.subject === subject)

  /** Waits until the SMTP server has received the message, and returns it. */
  const arrived = (address: string, subject: string) =>
    vi.waitFor(
      () => {
        const [first] = mailsTo(address, subject)
        if (!first) throw new Error(`no "${subject}" to ${address} yet; received: ${smtp.received.map(({ mail }) => mail.subject).join(' | ')}`)
        return first.mail
      },
      { interval: 50, timeout: 20_000 },
    )

  /** The storefront order link in an email's text (with its `?t=` token, if any). */
  const linkIn = (text: string, orderId: number): string => {
    const link = new RegExp(`${TEST_STOREFRONT_URL}/order/${orderId}(\\?t=[\\w.-]+)?(?=\\s|$)`).exec(text)?.[0]
    if (!link) throw new Error(`no link to order ${orderId} in:\n${text}`)
    return link
  }

  /** Reads an order through the REST API as an anonymous caller holding `token` in `X-Order-Token`. */
  const readWith = (orderId: number, token: string) => cms.api(`/orders/${orderId}?depth=0`, { headers: { 'X-Order-Token': token } })

  it('confirms a bank-transfer order to the customer, escaped, with the payment instructions, and tells staff', async () => {
    const customer = 'ann@example.test'
    const order = await placeAs(customer)
    const stored = await cms.payload.findByID({ collection: 'orders', depth: 0, id: order.id })
    const reference = stored.payment?.reference ?? ''
    expect(reference).not.toBe('')

    const confirmation = await arrived(customer, `Order ${order.orderNumber} confirmed`)
    // A guest order's link carries its read-only token (see "order links" below).
    const orderUrl = linkIn(confirmation.text ?? '', order.id)
    expect(orderUrl).toMatch(new RegExp(`^${TEST_STOREFRONT_URL}/order/${order.id}\\?t=`))
    expect(confirmation.from?.text).toContain('shop@showroom.local')
    // Plain text: the lines, totals (2 × €12.50 + €4.90 shipping), address, instructions and link, as typed.
    expect(confirmation.text).toContain(`2 × Mug ${HOSTILE} [MUG-EVIL]  €25.00`)
    expect(confirmation.text).toContain('Total: €29.90')
    expect(confirmation.text).toContain(`Shipping to:\n${HOSTILE}\n1 Rue\n75001 Paris\nFR`)
    expect(confirmation.text).toContain(`Please transfer €29.90 to ${BANK} by `)
    expect(confirmation.text).toContain(`quoting the reference ${reference}`)
    expect(confirmation.text).toContain(orderUrl)
    // HTML: what the customer typed is text, never markup.
    const html = String(confirmation.html)
    expect(html).not.toContain(HOSTILE)
    expect(html).toContain('Mug &lt;b&gt;&quot;Tom &amp; Jerry&quot;&lt;/b&gt;')
    expect(html).toContain(`href="${orderUrl}"`)
    expect(html).toContain(reference)
    expect(html).toContain('Showroom &lt;Ltd&gt; · IBAN FR76')

    const notice = await arrived(STAFF, `New order ${order.orderNumber}`)
    expect(notice.text).toContain(`Customer: ${customer}`)
    expect(notice.text).toContain(`${TEST_SERVER_URL}/admin/collections/orders/${order.id}`)
    // The staff notice goes to staff only, and the confirmation to the customer only.
    expect(mailsTo(customer, `New order ${order.orderNumber}`)).toHaveLength(0)
  })

  it('writes a German order’s customer emails in German, with German prices and dates and links to the German order page', async () => {
    const customer = 'gerda@example.test'
    const order = await placeAs(customer, 'de')
    const stored = await cms.payload.findByID({ collection: 'orders', depth: 0, id: order.id })
    expect(stored.locale).toBe('de')
    const reference = stored.payment?.reference ?? ''

    const confirmation = await arrived(customer, `Bestellung ${order.orderNumber} bestätigt`)
    const text = confirmation.text ?? ''
    // de-DE money: 25,00 € (a no-break space before the sign).
    expect(text).toContain('Vielen Dank für Ihre Bestellung.')
    expect(text).toContain(`2 × Mug ${HOSTILE} [MUG-EVIL]  25,00\u00a0€`)
    expect(text).toContain('Gesamt: 29,90\u00a0€')
    expect(text).toContain(`Lieferung an:\n${HOSTILE}\n1 Rue\n75001 Paris\nFR`)
    // The due date the German way (7. Dezember 2026 um 14:30), in UTC.
    expect(text).toMatch(new RegExp(`Bitte überweisen Sie 29,90\u00a0€ an .+ bis \\d{1,2}\\. \\p{L}+ \\d{4}.*\\(UTC\\) mit dem Verwendungszweck ${reference}\\.`, 'u'))
    const link = new RegExp(`${TEST_STOREFRONT_URL}/de/order/${order.id}\\?t=[\\w.-]+`).exec(text)?.[0] ?? ''
    expect(link, text).not.toBe('')
    expect(text).toContain(`Bestellung ansehen: ${link}`)
    const html = String(confirmation.html)
    expect(html).toContain('<html lang="de-DE">')
    expect(html).toContain(`href="${link}"`)
    expect(html).toContain('Bestellung ansehen</a>')
    expect(html).not.toContain('View your order')
    // The link's token opens this order, as an English one's does.
    expect((await readWith(order.id, new URL(link).searchParams.get('t') ?? '')).status).toBe(200)

    // Staff read the notice of a German order in English.
    const notice = await arrived(STAFF, `New order ${order.orderNumber}`)
    expect(notice.text).toContain(`Customer: ${customer}`)
    expect(notice.text).toContain('Total: €29.90')

    // The later emails speak German too.
    expect((await changeStatus(order.id, 'paid', { token: actors.admin.token })).status).toBe(200)
    const paid = await arrived(customer, `Zahlung für Bestellung ${order.orderNumber} erhalten`)
    expect(paid.text).toContain('Ihre Zahlung ist eingegangen.')
    expect(paid.text).toContain(`${TEST_STOREFRONT_URL}/de/order/${order.id}?t=`)
    expect(mailsTo(customer, `Payment received for order ${order.orderNumber}`)).toHaveLength(0)
  })

  it('lists the shipping method by name and the tax charged per rate before the total, so the figures add up', async () => {
    await cms.payload.create({ collection: 'tax-rates', data: { country: 'AT', name: 'USt', rate: 20 } })
    // Staff gave the standard method a German label (express keeps its English one).
    const [zone] = (await cms.payload.find({ collection: 'shipping-zones', depth: 0, limit: 1, where: { everywhereElse: { equals: true } } })).docs
    if (!zone) throw new Error('no default zone')
    const methods = (zone.methods ?? []).map((method) => ({ ...method, label: method.code === 'standard' ? 'Standard (3–5 Werktage)' : undefined }))
    await cms.payload.update({ collection: 'shipping-zones', data: { methods }, id: zone.id, locale: 'de' })
    const customer = 'tom@example.test'
    const order = await placeAs(customer, 'de', 'AT')
    const text = (await arrived(customer, `Bestellung ${order.orderNumber} bestätigt`)).text ?? ''
    // 2 × 12,50 € and 4,90 € shipping, 20 % on each: 5,00 € + 0,98 €.
    // The method as the zone names it, in the order's language; staff read its English name.
    expect(text).toContain('Versand – Standard (3–5 Werktage): 4,90\u00a0€\nUSt 20 %: 5,98\u00a0€\nGesamt: 35,88\u00a0€')
    const notice = await arrived(STAFF, `New order ${order.orderNumber}`)
    expect(notice.text).toContain('Shipping – Standard (3–5 working days): €4.90\nUSt 20 %: €5.98\nTotal: €35.88')
  })

  describe('order links', () => {
    const tokenOf = (link: string): string => new URL(link).searchParams.get('t') ?? ''

    it('a guest’s link opens her order through the API, read-only, and no other order', async () => {
      const [mine, other] = [await placeAs('gil@example.test'), await placeAs('hal@example.test')]
      const token = tokenOf(linkIn((await arrived('gil@example.test', `Order ${mine.orderNumber} confirmed`)).text ?? '', mine.id))
      expect(token).not.toBe('')

      const opened = await readWith(mine.id, token)
      expect(opened.status).toBe(200)
      expect(await opened.json()).toMatchObject({ email: 'gil@example.test', id: mine.id, orderNumber: mine.orderNumber })
      // Another order, even with its id swapped in, stays closed; so does the list beyond her order.
      expect((await readWith(other.id, token)).status).toBe(404)
      const listed = (await (await cms.api('/orders?depth=0&limit=100', { headers: { 'X-Order-Token': token } })).json()) as { docs: Array<{ id: number }> }
      expect(listed.docs.map(({ id }) => id)).toEqual([mine.id])
      // Reading is all it does: it cancels nothing (the checkout's guest token may).
      const cancel = await changeStatus(mine.id, 'cancelled', { headers: { 'X-Order-Token': token } })
      expect(cancel.status).toBe(403)
      expect(((await cancel.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/only shows the order/)
      expect((await cms.payload.findByID({ collection: 'orders', id: mine.id })).status).toBe('pending')
    })

    it('refuses a tampered, forged, expired or misplaced token like no token at all', async () => {
      const order = await placeAs('ida@example.test')
      const token = tokenOf(linkIn((await arrived('ida@example.test', `Order ${order.orderNumber} confirmed`)).text ?? '', order.id))
      const [header = '', claims = '', signature = ''] = token.split('.')
      const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`
      const otherClaims = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), sub: String(order.id + 1) })).toString('base64url')
      const day = 24 * 60 * 60 * 1000
      const lifetimeDays = sanitizeConfig({}).guestTokenLifetimeDays
      const refused = {
        expired: await createOrderLinkToken(cms.payload.secret, order.id, { issuedAt: new Date(Date.now() - (lifetimeDays * day + 60_000)), lifetimeDays }),
        forged: await createOrderLinkToken('another-shop-secret', order.id, { lifetimeDays }),
        retargeted: `${header}.${otherClaims}.${signature}`,
        tampered: `${header}.${claims}.${flipped}`,
        unsigned: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${claims}.`,
      }
      for (const [kind, bad] of Object.entries(refused)) expect([kind, (await readWith(order.id, bad)).status]).toEqual([kind, 403])
      // The same minting, still within its lifetime, opens it: the refusals above are about the token.
      const fresh = await createOrderLinkToken(cms.payload.secret, order.id, { issuedAt: new Date(Date.now() - (lifetimeDays * day - 60_000)), lifetimeDays })
      expect((await readWith(order.id, fresh)).status).toBe(200)
    })

    it('a customer’s email links to the plain order page, which asks her to sign in', async () => {
      const { id } = await place(1, actors.alice.token)
      const { orderNumber } = await cms.payload.findByID({ collection: 'orders', depth: 0, id })
      const confirmation = await arrived(actors.alice.email, `Order ${orderNumber} confirmed`)
      expect(linkIn(confirmation.text ?? '', id)).toBe(`${TEST_STOREFRONT_URL}/order/${id}`)
    })
  })

  it('tells the customer when the order is paid, shipped and refunded, once each', async () => {
    const customer = 'bea@example.test'
    const order = await placeAs(customer)
    const trackingUrl = 'https://parcels.test/track?id=ZX-1&lang=en'
    for (const status of ['paid', 'fulfilled', 'shipped', 'delivered', 'refunded']) {
      if (status === 'shipped') {
        const tracking = { shipment: { trackingNumber: 'ZX-1', trackingUrl } }
        expect((await cms.api(`/orders/${order.id}`, { body: JSON.stringify(tracking), method: 'PATCH', token: actors.admin.token })).status).toBe(200)
      }
      expect((await changeStatus(order.id, status, { token: actors.admin.token })).status).toBe(200)
    }
    await arrived(customer, `Payment received for order ${order.orderNumber}`)
    const shipped = await arrived(customer, `Order ${order.orderNumber} shipped`)
    expect(shipped.text).toContain(`${TEST_STOREFRONT_URL}/order/${order.id}`)
    expect(shipped.text).toContain(`Tracking number: ZX-1\nTrack your parcel: ${trackingUrl}`)
    expect(String(shipped.html)).toContain(`href="https://parcels.test/track?id=ZX-1&amp;lang=en"`)
    await arrived(customer, `Order ${order.orderNumber} refunded`)
    // The refund was the last event: everything before it has been handed over by now. One email per
    // event (fulfilled and delivered send none), however many processes and retries looked at them.
    const toCustomer = smtp.received.filter(({ envelopeTo }) => envelopeTo.includes(customer)).map(({ mail }) => mail.subject)
    expect(toCustomer).toEqual([
      `Order ${order.orderNumber} confirmed`,
      `Payment received for order ${order.orderNumber}`,
      `Order ${order.orderNumber} shipped`,
      `Order ${order.orderNumber} refunded`,
    ])
  })

  it('refuses a tracking link that is not http(s), with a 400, writing nothing', async () => {
    const order = await placeAs('fay@example.test')
    const response = await cms.api(`/orders/${order.id}`, {
      body: JSON.stringify({ shipment: { trackingNumber: 'X', trackingUrl: 'javascript:alert(1)' } }),
      method: 'PATCH',
      token: actors.admin.token,
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('The tracking link must be an http(s) URL.')
    expect((await cms.payload.findByID({ collection: 'orders', depth: 0, id: order.id })).shipment?.trackingNumber ?? null).toBeNull()
  })

  it('tells the customer when her unpaid order expired', async () => {
    const customer = 'dee@example.test'
    const order = await placeAs(customer)
    await makeOverdue(cms, order.id)
    expect((await sweepUnpaidOrders(cms.payload, sanitizeConfig({}))).expired).toContain(order.id)
    expect((await arrived(customer, `Order ${order.orderNumber} cancelled: payment not received`)).text).toContain('We did not receive your payment in time')
  })

  it('places orders while the mail server refuses, and sends their emails once it accepts again', async () => {
    const customer = 'eve@example.test'
    smtp.refusing = true
    const order = await placeAs(customer)
    // The refusal is recorded as a failed attempt, to be retried.
    await vi.waitFor(
      async () => {
        const { rows } = await cms.db.execute<{ n: number }>(sql`
          select count(*)::int as n from webhook_deliveries d join webhook_deliveries_attempts a on a._parent_id = d.id
          where d.target = 'in-process' and d.resource = ${`order:${order.id}`} and a.error is not null`)
        expect(rows[0]?.n).toBeGreaterThan(0)
      },
      { interval: 50, timeout: 20_000 },
    )
    expect(mailsTo(customer, `Order ${order.orderNumber} confirmed`)).toHaveLength(0)
    smtp.refusing = false
    await arrived(customer, `Order ${order.orderNumber} confirmed`)
    await arrived(STAFF, `New order ${order.orderNumber}`)
    expect(mailsTo(customer, `Order ${order.orderNumber} confirmed`)).toHaveLength(1)
  })

  it('sends password resets through the same server', async () => {
    const response = await cms.api('/users/forgot-password', { body: JSON.stringify({ email: actors.alice.email }), method: 'POST' })
    expect(response.status).toBe(200)
    const reset = await vi.waitFor(
      () => {
        const found = smtp.received.find(({ envelopeTo }) => envelopeTo.includes(actors.alice.email))
        if (!found) throw new Error('no reset email yet')
        return found.mail
      },
      { interval: 50, timeout: 20_000 },
    )
    expect(reset.text).toContain(`${TEST_STOREFRONT_URL}/`)
  })

  it('tells the customer when her order is cancelled', async () => {
    const customer = 'cat@example.test'
    const order = await placeAs(customer)
    expect((await changeStatus(order.id, 'cancelled', { token: actors.admin.token })).status).toBe(200)
    expect((await arrived(customer, `Order ${order.orderNumber} cancelled`)).text).toContain('Your order has been cancelled')
  })
})

describe('the status workflow', () => {
  const forbidden = ORDER_STATUSES.flatMap((from) =>
    ORDER_STATUSES.filter((to) => to !== from && !NEXT_STATUSES[from].includes(to)).map((to) => [from, to] as const),
  )

  it.each(forbidden)('refuses %s → %s with a 400 naming the allowed next statuses', async (from, to) => {
    const { id } = await place()
    for (const step of PATH_TO[from]) await cms.payload.update({ collection: 'orders', data: { status: step }, id })
    const response = await changeStatus(id, to, { token: actors.admin.token })
    expect(response.status).toBe(400)
    const allowed = NEXT_STATUSES[from]
    expect(JSON.stringify(await response.json())).toMatch(
      allowed.length === 0 ? new RegExp(`${from} cannot change status any more`) : new RegExp(`Allowed next: ${allowed.join(', ')}`),
    )
    expect((await cms.payload.findByID({ collection: 'orders', id })).status).toBe(from)
  })

  it('is enforced on the admin/REST update path too', async () => {
    const { id } = await place()
    const response = await cms.api(`/orders/${id}`, { body: JSON.stringify({ status: 'shipped' }), method: 'PATCH', token: actors.admin.token })
    expect(response.status).toBe(400)
    expect((await cms.payload.findByID({ collection: 'orders', id })).status).toBe('pending')
  })

  it('records every change in the history: from, to, who and when', async () => {
    const { id } = await place()
    expect((await changeStatus(id, 'paid', { token: actors.editor.token })).status).toBe(200)
    expect((await changeStatus(id, 'fulfilled', { token: actors.admin.token })).status).toBe(200)
    const order = await cms.payload.findByID({ collection: 'orders', depth: 0, id })
    expect(order.statusHistory?.map(({ by, from, to }) => ({ by, from, to }))).toEqual([
      { by: null, from: null, to: 'pending' },
      { by: actors.editor.id, from: 'pending', to: 'paid' },
      { by: actors.admin.id, from: 'paid', to: 'fulfilled' },
    ])
    expect(order.statusHistory?.every((entry) => !Number.isNaN(Date.parse(entry.at)))).toBe(true)
  })

  it('keeps the history append-only: an update cannot rewrite it', async () => {
    const { id } = await place()
    const response = await cms.api(`/orders/${id}`, {
      body: JSON.stringify({ statusHistory: [{ at: '2000-01-01T00:00:00.000Z', from: 'pending', to: 'delivered' }] }),
      method: 'PATCH',
      token: actors.admin.token,
    })
    expect(response.status).toBe(200)
    const order = await cms.payload.findByID({ collection: 'orders', depth: 0, id })
    expect(order.statusHistory?.map((entry) => entry.to)).toEqual(['pending'])
  })
})

describe('restocking', () => {
  it('cancelling restores the stock; concurrent cancels that all saw the order pending restore it once', async () => {
    const before = await stock()
    const { id } = await place(3)
    expect(await stock()).toBe((before ?? 0) - 3)
    // The test holds the order's row (as another change in progress would) until three cancels wait
    // for it: each has read the order as pending before any of them changes it.
    const holder = new pg.Client({ connectionString: cms.databaseUrl })
    await holder.connect()
    await holder.query('begin')
    await holder.query('select 1 from orders where id = $1 for update', [id])
    const cancels = Promise.all(Array.from({ length: 3 }, () => changeStatus(id, 'cancelled', { token: actors.admin.token })))
    try {
      await waitForLockWaiters(cms.databaseUrl, 3, 'cancels queued behind the order')
    } finally {
      await holder.query('rollback')
      await holder.end()
    }
    expect((await cancels).map((response) => response.status).sort()).toEqual([200, 400, 400])
    expect(await stock()).toBe(before)
  })

  it('refunding restores the stock once, too', async () => {
    const before = await stock()
    const { id } = await place(2)
    await changeStatus(id, 'paid', { token: actors.admin.token })
    const responses = await Promise.all([1, 2, 3].map(() => changeStatus(id, 'refunded', { token: actors.admin.token })))
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1)
    expect(await stock()).toBe(before)
  })
})

describe('who may change an order', () => {
  it('a customer may cancel her own pending order, but not mark it paid', async () => {
    const { id } = await place(1, actors.alice.token)
    expect((await changeStatus(id, 'paid', { token: actors.alice.token })).status).toBe(403)
    expect((await changeStatus(id, 'cancelled', { token: actors.alice.token })).status).toBe(200)
  })

  it('a customer may not cancel her order once it is paid', async () => {
    const { id } = await place(1, actors.alice.token)
    await changeStatus(id, 'paid', { token: actors.admin.token })
    expect((await changeStatus(id, 'cancelled', { token: actors.alice.token })).status).toBe(409)
    expect((await cms.payload.findByID({ collection: 'orders', id })).status).toBe('paid')
  })

  it("a customer may not cancel someone else's order", async () => {
    const { id } = await place(1, actors.bob.token)
    expect((await changeStatus(id, 'cancelled', { token: actors.alice.token })).status).toBe(404)
    expect((await cms.payload.findByID({ collection: 'orders', id })).status).toBe('pending')
  })

  it('a guest may cancel with the order token, and a stranger may not', async () => {
    const { guestToken, id } = await place()
    expect((await changeStatus(id, 'cancelled')).status).toBe(403)
    expect((await changeStatus(id, 'cancelled', { headers: { 'X-Order-Token': guestToken ?? '' } })).status).toBe(200)
  })
})

