/**
 * The audit trail (`audit-log`): who changed what, when and in which request, for the shop's documents
 * and every stock move, written in the change's own transaction and never editable. Calls go through
 * the API server, so each entry's request id can be compared with the one the response (and the log) carry.
 */
import type { AddressInfo } from 'node:net'

import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, initTransaction, killTransaction } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { flagStuckPayments, sanitizeConfig, sweepUnpaidOrders } from '@showroom/payload-commerce'

import { createApiServer } from '../src/server/apiServer'
import { type Actors, createActors } from './actors'
import { makeOverdue } from './overdueOrders'
import { startTestCms, type TestCms } from './startTestCms'

type Entry = {
  actorEmail: null | string
  actorKind: 'system' | 'user'
  actorName: null | string
  actorUserId: null | number
  changes: Array<{ after: unknown; before: unknown; field: string }>
  documentId: string
  documentTitle: null | string
  id: number
  note: null | string
  operation: string
  requestId: null | string
  targetCollection: string
}

let cms: TestCms
let actors: Actors
let server: ReturnType<typeof createApiServer>
let origin = ''
const HOLD_MINUTES = 60
const config = sanitizeConfig({ unpaidOrders: { holdMinutes: HOLD_MINUTES } })

/** A request to the API server, as a client over HTTP makes it. */
const http = (path: string, { token, ...init }: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (token) headers.set('Authorization', `JWT ${token}`)
  if (typeof init.body === 'string') headers.set('Content-Type', 'application/json')
  return fetch(`${origin}/api/v1${path}`, { ...init, headers })
}

/** The document's audit entries as an editor reads them over REST, newest first. */
const entriesOf = async (collection: string, id: number | string, token = actors.admin.token): Promise<Entry[]> => {
  const response = await http(`/audit-log?where[targetCollection][equals]=${collection}&where[documentId][equals]=${id}&sort=-createdAt&limit=100`, { token })
  expect(response.status).toBe(200)
  return ((await response.json()) as { docs: Entry[] }).docs
}

