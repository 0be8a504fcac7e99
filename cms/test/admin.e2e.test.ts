import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import {
  type Browser,
  buildStorefront,
  freePort,
  launchBrowser,
  type Page,
  type RunningProcess,
  removeTestBuild,
  runProcess,
  screenshot,
  startProcess,
  startStorefrontServer,
  testBuildDir,
} from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { randomBytes } from 'node:crypto'

import sharp from 'sharp'
import { Webhook } from 'standardwebhooks'

import { type Actors, createActors } from './actors'
import { fuzzMalformed, openApiRoutes, sendRaw, tableDigests } from './malformedRequests'
import { startTestCms, TEST_SECRET, type TestCms } from './startTestCms'
import { type Receiver, startReceiver, waitFor } from './webhookReceiver'

const cmsDir = path.resolve(import.meta.dirname, '..')

let cms: TestCms
let actors: Actors
let next: RunningProcess
let browser: Browser
let origin: string
let storefront: Receiver
/** The real storefront (a production build) that Live Preview shows, reading the API of the Next server. */
let shop: RunningProcess
let shopUrl: string
const shopBuild = testBuildDir('admin-e2e')
/** Signs preview tokens in the admin and checks them in the shop (docs/preview.md). */
const previewSecret = randomBytes(24).toString('hex')
const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`
const scratch = mkdtempSync(path.join(tmpdir(), 'showroom-admin-e2e-'))
/**
 * Generous per-test limit for a loaded CI machine (a browser drives the admin of a production server;
 * nothing compiles on request), so a slow step fails on the wait that names it.
 */
const BROWSER_TEST_TIMEOUT_MS = 300_000
/** This suite's own build folder (inside the app, where Next wants it; excluded from tsc by tsconfig). */
const distDir = `.next-test-${process.pid}`

beforeAll(async () => {
  storefront = await startReceiver()
  // The same storefront webhook in both processes, as in a deployment of several CMS instances.
  cms = await startTestCms('admin_e2e', { storefrontWebhook: { secret: webhookSecret, url: storefront.url } })
  actors = await createActors(cms)
  const port = await freePort()
  origin = `http://localhost:${port}`
  const shopPort = await freePort()
  shopUrl = `http://localhost:${shopPort}`
  // Building reads the CMS environment too, so both steps get the whole of it.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: cms.databaseUrl,
    MEDIA_DIR: path.join(scratch, 'media'),
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
    PAYLOAD_SECRET: TEST_SECRET,
    SERVER_URL: origin,
    SHOWROOM_DATA_DIR: scratch,
    PREVIEW_SECRET: previewSecret,
    STOREFRONT_URL: shopUrl,
    STOREFRONT_WEBHOOK_SECRET: webhookSecret,
    STOREFRONT_WEBHOOK_URL: storefront.url,
  }
  // The real admin as editors get it: `next build`, then `pnpm start`'s server (`scripts/serveNext.ts`,
  // Next's handler behind the client-address stamp and the method check). One production build costs about
  // half the CPU of `next dev` compiling the admin's routes and their client chunks on first request
  // (figures in the commit that made this change), and the pages it serves are the deployed ones.
  // The storefront builds beside it (Live Preview's test shows its pages): about 15 s, overlapping Next's.
  // Beside other suites on a 2-core machine the build took over 4 min (killed at a 5 min limit): the limit is generous.
  await Promise.all([runProcess({ args: ['exec', 'next', 'build'], command: 'pnpm', cwd: cmsDir, env, timeoutMs: 600_000 }), buildStorefront(shopBuild)])
  next = await startProcess({
    args: ['--import', 'tsx', 'scripts/serveNext.ts', '--host', 'localhost', '--port', String(port)],
    command: process.execPath,
    cwd: cmsDir,
    env,
    readyLine: /^listening on /m,
    timeoutMs: 60_000,
  })
  shop = await startStorefrontServer(shopBuild, {
    ...process.env,
    CMS_ADMIN_URL: origin,
    CMS_URL: origin,
    HOST: '127.0.0.1',
    PORT: String(shopPort),
    PREVIEW_SECRET: previewSecret,
  })
  browser = await launchBrowser()
  // Longer than the build and the start together, so a slow one fails on its own wait, with Next's
  // output, and afterAll still stops what started.
}, 780_000)

