import { randomBytes } from 'node:crypto'

import { commitTransaction, createLocalReq, getPayload, initTransaction, killTransaction, type Where } from 'payload'
import pg from 'pg'
import sharp from 'sharp'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { WebhookEvent, WebhookEventType } from '@showroom/shared-types'
import { waitForLockWaiters } from '@showroom/test-support'

import { type Actors, createActors } from './actors'
import { closePayload } from './closePayload'
import { startTestCms, type TestCms } from './startTestCms'
import { type Received, type Receiver, startReceiver, waitFor } from './webhookReceiver'

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`
/**
 * How long an attempt may wait for its answer: the plugin's default. With a much shorter one (it was
 * 2 s), an event-loop stall on a loaded machine times out an attempt the receiver did answer, and the
 * retry sends that event again: the assertions on ids and attempt counts rightly refuse that.
 */
const WEBHOOK_TIMEOUT_MS = 10_000
const STOREFRONT_SECRET = newSecret()

let cms: TestCms
let actors: Actors
let storefront: Receiver

type Delivery = {
  attemptCount: number
  attempts: Array<{ error?: null | string; statusCode?: null | number }>
  eventType: WebhookEventType
  id: number
  resource: string
  status: string
  target: string
  webhookId: string
}

const eventOf = (received: Received) => JSON.parse(received.body) as WebhookEvent
const events = (receiver: Receiver, type?: WebhookEventType, resource?: string) =>
  receiver.accepted.map(eventOf).filter((event) => (!type || event.type === type) && (!resource || event.data.resource === resource))
const waitForEvent = <T extends WebhookEventType>(receiver: Receiver, type: T, resource: string, match: (event: WebhookEvent<T>) => boolean = () => true) =>
  waitFor(`${type} for ${resource}`, () => (events(receiver, type, resource) as Array<WebhookEvent<T>>).find(match))
const deliveries = async (where: Where = {}) =>
  (await cms.payload.find({ collection: 'webhook-deliveries', depth: 0, limit: 1000, pagination: false, sort: 'id', where })).docs as unknown as Delivery[]
let barriers = 0
/**
 * Lets any delivery that would wrongly be sent arrive before asserting that none did: sends `receiver`
 * a later event (a new category) and waits for it. A receiver gets its deliveries one at a time, oldest
 * first, so whatever was queued for it before has arrived by then. Returns the category's resource.
 */
const settle = async (receiver = storefront): Promise<string> => {
  barriers += 1
  const category = await cms.payload.create({ collection: 'categories', data: { title: `Barrier ${barriers}` } })
  await waitForEvent(receiver, 'category.created', `category:${category.id}`)
  return `category:${category.id}`
}

const json = (body: unknown) => JSON.stringify(body)
const createProduct = async (data: Record<string, unknown>, token = actors.editor.token, draft = false) => {
  const response = await cms.api(`/products${draft ? '?draft=true' : ''}`, {
    body: json({ _status: draft ? 'draft' : 'published', currency: 'EUR', ...data }),
    method: 'POST',
    token,
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { doc: { id: number; slug: string } }).doc
}
const patchProduct = async (id: number, data: Record<string, unknown>, draft = false) => {
  const response = await cms.api(`/products/${id}${draft ? '?draft=true' : ''}`, { body: json(data), method: 'PATCH', token: actors.editor.token })
  expect(response.status).toBe(200)
}
const placeOrder = (product: number, quantity: number) =>
  cms.api('/orders', {
    body: json({
      email: 'shopper@example.test',
      items: [{ product, quantity }],
      payment: { method: 'manual' },
      shippingAddress: { city: 'Berlin', country: 'DE', line1: 'Street 1', name: 'A Shopper', postalCode: '10115' },
      shippingMethod: 'standard',
    }),
    method: 'POST',
  })

beforeAll(async () => {
  storefront = await startReceiver()
  cms = await startTestCms('webhooks', {
    storefrontWebhook: { secret: STOREFRONT_SECRET, url: storefront.url },
    webhooks: { pollIntervalMs: 100, retry: { initialDelayMs: 40, maxAttempts: 40, maxDelayMs: 300 }, timeoutMs: WEBHOOK_TIMEOUT_MS },
  })
  actors = await createActors(cms)
})
afterAll(async () => {
  // Nothing may still be sending when the database goes.
  await waitFor('deliveries to settle', async () => (await deliveries({ status: { in: ['pending', 'retrying'] } })).length === 0).catch(() => undefined)
  await cms?.close()
  await storefront?.stop()
})

describe('a delivery', () => {
  it('is signed per Standard Webhooks and verifies with the standardwebhooks library', async () => {
    const product = await createProduct({ price: 1500, sku: 'SIGNED', stock: 5, title: 'Signed' })
    const event = await waitForEvent(storefront, 'product.created', `product:${product.id}`)
    const received = storefront.accepted.find((item) => eventOf(item).data.resource === `product:${product.id}`)
    expect(received).toBeDefined()
    if (!received) return
    // Exactly what a third party does with the raw body and headers.
    const verified = new Webhook(STOREFRONT_SECRET).verify(received.body, {
      'webhook-id': String(received.headers['webhook-id']),
      'webhook-signature': String(received.headers['webhook-signature']),
      'webhook-timestamp': String(received.headers['webhook-timestamp']),
    })
    expect(verified).toEqual(event)
    expect(() => new Webhook(newSecret()).verify(received.body, { ...received.headers } as Record<string, string>)).toThrow()
    expect(event.data).toMatchObject({ categories: [], id: product.id, slug: product.slug, status: 'published', title: 'Signed' })
    expect(event.data.sequence).toBeGreaterThan(0)
    expect(Date.parse(event.timestamp)).not.toBeNaN()
    const record = await waitFor('the delivery to be recorded', async () => {
      const [found] = await deliveries({ resource: { equals: `product:${product.id}` } })
      return found?.status === 'succeeded' && found
    })
    expect(record).toMatchObject({ eventType: 'product.created', status: 'succeeded', target: 'storefront', webhookId: received.headers['webhook-id'] })
  })
})

describe('events', () => {
  it('follow what shoppers see: drafts send nothing, publishing and unpublishing do', async () => {
    const draft = await createProduct({ price: 100, sku: 'DRAFTY', stock: 1, title: 'Drafty' }, actors.editor.token, true)
    await patchProduct(draft.id, { title: 'Drafty 2' }, true)
    await settle()
    expect(events(storefront, undefined, `product:${draft.id}`)).toEqual([])

    await patchProduct(draft.id, { _status: 'published', title: 'Drafty live' })
    const published = await waitForEvent(storefront, 'product.updated', `product:${draft.id}`)
    expect(published.data).toMatchObject({ previous: { status: 'draft' }, status: 'published', title: 'Drafty live' })

    // A draft saved over the published product changes nothing shoppers see.
    await patchProduct(draft.id, { title: 'Drafty next' }, true)
    await settle()
    expect(events(storefront, undefined, `product:${draft.id}`)).toHaveLength(1)

    await patchProduct(draft.id, { _status: 'draft' })
    const unpublished = await waitForEvent(storefront, 'product.updated', `product:${draft.id}`, (event) => event.data.status === 'draft')
    expect(unpublished.data.previous).toMatchObject({ status: 'published' })
  })

  it('an admin price edit sends price.changed; a stock edit inventory.changed', async () => {
    const product = await createProduct({ compareAtPrice: 3000, price: 2000, sku: 'PRICED', stock: 10, title: 'Priced' })
    await patchProduct(product.id, { price: 1800 })
    const price = await waitForEvent(storefront, 'price.changed', `product:${product.id}:price`)
    expect(price.data).toMatchObject({ currency: 'EUR', items: [{ compareAtPrice: 3000, previousPrice: 2000, price: 1800, sku: 'PRICED', variant: null }], product: { id: product.id, slug: product.slug } })
    await settle()
    expect(events(storefront, 'inventory.changed', `product:${product.id}:stock`)).toEqual([])

    await patchProduct(product.id, { stock: 7 })
    const stock = await waitForEvent(storefront, 'inventory.changed', `product:${product.id}:stock`)
    expect(stock.data.items).toEqual([{ previousStock: 10, sku: 'PRICED', stock: 7, variant: null }])
    expect(events(storefront, 'price.changed', `product:${product.id}:price`)).toHaveLength(1)
  })

  it('a checkout sends inventory.changed with the new stock and order.created (ids only); a cancel restocks and says so', async () => {
    const product = await createProduct({ price: 900, sku: 'SOLD', stock: 8, title: 'Sold' })
    const response = await placeOrder(product.id, 3)
    expect(response.status).toBe(201)
    const { order } = (await response.json()) as { order: { id: number; orderNumber: string } }
    const stock = await waitForEvent(storefront, 'inventory.changed', `product:${product.id}:stock`)
    expect(stock.data).toMatchObject({ items: [{ previousStock: 8, sku: 'SOLD', stock: 5, variant: null }], product: { id: product.id, slug: product.slug } })
    const created = await waitForEvent(storefront, 'order.created', `order:${order.id}`)
    expect(created.data).toMatchObject({ currency: 'EUR', customer: null, id: order.id, number: order.orderNumber, status: 'pending', total: 3 * 900 + 490 })
    expect(JSON.stringify(created)).not.toContain('shopper@example.test')

    const cancel = await cms.api(`/orders/${order.id}/status`, { body: json({ status: 'cancelled' }), method: 'POST', token: actors.editor.token })
    expect(cancel.status).toBe(200)
    const changed = await waitForEvent(storefront, 'order.status_changed', `order:${order.id}`)
    expect(changed.data).toMatchObject({ from: 'pending', id: order.id, number: order.orderNumber, to: 'cancelled' })
    const restocked = await waitForEvent(storefront, 'inventory.changed', `product:${product.id}:stock`, (event) => event.data.items[0]?.stock === 8)
    expect(restocked.data.items).toEqual([{ previousStock: 5, sku: 'SOLD', stock: 8, variant: null }])
    expect(restocked.data.sequence).toBeGreaterThan(stock.data.sequence)
  })

  it('media events name the products that show the image, also when it is deleted', async () => {
    const data = await sharp({ create: { background: '#c33', channels: 3, height: 40, width: 40 } }).png().toBuffer()
    const media = await cms.payload.create({
      collection: 'media',
      data: { alt: 'Red square' },
      file: { data, mimetype: 'image/png', name: 'red.png', size: data.length },
    })
    const created = await waitForEvent(storefront, 'media.created', `media:${media.id}`)
    expect(created.data).toMatchObject({ alt: 'Red square', id: media.id, products: [] })
    const product = await createProduct({ images: [media.id], price: 100, sku: 'PICTURED', stock: 1, title: 'Pictured' })
    await cms.payload.update({ collection: 'media', data: { alt: 'A red square' }, id: media.id })
    const updated = await waitForEvent(storefront, 'media.updated', `media:${media.id}`)
    expect(updated.data).toMatchObject({ alt: 'A red square', products: [product.id] })
    expect(updated.data.url).toContain('red')
    await cms.payload.delete({ collection: 'media', id: media.id })
    const deleted = await waitForEvent(storefront, 'media.deleted', `media:${media.id}`)
    expect(deleted.data.products).toEqual([product.id])
  })

  it('carry increasing sequences per resource, received in commit order', async () => {
    const product = await createProduct({ price: 500, sku: 'SEQ', stock: 3, title: 'Seq 0' })
    for (const n of [1, 2, 3, 4]) await patchProduct(product.id, { title: `Seq ${n}` })
    await waitForEvent(storefront, 'product.updated', `product:${product.id}`, (event) => event.data.title === 'Seq 4')
    const received = events(storefront, undefined, `product:${product.id}`) as Array<WebhookEvent<'product.updated'>>
    expect(received.map((event) => event.data.title)).toEqual(['Seq 0', 'Seq 1', 'Seq 2', 'Seq 3', 'Seq 4'])
    const sequences = received.map((event) => event.data.sequence)
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b))
    expect(new Set(sequences).size).toBe(sequences.length)
  })

  it('a new category sends category.created alone; moving it sends category.updated for it and its children', async () => {
    const response = await cms.api('/categories', { body: json({ title: 'Lamps' }), method: 'POST', token: actors.editor.token })
    const lamps = ((await response.json()) as { doc: { id: number } }).doc
    const child = await cms.payload.create({ collection: 'categories', data: { parent: lamps.id, title: 'Desk lamps' } })
    await waitForEvent(storefront, 'category.created', `category:${child.id}`)
    await settle()
    // nested-docs saves a new category twice (to put its id into its breadcrumb); only the create is news.
    expect(events(storefront, undefined, `category:${lamps.id}`).map((event) => event.type)).toEqual(['category.created'])
    expect(events(storefront, undefined, `category:${child.id}`).map((event) => event.type)).toEqual(['category.created'])

    await cms.api(`/categories/${lamps.id}`, { body: json({ slug: 'lighting' }), method: 'PATCH', token: actors.editor.token })
    const moved = await waitForEvent(storefront, 'category.updated', `category:${lamps.id}`)
    expect(moved.data).toMatchObject({ previous: { slug: 'lamps' }, slug: 'lighting' })
    // The child's URL changed with its parent's slug, so its pages are news too.
    await waitForEvent(storefront, 'category.updated', `category:${child.id}`)
  })
})

describe('nothing is sent for a change that does not commit', () => {
  it('an order refused for want of stock', async () => {
    const product = await createProduct({ price: 700, sku: 'SCARCE', stock: 1, title: 'Scarce' })
    await waitForEvent(storefront, 'product.created', `product:${product.id}`)
    const before = (await deliveries()).length
    expect((await placeOrder(product.id, 2)).status).toBe(409)
    const barrier = await settle()
    expect((await deliveries()).filter((delivery) => delivery.resource !== barrier)).toHaveLength(before)
    expect(events(storefront, 'inventory.changed', `product:${product.id}:stock`)).toEqual([])
  })

  it('a save whose transaction fails after the hooks ran (afterChange emitted, then rollback)', async () => {
    const product = await createProduct({ price: 700, sku: 'ROLLBACK', stock: 1, title: 'Rollback' })
    await waitForEvent(storefront, 'product.created', `product:${product.id}`)
    const before = (await deliveries()).length
    // Jobs are deleted once run; none may be left by this transaction.
    await waitFor('earlier jobs to finish', async () => (await cms.payload.count({ collection: 'payload-jobs' })).totalDocs === 0)
    const req = await createLocalReq({}, cms.payload)
    await initTransaction(req)
    await cms.payload.update({ collection: 'products', data: { price: 1, title: 'Never' }, id: product.id, req })
    // The events exist inside the transaction…
    expect((await cms.payload.find({ collection: 'webhook-deliveries', pagination: false, req })).docs.length).toBeGreaterThan(before)
    // …and go with it: as when a later hook throws.
    await killTransaction(req)
    // (Checked before the barrier below, whose own job is deleted only once it has run.)
    expect((await cms.payload.count({ collection: 'payload-jobs' })).totalDocs).toBe(0)
    const barrier = await settle()
    expect((await deliveries()).filter((delivery) => delivery.resource !== barrier)).toHaveLength(before)
    expect(events(storefront, undefined, `product:${product.id}`).map((event) => event.type)).toEqual(['product.created'])
  })

  it('(and a committed Local API transaction is sent right after its commit)', async () => {
    const product = await createProduct({ price: 700, sku: 'COMMITTED', stock: 1, title: 'Committed' })
    const req = await createLocalReq({}, cms.payload)
    await initTransaction(req)
    await cms.payload.update({ collection: 'products', data: { title: 'Committed 2' }, id: product.id, req })
    // A change committed meanwhile (in another transaction) is sent; the open one's event is not.
    await settle()
    expect(events(storefront, 'product.updated', `product:${product.id}`)).toEqual([])
    await commitTransaction(req)
    await waitForEvent(storefront, 'product.updated', `product:${product.id}`, (event) => event.data.title === 'Committed 2')
  })
})

describe('a receiver that is down for a while', () => {
  it('answering 503: gets every event once it is back, in order, and the log shows the failed attempts', async () => {
    const product = await createProduct({ price: 100, sku: 'DOWN', stock: 1, title: 'Down 0' })
    await waitForEvent(storefront, 'product.created', `product:${product.id}`)
    storefront.answer = 503
    for (const n of [1, 2, 3]) await patchProduct(product.id, { title: `Down ${n}` })
    const resource = `product:${product.id}`
    await waitFor('a few failed attempts', async () => {
      const [first] = await deliveries({ eventType: { equals: 'product.updated' }, resource: { equals: resource } })
      return first && first.attemptCount >= 3
    })
    expect(events(storefront, 'product.updated', resource)).toEqual([])
    storefront.answer = 200
    await waitForEvent(storefront, 'product.updated', resource, (event) => event.data.title === 'Down 3')
    const received = events(storefront, 'product.updated', resource) as Array<WebhookEvent<'product.updated'>>
    expect(received.map((event) => event.data.title)).toEqual(['Down 1', 'Down 2', 'Down 3'])
    const log = await waitFor('the log to record the successes', async () => {
      const found = await deliveries({ eventType: { equals: 'product.updated' }, resource: { equals: resource } })
      return found.every((delivery) => delivery.status === 'succeeded') && found
    })
    expect(log).toHaveLength(3)
    const [first] = log
    expect(first?.attempts.slice(0, -1).every((attempt) => attempt.statusCode === 503 && attempt.error?.includes('503'))).toBe(true)
    expect(first?.attempts.at(-1)).toMatchObject({ error: null, statusCode: 200 })
    // Each event arrived once, under one id per event.
    expect(new Set(storefront.accepted.map((item) => item.headers['webhook-id'])).size).toBe(storefront.accepted.length)
  })

  it('a checkout records its events for exactly the endpoints whose filter names them, with the order', async () => {
    const subscribe = async (events: string[]) => {
      const created = await cms.api('/webhook-endpoints', { body: json({ events, secret: newSecret(), url: 'http://127.0.0.1:9/unused' }), method: 'POST', token: actors.admin.token })
      expect(created.status).toBe(201)
      return ((await created.json()) as { doc: { id: number } }).doc.id
    }
    const [orders, stock, everything, categories] = [await subscribe(['order.created']), await subscribe(['inventory.changed']), await subscribe([]), await subscribe(['category.created'])]
    const product = await createProduct({ price: 500, sku: 'FILTERED', stock: 4, title: 'Filtered' })
    const response = await placeOrder(product.id, 1)
    expect(response.status).toBe(201)
    const { order } = (await response.json()) as { order: { id: number } }
    // Written in the order's own statement: there as soon as the order is.
    const recorded = async (endpoint: number) =>
      (await deliveries({ endpoint: { equals: endpoint }, resource: { in: [`order:${order.id}`, `product:${product.id}:stock`] } })).map((delivery) => delivery.eventType).sort()
    expect(await recorded(orders)).toEqual(['order.created'])
    expect(await recorded(stock)).toEqual(['inventory.changed'])
    expect(await recorded(everything)).toEqual(['inventory.changed', 'order.created'])
    expect(await recorded(categories)).toEqual([])
    for (const id of [orders, stock, everything, categories]) await cms.payload.update({ collection: 'webhook-endpoints', data: { active: false }, id })
  })

  it('refusing connections: a webhook endpoint gets its events once it listens, signed with its own secret', async () => {
    const receiver = await startReceiver({ listening: false })
    const secret = newSecret()
    const created = await cms.api('/webhook-endpoints', {
      body: json({ events: ['category.created'], secret, url: receiver.url }),
      method: 'POST',
      token: actors.admin.token,
    })
    expect(created.status).toBe(201)
    const endpoint = ((await created.json()) as { doc: { id: number } }).doc
    const category = await cms.payload.create({ collection: 'categories', data: { title: 'Offline' } })
    await waitFor('failed connection attempts', async () => {
      const [delivery] = await deliveries({ target: { equals: `endpoint:${endpoint.id}` } })
      return delivery && delivery.attemptCount >= 2 && delivery.attempts.every((attempt) => attempt.statusCode === null && attempt.error?.includes('ECONNREFUSED'))
    })
    await receiver.start()
    const event = await waitForEvent(receiver, 'category.created', `category:${category.id}`)
    const [received] = receiver.accepted
    expect(received && new Webhook(secret).verify(received.body, received.headers as Record<string, string>)).toEqual(event)
    // The filter holds: no other event type reached this endpoint.
    await cms.payload.update({ collection: 'categories', data: { title: 'Offline 2' }, id: category.id })
    await waitForEvent(storefront, 'category.updated', `category:${category.id}`)
    const barrier = await settle(receiver)
    expect(receiver.accepted.map((item) => [eventOf(item).type, eventOf(item).data.resource])).toEqual([
      ['category.created', `category:${category.id}`],
      ['category.created', barrier],
    ])
    await receiver.stop()
    await cms.payload.update({ collection: 'webhook-endpoints', data: { active: false }, id: endpoint.id })
  })
})

describe('several CMS processes', () => {
  it('never deliver one event twice: each delivery is claimed by one sender', async () => {
    // A second Payload on the same database, with its own poller and its own after-commit kicks.
    const second = await getPayload({ config: cms.config, key: `${cms.databaseUrl}#second` })
    try {
      storefront.answer = 503
      const product = await createProduct({ price: 100, sku: 'TWICE', stock: 50, title: 'Twice 0' })
      for (const n of [1, 2, 3]) {
        await second.update({ collection: 'products', data: { title: `Twice ${n}` }, id: product.id })
        await patchProduct(product.id, { stock: 50 - n })
      }
      // Both processes retry the same queue for a while…
      await waitFor('a few failed attempts', async () => {
        const [oldest] = await deliveries({ resource: { equals: `product:${product.id}` }, target: { equals: 'storefront' } })
        return oldest && oldest.attemptCount >= 4
      })
      // …then both go for the same due delivery at once: the test holds its row while it is due and
      // free, until both processes' claims wait for it; only one of them may get it once it is let go.
      const holder = new pg.Client({ connectionString: cms.databaseUrl })
      await holder.connect()
      try {
        await waitFor('the oldest delivery due and free, held by the test', async () => {
          await holder.query('begin')
          const { rowCount } = await holder.query(
            `select id from webhook_deliveries where id = (select id from webhook_deliveries where target = 'storefront' and status in ('pending', 'retrying') order by id limit 1)
               and next_attempt_at <= now() and (lease_until is null or lease_until < now()) for update`,
          )
          if (rowCount === 1) return true
          await holder.query('rollback')
          return false
        })
        storefront.answer = 200
        await waitForLockWaiters(cms.databaseUrl, 2, 'both processes claiming the delivery')
      } finally {
        await holder.query('rollback')
        await holder.end()
      }
      await waitForEvent(storefront, 'inventory.changed', `product:${product.id}:stock`, (event) => event.data.items[0]?.stock === 47)
      await waitFor('every delivery to succeed', async () => (await deliveries({ status: { in: ['pending', 'retrying'] }, target: { equals: 'storefront' } })).length === 0)
      const ids = storefront.accepted.map((item) => String(item.headers['webhook-id']))
      expect(new Set(ids).size).toBe(ids.length)
      // created, 3 title edits, 3 stock edits (each a product.updated and an inventory.changed): once each, in order.
      const received = storefront.accepted.map(eventOf).filter((event) => event.data.resource.startsWith(`product:${product.id}`))
      expect(received).toHaveLength(10)
      const sequences = received.map((event) => event.data.sequence)
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b))
    } finally {
      storefront.answer = 204
      await closePayload(second)
    }
  })
})

