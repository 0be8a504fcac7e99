import { randomBytes } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, type Caller, CALLERS, createActors, tokenOf } from '../actors'
import { startTestCms, type TestCms } from '../startTestCms'

let cms: TestCms
let actors: Actors
let endpointId: number
let deliveryId: number

const secret = () => `whsec_${randomBytes(32).toString('base64')}`
const json = (body: unknown) => JSON.stringify(body)

beforeAll(async () => {
  cms = await startTestCms('access_webhooks')
  actors = await createActors(cms)
  endpointId = (await cms.payload.create({ collection: 'webhook-endpoints', data: { secret: secret(), url: 'https://example.test/hook' } })).id
  // An event for the endpoint (its URL never answers here; the record is what matters).
  await cms.payload.create({ collection: 'categories', data: { title: 'Access' } })
  const { docs } = await cms.payload.find({ collection: 'webhook-deliveries', limit: 1 })
  const [delivery] = docs
  if (!delivery) throw new Error('no delivery recorded')
  deliveryId = delivery.id
})
afterAll(async () => {
  await cms.payload.update({ collection: 'webhook-endpoints', data: { active: false }, id: endpointId })
  await cms?.close()
})

describe.each(CALLERS)('webhooks as %s', (caller: Caller) => {
  const token = () => tokenOf(actors, caller)
  const admin = caller === 'admin'
  const staff = caller === 'admin' || caller === 'editor'

  it(`${admin ? 'may' : 'may not'} create, read, update and delete webhook endpoints`, async () => {
    const created = await cms.api('/webhook-endpoints', { body: json({ secret: secret(), url: `https://example.test/${caller}` }), method: 'POST', token: token() })
    expect(created.status).toBe(admin ? 201 : 403)
    expect((await cms.api(`/webhook-endpoints/${endpointId}`, { token: token() })).status).toBe(admin ? 200 : 403)
    expect((await cms.api(`/webhook-endpoints/${endpointId}`, { body: json({ description: caller }), method: 'PATCH', token: token() })).status).toBe(admin ? 200 : 403)
    if (admin) {
      const { doc } = (await created.json()) as { doc: { id: number } }
      expect((await cms.api(`/webhook-endpoints/${doc.id}`, { method: 'DELETE', token: token() })).status).toBe(200)
    } else {
      expect((await cms.api(`/webhook-endpoints/${endpointId}`, { method: 'DELETE', token: token() })).status).toBe(403)
      expect((await cms.payload.count({ collection: 'webhook-endpoints', where: { url: { equals: `https://example.test/${caller}` } } })).totalDocs).toBe(0)
    }
  })

  it(`${staff ? 'may read' : 'may not read'} the deliveries log; nobody writes it`, async () => {
    expect((await cms.api(`/webhook-deliveries/${deliveryId}`, { token: token() })).status).toBe(staff ? 200 : 403)
    expect((await cms.api('/webhook-deliveries', { token: token() })).status).toBe(staff ? 200 : 403)
    expect((await cms.api(`/webhook-deliveries/${deliveryId}`, { body: json({ status: 'succeeded' }), method: 'PATCH', token: token() })).status).toBe(403)
    expect((await cms.api(`/webhook-deliveries/${deliveryId}`, { method: 'DELETE', token: token() })).status).toBe(403)
    const create = await cms.api('/webhook-deliveries', {
      body: json({ eventType: 'order.created', payload: {}, resource: 'order:1', sequence: 1, target: 'storefront', webhookId: 'msg_x' }),
      method: 'POST',
      token: token(),
    })
    expect(create.status).toBe(403)
  })
})