afterAll(async () => {
  await browser?.close()
  await Promise.all([next?.stop(), shop?.stop()])
  removeTestBuild(shopBuild)
  await cms?.close()
  await storefront?.stop()
  rmSync(path.join(cmsDir, distDir), { force: true, recursive: true })
  rmSync(scratch, { force: true, recursive: true })
})

/** Every Content-Security-Policy violation Chromium reported on any page of this suite (checked last). */
const cspViolations: string[] = []

/** A page of its own, in a context of its own (no shared cookies), whose CSP violations are collected. */
const newPage = async (): Promise<Page> => {
  const context = await browser.newContext()
  context.setDefaultTimeout(120_000)
  const page = await context.newPage()
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`)
  })
  return page
}

/** A guest's bank-transfer order through checkout (it stays pending, holding its stock). */
const placeTransferOrder = (product: number, quantity: number) =>
  cms.api('/orders', {
    body: JSON.stringify({
      email: 'shopper@example.test',
      items: [{ product, quantity }],
      payment: { method: 'manual' },
      shippingAddress: { city: 'Berlin', country: 'DE', line1: 'Linienstraße 1', name: 'Sam Shopper', postalCode: '10119' },
      shippingMethod: 'standard',
    }),
    method: 'POST',
  })

/** A new published EUR product and a bank-transfer order for `quantity` of it. */
const transferOrderFor = async (data: { price: number; sku: string; stock: number; title: string }, quantity: number) => {
  const product = await cms.payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', ...data } as never })
  const placed = await placeTransferOrder(product.id, quantity)
  expect(placed.status).toBe(201)
  const { order } = (await placed.json()) as { order: { id: number; payment: { dueAt: string } } }
  return { order, product }
}

const logIn = async (email: string, password: string): Promise<Page> => {
  const page = await newPage()
  await page.goto(`${origin}/admin/login`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Login' }).click()
  return page
}

/** A new published EUR product, and the editor signed in on its edit form (once the form shows it). */
const openNewProductAsEditor = async (data: { price: number; sku: string; stock: number; title: string }): Promise<{ page: Page; product: { id: number } }> => {
  const product = await cms.payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', ...data } as never })
  const page = await logIn(actors.editor.email, actors.editor.password)
  await page.waitForURL(`${origin}/admin`, { timeout: 60_000 })
  await page.goto(`${origin}/admin/collections/products/${product.id}`)
  await expect.poll(() => page.locator('#field-title').inputValue(), { timeout: 120_000 }).toBe(data.title)
  return { page, product }
}

describe('the admin at /admin', () => {
  it('sends a visitor who is not signed in to the login screen', async () => {
    const page = await newPage()
    await page.goto(`${origin}/admin`)
    await page.waitForURL(/\/admin\/login/, { timeout: 60_000 })
    await screenshot(page, 'admin-login')
  }, BROWSER_TEST_TIMEOUT_MS)

  it('lets an editor in to manage the catalogue, under the shop’s figures', async () => {
    const product = await cms.payload.create({
      collection: 'products',
      data: { _status: 'published', currency: 'EUR', lowStockThreshold: 3, price: 700, sku: 'DASHBOARD', stock: 3, title: 'Nearly gone' } as never,
    })
    const placed = await placeTransferOrder(product.id, 1)
    expect(placed.status).toBe(201)
    const { order } = (await placed.json()) as { order: { id: number; orderNumber: string } }
    const page = await logIn(actors.editor.email, actors.editor.password)
    await page.waitForURL(`${origin}/admin`, { timeout: 60_000 })
    await expect.poll(() => page.getByRole('link', { name: 'Products' }).first().isVisible(), { timeout: 30_000 }).toBe(true)
    // The dashboard above the collections shows what the API counts, and links to the new order.
    const figures = (await (await cms.api('/dashboard', { token: actors.editor.token })).json()) as { lowStock: { total: number }; needsAction: { awaitingPayment: number } }
    expect(figures.needsAction.awaitingPayment).toBeGreaterThan(0)
    const dashboard = page.getByRole('region', { name: 'Shop dashboard' })
    await expect.poll(() => dashboard.getByRole('link', { name: `Awaiting payment: ${figures.needsAction.awaitingPayment}` }).isVisible(), { timeout: 30_000 }).toBe(true)
    expect(await dashboard.getByRole('heading', { name: `Low stock (${figures.lowStock.total})` }).isVisible()).toBe(true)
    expect(await dashboard.getByRole('link', { name: 'Nearly gone' }).getAttribute('href')).toBe(`/admin/collections/products/${product.id}`)
    await dashboard.getByRole('link', { name: order.orderNumber }).click()
    await page.waitForURL(`${origin}/admin/collections/orders/${order.id}`, { timeout: 60_000 })
    await page.goto(`${origin}/admin`)
    await screenshot(page, 'admin-dashboard-editor')
  }, BROWSER_TEST_TIMEOUT_MS)

  it('turns a customer away, although the same login works on the storefront', async () => {
    const page = await logIn(actors.alice.email, actors.alice.password)
    await page.waitForURL(/\/admin\/unauthorized/, { timeout: 60_000 })
    await expect.poll(() => page.getByRole('heading', { name: /does not have access to the admin panel/ }).isVisible(), { timeout: 30_000 }).toBe(true)
    await screenshot(page, 'admin-customer-refused')
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('webhook deliveries in the admin', () => {
  it('an editor sends a delivery again with the button on its page (same webhook-id)', async () => {
    const category = await cms.payload.create({ collection: 'categories', data: { title: 'Admin redelivery' } })
    const delivery = await waitFor('the category.created delivery', async () => {
      const { docs } = await cms.payload.find({ collection: 'webhook-deliveries', where: { eventType: { equals: 'category.created' }, resource: { equals: `category:${category.id}` } } })
      return docs[0]?.status === 'succeeded' && docs[0]
    })
    const before = storefront.accepted.length
    const page = await logIn(actors.editor.email, actors.editor.password)
    await page.waitForURL(`${origin}/admin`, { timeout: 60_000 })
    await page.goto(`${origin}/admin/collections/webhook-deliveries/${delivery.id}`)
    await page.getByRole('button', { name: 'Redeliver now' }).click({ timeout: 120_000 })
    await expect.poll(() => page.getByText('Delivered again.').isVisible(), { timeout: 30_000 }).toBe(true)
    await screenshot(page, 'admin-webhook-redelivered')
    const again = storefront.accepted.slice(before).find((item) => item.headers['webhook-id'] === delivery.webhookId)
    expect(again && new Webhook(webhookSecret).verify(again.body, again.headers as Record<string, string>)).toMatchObject({ type: 'category.created' })

    // The storefront took everything, so there is nothing given up on to send again.
    await page.getByRole('button', { name: 'Resend all failed to this receiver' }).click()
    await expect.poll(() => page.getByText('Nothing had failed for this receiver.').isVisible(), { timeout: 30_000 }).toBe(true)
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('webhook endpoints in the admin', () => {
  it('an admin adds an endpoint with a generated secret, which signs its events and is never shown again', async () => {
    const receiver = await startReceiver()
    try {
      const page = await logIn(actors.admin.email, actors.admin.password)
      await page.waitForURL(`${origin}/admin`, { timeout: 60_000 })
      await page.goto(`${origin}/admin/collections/webhook-endpoints/create`)
      await page.getByLabel('URL').fill(receiver.url, { timeout: 120_000 })
      await page.getByRole('button', { name: 'Generate a secret' }).click()
      const secretInput = page.getByLabel('Signing secret')
      const secret = await secretInput.inputValue()
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
      await screenshot(page, 'admin-webhook-endpoint-secret')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.waitForURL(/\/admin\/collections\/webhook-endpoints\/\d+$/, { timeout: 60_000 })
      // Saved, the typed secret leaves the screen.
      await expect.poll(() => secretInput.inputValue(), { timeout: 30_000 }).toBe('')

      const category = await cms.payload.create({ collection: 'categories', data: { title: 'Signed for the admin’s endpoint' } })
      const received = await waitFor('the event at the new endpoint', () =>
        receiver.accepted.find((item) => (JSON.parse(item.body) as { data: { resource: string } }).data.resource === `category:${category.id}`),
      )
      expect(new Webhook(secret).verify(received.body, received.headers as Record<string, string>)).toMatchObject({ type: 'category.created' })

      // Opened again, the form shows an empty input: the secret is not read back.
      await page.reload()
      await expect.poll(() => secretInput.isVisible(), { timeout: 60_000 }).toBe(true)
      expect(await secretInput.inputValue()).toBe('')
      expect(await page.content()).not.toContain(secret.slice(6))
    } finally {
      await receiver.stop()
    }
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('promotions in the admin', () => {
  it('an editor sets up a discount code, stored upper-case and taken at checkout', async () => {
    const page = await logIn(actors.editor.email, actors.editor.password)
    await page.waitForURL(`${origin}/admin`, { timeout: 60_000 })
    await page.goto(`${origin}/admin/collections/promotions/create`)
    await page.locator('#field-title').fill('Admin spring sale', { timeout: 120_000 })
    await page.locator('#field-code').fill('admin-spring')
    // Percentage is the default kind, and its field shows for it.
    await page.locator('#field-percentage').fill('20')
    await screenshot(page, 'admin-promotion')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/\/admin\/collections\/promotions\/\d+$/, { timeout: 60_000 })
    const { docs } = await cms.payload.find({ collection: 'promotions', where: { title: { equals: 'Admin spring sale' } } })
    expect(docs).toMatchObject([{ code: 'ADMIN-SPRING', kind: 'percentage', percentage: 20 }])
    const product = await cms.payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', price: 1000, sku: 'PROMO-ADMIN', stock: 5, title: 'Promoted' } as never })
    const placed = await cms.api('/orders', {
      body: JSON.stringify({ discountCode: 'admin-spring', email: 'shopper@example.test', items: [{ product: product.id, quantity: 1 }], payment: { method: 'manual' }, shippingAddress: { city: 'Berlin', country: 'DE', line1: 'Linienstraße 1', name: 'Sam Shopper', postalCode: '10119' }, shippingMethod: 'standard' }),
      method: 'POST',
    })
    expect(placed.status).toBe(201)
    expect(((await placed.json()) as { order: { discountTotal: number } }).order.discountTotal).toBe(200)
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('a product form left open in the admin', () => {
  it('does not undo the stock that sold while it was open', async () => {
    const { page, product } = await openNewProductAsEditor({ price: 1200, sku: 'OPEN-FORM', stock: 5, title: 'Open form' })
    const title = page.locator('#field-title')
    await screenshot(page, 'admin-product-form-open')

    // Two units sell while the editor is looking at "5".
    expect((await placeTransferOrder(product.id, 2)).status).toBe(201)

    await title.fill('Open form, renamed')
    await page.getByRole('button', { name: 'Publish changes' }).click()
    await expect.poll(async () => (await cms.payload.findByID({ collection: 'products', id: product.id })).title, { timeout: 30_000 }).toBe('Open form, renamed')
    expect((await cms.payload.findByID({ collection: 'products', id: product.id })).stock).toBe(3)
    await screenshot(page, 'admin-product-saved-after-sale')
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('operations endpoints under Next', () => {
  it('answers health and readiness, and carries the request id through Next’s proxy', async () => {
    const health = await fetch(`${origin}/api/v1/health`, { headers: { 'x-request-id': 'storefront-req.42' } })
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    expect(health.headers.get('x-request-id')).toBe('storefront-req.42')
    const ready = await fetch(`${origin}/api/v1/ready`, { headers: { 'x-request-id': 'bad id' } })
    expect(ready.status).toBe(200)
    expect(ready.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('unpaid orders in the admin', () => {
  it('an editor gives a bank-transfer customer more days with the button on the order', async () => {
    const { order } = await transferOrderFor({ price: 900, sku: 'HELD', stock: 4, title: 'Held for a transfer' }, 1)

    const page = await logIn(actors.editor.email, actors.editor.password)
    await page.waitForURL(`${origin}/admin`, { timeout: 60_000 })
    await page.goto(`${origin}/admin/collections/orders/${order.id}`)
    await expect.poll(() => page.getByText(/^Payment due .+: if unpaid by then, the order is cancelled/).isVisible(), { timeout: 120_000 }).toBe(true)
    await page.getByRole('button', { name: 'Give 3 more days' }).click()
    await expect.poll(() => page.getByText(/^Payment now due /).isVisible(), { timeout: 30_000 }).toBe(true)
    const stored = await cms.payload.findByID({ collection: 'orders', depth: 0, id: order.id })
    const extended = Date.parse(order.payment.dueAt) + 3 * 24 * 60 * 60 * 1000
    expect(Date.parse(stored.payment?.dueAt ?? '')).toBe(extended)
    // The page shows the new time, not the one it was opened with.
    const shown = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(extended))
    await expect.poll(() => page.getByText(`Payment due ${shown}:`).isVisible(), { timeout: 30_000 }).toBe(true)
    await screenshot(page, 'admin-order-payment-due-extended')
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('refunds in the admin', () => {
  it('an editor refunds one line of a paid order, back in stock, from the order’s Refunds and returns box', async () => {
    const { order, product } = await transferOrderFor({ price: 1500, sku: 'REFUND-ME', stock: 5, title: 'Refundable' }, 2)
    // The transfer arrived: staff mark the order paid.
    expect((await cms.api(`/orders/${order.id}/status`, { body: JSON.stringify({ status: 'paid' }), method: 'POST', token: actors.admin.token })).status).toBe(200)

    const page = await logIn(actors.editor.email, actors.editor.password)
    await page.waitForURL(`${origin}/admin`, { timeout: 60_000 })
    await page.goto(`${origin}/admin/collections/orders/${order.id}`)
    const box = page.getByRole('region', { name: 'Refunds and returns' })
    await expect.poll(() => box.getByText(/Refunded €0\.00 of €34\.90\./).isVisible(), { timeout: 120_000 }).toBe(true)
    await box.getByLabel('Quantity of REFUND-ME to refund').fill('1')
    await box.getByLabel('REFUND-ME came back: restock it').check()
    await box.getByLabel('Reason (the customer sees it)').fill('Returned unopened')
    await box.getByRole('button', { exact: true, name: 'Refund' }).click()
    await expect.poll(() => box.getByText(/Refunded €15\.00 of €34\.90\./).isVisible(), { timeout: 30_000 }).toBe(true)
    await expect.poll(() => box.getByRole('listitem').filter({ hasText: '1 × REFUND-ME (restocked) — Returned unopened' }).count(), { timeout: 30_000 }).toBe(1)

    const stored = await cms.payload.findByID({ collection: 'orders', depth: 0, id: order.id })
    expect([stored.refundedTotal, stored.payment?.status]).toEqual([1500, 'partially_refunded'])
    expect(stored.refunds?.map(({ by, lines }) => ({ by, lines: lines?.map(({ quantity, restock }) => [quantity, restock]) }))).toEqual([{ by: actors.editor.id, lines: [[1, true]] }])
    expect((await cms.payload.findByID({ collection: 'products', depth: 0, id: product.id })).stock).toBe(4)
    await screenshot(page, 'admin-order-partial-refund')
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('media in the admin', () => {
  it('an editor uploads an image, which the media list then shows', async () => {
    const image = path.join(scratch, 'admin-upload.png')
    await sharp({ create: { background: '#3a6', channels: 3, height: 64, width: 96 } }).png().toFile(image)
    const page = await logIn(actors.editor.email, actors.editor.password)
    await page.waitForURL(`${origin}/admin`, { timeout: 60_000 })
    await page.goto(`${origin}/admin/collections/media/create`)
    await page.locator('input[type="file"]').setInputFiles(image, { timeout: 120_000 })
    await page.getByRole('textbox', { name: 'Alt' }).fill('A green square')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/\/admin\/collections\/media\/\d+$/, { timeout: 60_000 })
    const { docs } = await cms.payload.find({ collection: 'media', where: { alt: { equals: 'A green square' } } })
    expect(docs).toHaveLength(1)
    await screenshot(page, 'admin-media-uploaded')
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('security headers under Next', () => {
  const COMMON = {
    'permissions-policy': expect.stringContaining('camera=()'),
    'referrer-policy': 'strict-origin-when-cross-origin',
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
    'x-content-type-options': 'nosniff',
  }
  const headersOf = (response: Response) => Object.fromEntries(response.headers.entries())

  it('gives admin pages a nonce CSP that forbids framing by others, and a new nonce each time', async () => {
    const first = await fetch(`${origin}/admin/login`)
    const second = await fetch(`${origin}/admin/login`)
    for (const response of [first, second]) {
      expect(headersOf(response)).toMatchObject({ ...COMMON, 'x-frame-options': 'SAMEORIGIN' })
      expect(response.headers.get('x-powered-by')).toBeNull()
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/)
      expect(csp).toContain("frame-ancestors 'self'")
      expect(csp).toContain("object-src 'none'")
      // Next put the nonce on the scripts it rendered.
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
      expect(await response.text()).toContain(`nonce="${nonce}"`)
    }
    expect(first.headers.get('content-security-policy')).not.toBe(second.headers.get('content-security-policy'))
    const missing = await fetch(`${origin}/admin/collections/nothing-here`)
    expect(headersOf(missing)).toMatchObject({ ...COMMON, 'x-frame-options': 'SAMEORIGIN' })
  }, BROWSER_TEST_TIMEOUT_MS)

  it('gives the API the same headers and rules as the API server', async () => {
    const API = { ...COMMON, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox", 'x-frame-options': 'DENY' }
    const products = await fetch(`${origin}/api/v1/products`)
    expect(products.status).toBe(200)
    expect(headersOf(products)).toMatchObject(API)
    expect(products.headers.get('x-powered-by')).toBeNull()
    const me = await fetch(`${origin}/api/v1/users/me`, { headers: { authorization: `JWT ${actors.alice.token}` } })
    expect(headersOf(me)).toMatchObject({ ...API, 'cache-control': 'private, no-store', vary: expect.stringContaining('Authorization, Cookie') })
    const badId = await fetch(`${origin}/api/v1/products/abc`)
    expect(badId.status).toBe(400)
    expect(headersOf(badId)).toMatchObject(API)
    const plain = await fetch(`${origin}/api/v1/orders`, { body: '{}', headers: { 'content-type': 'text/plain' }, method: 'POST' })
    expect(plain.status).toBe(415)
    const big = await fetch(`${origin}/api/v1/users/login`, { body: JSON.stringify({ email: 'x@example.test', password: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' }, method: 'POST' })
    expect(big.status).toBe(413)
    const asset = /\/_next\/static\/[^"]+\.js/.exec(await (await fetch(`${origin}/admin/login`)).text())?.[0]
    expect(headersOf(await fetch(`${origin}${asset}`))).toMatchObject(COMMON)
  }, BROWSER_TEST_TIMEOUT_MS)

  it('never answers 5xx and never writes for malformed API requests, as the API server (a shorter fuzz)', async () => {
    // Admin pages left open in the browser may lock documents and save preferences meanwhile, and the
    // webhook sender may still be retrying an earlier test's delivery. A write by the fuzz still shows in
    // the tables it wrote.
    const untouched = /^(payload_(locked_documents|preferences)|webhook_deliveries)/
    const before = await tableDigests(cms.databaseUrl, untouched)
    const api = `${origin}/api/v1`
    const sent = await fuzzMalformed({
      api,
      callers: { admin: actors.admin.token, customer: actors.alice.token },
      numRuns: 120,
      routes: await openApiRoutes(api),
    })
    expect(sent).toBeGreaterThan(50)
    expect(await tableDigests(cms.databaseUrl, untouched)).toEqual(before)
  }, BROWSER_TEST_TIMEOUT_MS)

  it('answers TRACE with 405 and the security headers, before Next (which would fail on it with a 500)', async () => {
    for (const path of ['/api/v1/products', '/admin']) {
      const answer = await sendRaw(origin, { method: 'TRACE', path })
      expect(answer.status).toBe(405)
      expect(answer.headers).toMatchObject({ allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' })
    }
  }, BROWSER_TEST_TIMEOUT_MS)

  it('reported no CSP violation on any admin page the tests above opened', () => {
    expect(cspViolations).toEqual([])
  })
})

describe('Live Preview of a product', () => {
  it('shows the storefront page following the title as the editor types, the saved draft on reload, and never on the public page', async () => {
    const product = await cms.payload.create({
      collection: 'products',
      data: { _status: 'published', currency: 'EUR', price: 2500, sku: 'PREVIEW-LAMP', stock: 4, title: 'Reading lamp' } as never,
    })
    const violationsBefore = cspViolations.length
    const page = await logIn(actors.editor.email, actors.editor.password)
    await page.waitForURL(`${origin}/admin`, { timeout: 60_000 })
    await page.goto(`${origin}/admin/collections/products/${product.id}`)
    const title = page.locator('#field-title')
    await expect.poll(() => title.inputValue(), { timeout: 120_000 }).toBe('Reading lamp')
    await page.getByRole('button', { name: 'Live Preview' }).click()
    const frame = page.frameLocator('#live-preview-iframe')
    const heading = frame.getByRole('heading', { level: 1 })
    await expect.poll(() => heading.textContent(), { timeout: 60_000 }).toBe('Reading lamp')

    // Typing, not saving: the storefront page in the frame follows.
    await title.fill('Reading lamp, brass')
    await expect.poll(() => heading.textContent(), { timeout: 30_000 }).toBe('Reading lamp, brass')
    await screenshot(page, 'admin-live-preview-typed')
    expect((await cms.payload.findByID({ collection: 'products', draft: true, id: product.id })).title).toBe('Reading lamp')

    // Saved as a draft, the preview shows it after a reload; the public page keeps the published title.
    await page.getByRole('button', { name: 'Save Draft' }).click()
    await expect.poll(async () => (await cms.payload.findByID({ collection: 'products', draft: true, id: product.id })).title, { timeout: 30_000 }).toBe('Reading lamp, brass')
    const previewFrame = page.frames().find((candidate) => candidate.url().startsWith(`${shopUrl}/preview/products/${product.id}?token=`))
    expect(previewFrame).toBeDefined()
    await previewFrame?.goto(previewFrame.url())
    await expect.poll(() => heading.textContent(), { timeout: 30_000 }).toBe('Reading lamp, brass')
    const published = await (await fetch(`${shopUrl}/p/${product.slug}`)).text()
    expect(/<h1\b[^>]*>([^<]*)<\/h1>/.exec(published)?.[1]).toBe('Reading lamp')
    // The frame's page passed its own CSP and the admin's (frame-src), with nothing refused.
    expect(cspViolations.slice(violationsBefore)).toEqual([])
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('product CSV import in the admin', () => {
  it('an editor imports a CSV from the products list, watches it finish with its counts and downloads the errors file', async () => {
    const file = path.join(scratch, 'admin-import.csv')
    writeFileSync(
      file,
      [
        'sku,title,status,currency,price,stock,variant_sku,variant_options,variant_stock',
        'E2E-TEE,Imported tee,published,EUR,1500,0,E2E-TEE-S,Size=S,3',
        'E2E-TEE,,,,,,E2E-TEE-M,Size=M,5',
        'E2E-MUG,Imported mug,draft,EUR,800,7,,,',
        'E2E-BAD,Bad price,published,EUR,12.50,1,,,',
        '',
      ].join('\n'),
    )
    const page = await logIn(actors.editor.email, actors.editor.password)
    await page.waitForURL(`${origin}/admin`, { timeout: 60_000 })
    await page.goto(`${origin}/admin/collections/products`)
    // Once hydrated, the list view settles its URL with a client-side replace that adds its query, and that
    // replace cancels a navigation started before it (a click there left the page on the list). A quiet
    // network is no sign of it on a loaded machine; the settled URL is.
    await page.waitForURL(/\/admin\/collections\/products\?(.+&)?limit=/, { timeout: 60_000 })
    await page.getByRole('link', { name: 'Import CSV' }).click()
    await page.waitForURL(/\/admin\/collections\/product-imports\/create/, { timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    // A file chosen before React takes over the form is not seen: the form names the file it took, and an
    // editor whose choice did not take chooses again.
    const chosen = page.locator('input.file-field__filename')
    for (let attempt = 1; !(await chosen.isVisible()); attempt += 1) {
      if (attempt > 10) throw new Error('the import form never showed the chosen file')
      await page.locator('input[type="file"]').setInputFiles(file)
      await chosen.waitFor({ timeout: 5_000 }).catch(() => undefined)
    }
    expect(await chosen.inputValue()).toBe('admin-import.csv')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/\/admin\/collections\/product-imports\/\d+$/, { timeout: 60_000 })
    await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 120_000 }).toBe('Finished')
    expect(await page.getByTestId('import-counts').textContent()).toBe('2 created, 0 updated, 1 not imported')
    expect(await page.getByRole('progressbar', { name: 'Products processed' }).getAttribute('value')).toBe('3')
    await screenshot(page, 'admin-product-import-finished')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the errors file' }).click()])
    const errors = await readFile((await download.path()) ?? '', 'utf8')
    expect(errors.split('\n')[1]).toMatch(/^5,price,Must be a whole number\.,E2E-BAD,Bad price,/)
    const imported = await cms.payload.find({ collection: 'products', draft: true, where: { sku: { in: ['E2E-TEE', 'E2E-MUG', 'E2E-BAD'] } } })
    expect(imported.docs.map((product) => product.sku).sort()).toEqual(['E2E-MUG', 'E2E-TEE'])
  }, BROWSER_TEST_TIMEOUT_MS)
})

describe('the audit trail in the admin', () => {
  it('an editor changes a price, then sees it on the product’s Audit tab with before and after', async () => {
    const { page, product } = await openNewProductAsEditor({ price: 1500, sku: 'AUDITED', stock: 2, title: 'Audited lamp' })
    await page.getByRole('button', { name: 'Pricing & stock' }).click()
    await page.locator('#field-price').fill('1750')
    await page.getByRole('button', { name: 'Publish changes' }).click()
    await expect.poll(async () => (await cms.payload.findByID({ collection: 'products', id: product.id })).price, { timeout: 30_000 }).toBe(1750)

    await page.getByRole('link', { exact: true, name: 'Audit' }).click()
    await page.waitForURL(`${origin}/admin/collections/products/${product.id}/audit`, { timeout: 60_000 })
    const trail = page.getByTestId('audit-trail')
    const newest = trail.getByTestId('audit-entry').first()
    await expect.poll(() => newest.textContent(), { timeout: 60_000 }).toContain('price: 1500 → 1750')
    expect(await newest.textContent()).toContain(actors.editor.email)
    expect(await newest.textContent()).toContain('update')
    // The product's creation (with its first stock) is listed below it, oldest last.
    expect(await trail.getByTestId('audit-entry').count()).toBe(3)
    await screenshot(page, 'admin-product-audit-tab')
    expect(cspViolations).toEqual([])
  }, BROWSER_TEST_TIMEOUT_MS)
})