const product = async (sku: string, stock = 5): Promise<number> =>
  (await cms.payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', price: 1000, sku, stock, title: sku } as never })).id

/** A guest's order of two units, paid by `card` (the offline test cards) or by bank transfer (`manual`). */
const order = (productId: number, method = 'test', card = '4242 4242 4242 4242') =>
  http('/orders', {
    body: JSON.stringify({
      email: 'guest@example.test',
      items: [{ product: productId, quantity: 2 }],
      payment: method === 'test' ? { details: { cvc: '123', expiry: '12/40', number: card }, method } : { method },
      shippingAddress: { city: 'Paris', country: 'FR', line1: '1 Rue', name: 'Guest', postalCode: '75001' },
      shippingMethod: 'standard',
    }),
    method: 'POST',
  })

beforeAll(async () => {
  cms = await startTestCms('audit_log', { unpaidOrders: { holdMinutes: HOLD_MINUTES, sweepIntervalMs: 3_600_000 } })
  actors = await createActors(cms)
  server = createApiServer(cms.config, { logger: cms.payload.logger, payloadInstanceCacheKey: cms.payloadInstanceCacheKey })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  await cms?.close()
})

describe('the audit trail', () => {
  it("records an editor's price change with before/after, the editor and the request id the response carries; the version names its author", async () => {
    const id = await product('AUDIT-PRICE')
    const response = await http(`/products/${id}`, {
      body: JSON.stringify({ price: 1250, variants: [] }),
      headers: { 'x-request-id': 'editor-save.1' },
      method: 'PATCH',
      token: actors.editor.token,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-request-id')).toBe('editor-save.1')
    const [latest] = await entriesOf('products', id)
    expect(latest).toMatchObject({
      actorEmail: actors.editor.email,
      actorKind: 'user',
      actorUserId: actors.editor.id,
      documentTitle: 'AUDIT-PRICE',
      operation: 'update',
      requestId: 'editor-save.1',
    })
    expect(latest?.changes).toEqual([{ after: 1250, before: 1000, field: 'price' }])

    // "Versions record their author": the new version, and the product, name the editor (staff only).
    const versions = await http(`/products/versions?where[parent][equals]=${id}&sort=-updatedAt&depth=0`, { token: actors.editor.token })
    const [version] = ((await versions.json()) as { docs: Array<{ version: { updatedBy: null | number } }> }).docs
    expect(version?.version.updatedBy).toBe(actors.editor.id)
    const asShopper = (await (await http(`/products/${id}?depth=0`)).json()) as Record<string, unknown>
    expect(asShopper.price).toBe(1250)
    expect(asShopper).not.toHaveProperty('updatedBy')
  })

  it("records a role change by an admin and a password change as [redacted], never a hash", async () => {
    const user = await cms.payload.create({ collection: 'users', data: { email: 'promoted@example.test', password: 'Promoted-Passw0rd!', roles: ['customer'] } })
    const response = await http(`/users/${user.id}`, { body: JSON.stringify({ password: 'Another-Passw0rd!2', roles: ['editor'] }), method: 'PATCH', token: actors.admin.token })
    expect(response.status).toBe(200)
    const [latest, created] = await entriesOf('users', user.id)
    expect(latest).toMatchObject({ actorEmail: actors.admin.email, actorUserId: actors.admin.id, operation: 'update', requestId: response.headers.get('x-request-id') })
    expect(latest?.changes).toEqual([
      { after: ['editor'], before: ['customer'], field: 'roles' },
      { after: '[redacted]', before: '[redacted]', field: 'password' },
    ])
    expect(created).toMatchObject({ actorKind: 'system', actorName: 'system', operation: 'create' })
    const stored = await cms.db.execute<{ text: string }>(sql`select string_agg(changes::text, ' ') as text from audit_log`)
    expect(stored.rows[0]?.text).not.toMatch(/Passw0rd|pbkdf2|"hash"|"salt"/)
    // A customer's own name, cart or address book is no one's audit business.
    const before = (await entriesOf('users', actors.alice.id)).length
    expect((await http(`/users/${actors.alice.id}`, { body: JSON.stringify({ name: 'Alice B.' }), method: 'PATCH', token: actors.alice.token })).status).toBe(200)
    expect(await entriesOf('users', actors.alice.id)).toHaveLength(before)
  })

  it('records a webhook endpoint URL change and its new secret as [redacted]', async () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`
    const created = await http('/webhook-endpoints', { body: JSON.stringify({ events: [], secret, url: 'https://old.example.test/hook' }), method: 'POST', token: actors.admin.token })
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: number } }
    const newSecret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`
    const updated = await http(`/webhook-endpoints/${doc.id}`, { body: JSON.stringify({ secret: newSecret, url: 'https://new.example.test/hook' }), method: 'PATCH', token: actors.admin.token })
    expect(updated.status).toBe(200)
    const [latest, first] = await entriesOf('webhook-endpoints', doc.id)
    expect(latest?.changes).toEqual([
      { after: 'https://new.example.test/hook', before: 'https://old.example.test/hook', field: 'url' },
      { after: '[redacted]', before: '[redacted]', field: 'secret' },
    ])
    expect(first?.changes).toContainEqual({ after: '[redacted]', before: '[redacted]', field: 'secret' })
    // A save that leaves the secret alone does not claim it changed.
    await http(`/webhook-endpoints/${doc.id}`, { body: JSON.stringify({ active: false }), method: 'PATCH', token: actors.admin.token })
    expect((await entriesOf('webhook-endpoints', doc.id))[0]?.changes).toEqual([{ after: false, before: true, field: 'active' }])
    const stored = await cms.db.execute<{ text: string }>(sql`select string_agg(changes::text || coalesce(note, ''), ' ') as text from audit_log`)
    expect(stored.rows[0]?.text).not.toContain(secret.slice(6, 30))
    expect(stored.rows[0]?.text).not.toContain(newSecret.slice(6, 30))
  })

  it("records checkout's stock move and the new order as checkout, with the checkout's request id", async () => {
    const id = await product('AUDIT-CHECKOUT')
    const response = await order(id)
    expect(response.status).toBe(201)
    const requestId = response.headers.get('x-request-id')
    expect(requestId).toBeTruthy()
    const placed = ((await response.json()) as { order: { id: number; orderNumber: string } }).order
    const [stock] = await entriesOf('products', id)
    expect(stock).toMatchObject({ actorKind: 'system', actorName: 'checkout', actorUserId: null, note: `checkout, order ${placed.id}`, operation: 'stock', requestId })
    expect(stock?.changes).toEqual([{ after: 3, before: 5, field: 'stock' }])
    const orderEntries = await entriesOf('orders', placed.id)
    expect(orderEntries.map((entry) => [entry.operation, entry.actorName, entry.requestId])).toEqual([
      ['update', 'checkout', requestId],
      ['create', 'checkout', requestId],
    ])
    expect(orderEntries[0]?.changes).toContainEqual({ after: 'paid', before: 'pending', field: 'status' })
  })

  it("records checkout's raw-SQL confirmation of an authorised card payment", async () => {
    const response = await order(await product('AUDIT-AUTHORISED'), 'test', '4000 0025 0000 3155')
    expect(response.status).toBe(201)
    const placed = ((await response.json()) as { order: { id: number; payment: { status: string } } }).order
    expect(placed.payment.status).toBe('authorized')
    const [confirmed] = await entriesOf('orders', placed.id)
    expect(confirmed).toMatchObject({ actorName: 'checkout', operation: 'update', requestId: response.headers.get('x-request-id') })
    expect(confirmed?.changes).toEqual([{ after: 'authorized', before: 'charging', field: 'payment.status' }])
  })

  it('records the sweeper expiring an unpaid order, and the stock it returns, as the sweeper', async () => {
    const id = await product('AUDIT-SWEEP')
    const response = await order(id, 'manual')
    expect(response.status).toBe(201)
    const placed = ((await response.json()) as { order: { id: number } }).order
    await makeOverdue(cms, placed.id)
    expect(await sweepUnpaidOrders(cms.payload, config)).toEqual({ expired: [placed.id], failed: [] })
    const [expired] = await entriesOf('orders', placed.id)
    expect(expired).toMatchObject({ actorKind: 'system', actorName: 'sweeper', operation: 'update' })
    expect(expired?.changes).toContainEqual({ after: 'cancelled', before: 'pending', field: 'status' })
    const [returned] = await entriesOf('products', id)
    expect(returned).toMatchObject({ actorName: 'sweeper', note: `expired, order ${placed.id}`, operation: 'stock' })
    expect(returned?.changes).toEqual([{ after: 5, before: 3, field: 'stock' }])
  })

  it('records the reconciler flagging an order stuck mid-payment', async () => {
    const response = await order(await product('AUDIT-STUCK'), 'manual')
    const placed = ((await response.json()) as { order: { id: number } }).order
    // As if checkout had died between the charge and its confirmation.
    await cms.db.execute(sql`update orders set payment_status = 'charging', updated_at = now() - interval '1 hour' where id = ${placed.id}`)
    expect(await flagStuckPayments(cms.payload, config, 60_000)).toContain(placed.id)
    const [flagged] = await entriesOf('orders', placed.id)
    expect(flagged).toMatchObject({ actorKind: 'system', actorName: 'reconciler', operation: 'update', requestId: null })
    expect(flagged?.changes).toEqual([{ after: true, before: false, field: 'needsAttention' }])
  })

  it('records a delete with the last values', async () => {
    const category = await cms.payload.create({ collection: 'categories', data: { title: 'Doomed' } })
    expect((await http(`/categories/${category.id}`, { method: 'DELETE', token: actors.editor.token })).status).toBe(200)
    const [deleted] = await entriesOf('categories', category.id)
    expect(deleted).toMatchObject({ actorUserId: actors.editor.id, documentTitle: 'Doomed', operation: 'delete' })
    expect(deleted?.changes).toContainEqual({ after: null, before: 'Doomed', field: 'title' })
  })

  it('cannot be created, edited or deleted through the API, even by an admin, nor in the database', async () => {
    const [entry] = await entriesOf('categories', (await cms.payload.create({ collection: 'categories', data: { title: 'Kept' } })).id)
    expect(entry).toBeDefined()
    const body = JSON.stringify({ actorKind: 'system', documentId: '1', operation: 'create', targetCollection: 'products' })
    expect((await http('/audit-log', { body, method: 'POST', token: actors.admin.token })).status).toBe(403)
    expect((await http(`/audit-log/${entry?.id}`, { body: JSON.stringify({ note: 'forged' }), method: 'PATCH', token: actors.admin.token })).status).toBe(403)
    expect((await http(`/audit-log/${entry?.id}`, { method: 'DELETE', token: actors.admin.token })).status).toBe(403)
    const admin = await cms.payload.findByID({ collection: 'users', id: actors.admin.id })
    await expect(cms.payload.update({ collection: 'audit-log', data: { note: 'forged' }, id: entry?.id ?? 0, overrideAccess: false, user: admin })).rejects.toThrow(/not allowed/i)
    await expect(cms.db.execute(sql`update audit_log set note = 'forged' where id = ${entry?.id}`)).rejects.toThrow()
    await expect(cms.db.execute(sql`delete from audit_log where id = ${entry?.id}`)).rejects.toThrow()
    const [again] = await entriesOf('categories', entry?.documentId ?? '')
    expect(again).toEqual(entry)
  })

  it('is staff only: customers and visitors cannot read it', async () => {
    expect((await http('/audit-log', { token: actors.alice.token })).status).toBe(403)
    expect((await http('/audit-log')).status).toBe(403)
    expect((await http('/audit-log', { token: actors.editor.token })).status).toBe(200)
  })

  it('leaves no entry for a change that is rolled back', async () => {
    const id = await product('AUDIT-ROLLBACK')
    const before = (await entriesOf('products', id)).length
    const editor = await cms.payload.findByID({ collection: 'users', id: actors.editor.id })
    const req = await createLocalReq({ user: { ...editor, collection: 'users' } as never }, cms.payload)
    await initTransaction(req)
    await cms.payload.update({ collection: 'products', data: { price: 99 }, id, overrideAccess: false, req, user: req.user })
    await killTransaction(req)
    expect((await cms.payload.findByID({ collection: 'products', id })).price).toBe(1000)
    expect(await entriesOf('products', id)).toHaveLength(before)
  })
})