describe('redelivery', () => {
  it('staff send a delivery again with the same webhook-id; customers and guests cannot', async () => {
    const product = await createProduct({ price: 100, sku: 'AGAIN', stock: 1, title: 'Again' })
    await waitForEvent(storefront, 'product.created', `product:${product.id}`)
    const delivery = await waitFor('the delivery to be recorded', async () => {
      const [found] = await deliveries({ resource: { equals: `product:${product.id}` } })
      return found?.status === 'succeeded' && found
    })
    const redeliver = (token?: string) => cms.api(`/webhook-deliveries/${delivery.id}/redeliver`, { method: 'POST', token })
    expect((await redeliver()).status).toBe(401)
    expect((await redeliver(actors.alice.token)).status).toBe(403)
    expect((await cms.api('/webhook-deliveries/999999/redeliver', { method: 'POST', token: actors.editor.token })).status).toBe(404)

    const response = await redeliver(actors.editor.token)
    expect(response.status).toBe(200)
    const { doc } = (await response.json()) as { doc: Delivery }
    expect(doc).toMatchObject({ attemptCount: 2, status: 'succeeded' })
    const copies = storefront.accepted.filter((item) => item.headers['webhook-id'] === delivery.webhookId)
    expect(copies).toHaveLength(2)
    expect(copies[1] && new Webhook(STOREFRONT_SECRET).verify(copies[1].body, copies[1].headers as Record<string, string>)).toEqual(eventOf(copies[0] as Received))
  })
})

describe('access', () => {
  it('webhook endpoints are admin-only, and their secret never appears in a response', async () => {
    const secret = newSecret()
    const create = await cms.api('/webhook-endpoints', { body: json({ secret, url: 'https://example.test/hook' }), method: 'POST', token: actors.admin.token })
    expect(create.status).toBe(201)
    const createdText = await create.text()
    const { doc } = JSON.parse(createdText) as { doc: { id: number } }
    const responses = [
      createdText,
      await (await cms.api(`/webhook-endpoints/${doc.id}`, { token: actors.admin.token })).text(),
      await (await cms.api('/webhook-endpoints?depth=2', { token: actors.admin.token })).text(),
      await (await cms.api(`/webhook-endpoints/${doc.id}?select[secret]=true`, { token: actors.admin.token })).text(),
      await (await cms.api(`/webhook-endpoints/${doc.id}`, { body: json({ description: 'Updated' }), method: 'PATCH', token: actors.admin.token })).text(),
      await (await cms.api('/webhook-deliveries?depth=2&limit=100', { token: actors.admin.token })).text(),
    ]
    for (const text of responses) {
      expect(text).not.toContain(secret.slice(6))
      expect(text).not.toContain('"secret"')
    }
    // The secret cannot be probed with a filter either.
    const probe = await cms.api(`/webhook-endpoints?where[secret][equals]=${encodeURIComponent(secret)}`, { token: actors.admin.token })
    expect(JSON.stringify(await probe.json())).not.toContain(`"id":${doc.id}`)
    // The update kept the stored secret (it is still what signs).
    const stored = await cms.payload.findByID({ collection: 'webhook-endpoints', id: doc.id, overrideAccess: true })
    expect(stored.secret).toBe(secret)
    // GraphQL is off altogether.
    expect((await cms.api('/graphql', { body: json({ query: '{ WebhookEndpoints { docs { secret } } }' }), method: 'POST', token: actors.admin.token })).status).toBe(404)

    for (const token of [undefined, actors.alice.token, actors.editor.token]) {
      expect((await cms.api(`/webhook-endpoints/${doc.id}`, { token })).status).toBe(403)
      expect((await cms.api('/webhook-endpoints', { token })).status).toBe(403)
      expect((await cms.api('/webhook-endpoints', { body: json({ secret: newSecret(), url: 'https://x.test' }), method: 'POST', token })).status).toBe(403)
    }
  })

  it('takes a new secret from the admin form’s field, and never loses the stored one to an empty value', async () => {
    const stored = async (id: number) => (await cms.payload.findByID({ collection: 'webhook-endpoints', id, overrideAccess: true })).secret
    const first = newSecret()
    // The admin form sends `newSecret` (the "Signing secret" input); it is enough on its own to create.
    const create = await cms.api('/webhook-endpoints', { body: json({ newSecret: first, url: 'https://example.test/form' }), method: 'POST', token: actors.admin.token })
    expect(create.status).toBe(201)
    const { doc } = (await create.json()) as { doc: { id: number; newSecret?: null | string } }
    expect(doc.newSecret ?? null).toBeNull()
    expect(await stored(doc.id)).toBe(first)
    // An empty input (the form opens empty) and an explicit null keep the secret.
    for (const body of [{ description: 'Form saved again', newSecret: '' }, { secret: null }, { newSecret: null, secret: '' }]) {
      const update = await cms.api(`/webhook-endpoints/${doc.id}`, { body: json(body), method: 'PATCH', token: actors.admin.token })
      expect(update.status).toBe(200)
      expect(await stored(doc.id)).toBe(first)
    }
    // A malformed one is refused beside the input, and changes nothing.
    const malformed = await cms.api(`/webhook-endpoints/${doc.id}`, { body: json({ newSecret: 'hunter2' }), method: 'PATCH', token: actors.admin.token })
    expect(malformed.status).toBe(400)
    expect((await malformed.json()) as unknown).toMatchObject({ errors: [{ data: { errors: [{ message: expect.stringMatching(/whsec_/), path: 'newSecret' }] } }] })
    expect(await stored(doc.id)).toBe(first)
    // A valid one replaces it, and is not echoed back.
    const second = newSecret()
    const rotate = await cms.api(`/webhook-endpoints/${doc.id}`, { body: json({ newSecret: second }), method: 'PATCH', token: actors.admin.token })
    expect(rotate.status).toBe(200)
    expect(await rotate.text()).not.toContain(second.slice(6))
    expect(await stored(doc.id)).toBe(second)
    // Only admins write it.
    const editor = await cms.api(`/webhook-endpoints/${doc.id}`, { body: json({ newSecret: newSecret() }), method: 'PATCH', token: actors.editor.token })
    expect(editor.status).toBe(403)
    expect(await stored(doc.id)).toBe(second)
    await cms.payload.delete({ collection: 'webhook-endpoints', id: doc.id })
  })

  it('refuses a malformed secret or URL with a clear 400 and writes nothing', async () => {
    const count = async () => (await cms.payload.count({ collection: 'webhook-endpoints' })).totalDocs
    const before = await count()
    const bad = async (body: unknown, message: RegExp) => {
      const response = await cms.api('/webhook-endpoints', { body: json(body), method: 'POST', token: actors.admin.token })
      expect(response.status).toBe(400)
      expect(JSON.stringify(await response.json())).toMatch(message)
    }
    await bad({ secret: 'plain-text-secret', url: 'https://example.test/hook' }, /whsec_/)
    await bad({ secret: `whsec_${randomBytes(8).toString('base64')}`, url: 'https://example.test/hook' }, /24 to 64 bytes/)
    await bad({ url: 'https://example.test/hook' }, /secret is required/)
    await bad({ secret: newSecret(), url: 'ftp://example.test/hook' }, /http/)
    expect(await count()).toBe(before)
  })

  it('the deliveries log is for staff to read; nobody writes it over the API', async () => {
    expect((await cms.api('/webhook-deliveries', { token: actors.editor.token })).status).toBe(200)
    expect((await cms.api('/webhook-deliveries', { token: actors.alice.token })).status).toBe(403)
    expect((await cms.api('/webhook-deliveries')).status).toBe(403)
    const [delivery] = await deliveries()
    for (const token of [actors.editor.token, actors.admin.token]) {
      expect((await cms.api('/webhook-deliveries', { body: json({ eventType: 'order.created', payload: {}, resource: 'x', sequence: 1, target: 'storefront', webhookId: 'x' }), method: 'POST', token })).status).toBe(403)
      expect((await cms.api(`/webhook-deliveries/${delivery?.id}`, { body: json({ status: 'failed' }), method: 'PATCH', token })).status).toBe(403)
      expect((await cms.api(`/webhook-deliveries/${delivery?.id}`, { method: 'DELETE', token })).status).toBe(403)
    }
    // Payload's job runner endpoint is staff-only too (by default any signed-in user could run jobs).
    expect([401, 403]).toContain((await cms.api('/payload-jobs/run', { token: actors.alice.token })).status)
  })
})
