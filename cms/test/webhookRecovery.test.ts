/**
 * A receiver down for longer than the retries last: its deliveries are given up on (`failed`), and
 * staff send them all again once it is back (`POST /webhook-deliveries/recover`).
 */
import { randomBytes } from 'node:crypto'

import type { WebhookDelivery } from '@showroom/shared-types'

import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, createActors } from './actors'
import { startTestCms, type TestCms } from './startTestCms'
import { type Receiver, startReceiver, waitFor } from './webhookReceiver'

const SECRET = `whsec_${randomBytes(32).toString('base64')}`

let cms: TestCms
let actors: Actors
let storefront: Receiver

beforeAll(async () => {
  storefront = await startReceiver()
  cms = await startTestCms('webhook_recovery', {
    storefrontWebhook: { secret: SECRET, url: storefront.url },
    // Two attempts, quickly: "longer than the retries last" within a test.
    webhooks: { pollIntervalMs: 100, retry: { initialDelayMs: 40, maxAttempts: 2, maxDelayMs: 100 }, timeoutMs: 10_000 },
  })
  actors = await createActors(cms)
})
afterAll(async () => {
  await cms?.close()
  await storefront?.stop()
})

const deliveriesOf = async (resources: string[]) =>
  (
    await cms.payload.find({
      collection: 'webhook-deliveries',
      depth: 0,
      pagination: false,
      showHiddenFields: true,
      sort: 'id',
      where: { eventType: { equals: 'category.created' }, resource: { in: resources } },
    })
  ).docs as WebhookDelivery[]

const recover = (body: unknown, token?: string) =>
  cms.api('/webhook-deliveries/recover', { body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, method: 'POST', token })

describe('a receiver down longer than the retries last', () => {
  it('gets every event it was given up on, in order, once staff recover them', async () => {
    storefront.answer = 503
    const titles = ['Recovered 1', 'Recovered 2', 'Recovered 3']
    const resources: string[] = []
    for (const title of titles) resources.push(`category:${(await cms.payload.create({ collection: 'categories', data: { title } })).id}`)
    const failed = await waitFor('the deliveries to be given up on', async () => {
      const found = await deliveriesOf(resources)
      return found.length === 3 && found.every((delivery) => delivery.status === 'failed') && found
    })
    expect(failed.map((delivery) => delivery.attemptCount)).toEqual([2, 2, 2])

    storefront.answer = 204
    // Refused before anything is queued: guests, customers, a malformed target or date.
    expect((await recover({ target: 'storefront' })).status).toBe(401)
    expect((await recover({ target: 'storefront' }, actors.alice.token)).status).toBe(403)
    const badTarget = await recover({ target: 'everyone' }, actors.editor.token)
    expect([badTarget.status, await badTarget.json()]).toEqual([400, { errors: [{ message: '"target" must be "storefront" or "endpoint:<id>".' }] }])
    expect((await recover({ since: 'yesterday', target: 'storefront' }, actors.editor.token)).status).toBe(400)
    // An endpoint that is gone, or switched off, would only fail them all again.
    expect((await recover({ target: 'endpoint:999999' }, actors.editor.token)).status).toBe(404)
    const inactive = await cms.payload.create({
      collection: 'webhook-endpoints',
      data: { active: false, secret: `whsec_${randomBytes(32).toString('base64')}`, url: 'https://example.test/hook' },
    })
    const refused = await recover({ target: `endpoint:${inactive.id}` }, actors.editor.token)
    expect([refused.status, await refused.json()]).toEqual([409, { errors: [{ message: 'That webhook endpoint is inactive: activate it first.' }] }])
    // Nothing from after the outage: none to send.
    expect(await (await recover({ since: new Date(Date.now() + 60_000).toISOString(), target: 'storefront' }, actors.editor.token)).json()).toEqual({ requeued: 0 })
    expect((await deliveriesOf(resources)).every((delivery) => delivery.status === 'failed')).toBe(true)

    const response = await recover({ target: 'storefront' }, actors.editor.token)
    expect([response.status, await response.json()]).toEqual([202, { requeued: 3 }])
    const delivered = await waitFor('the recovered deliveries', async () => {
      const found = await deliveriesOf(resources)
      return found.every((delivery) => delivery.status === 'succeeded') && found
    })
    // Each arrived once, in the order the changes were made, under its own webhook-id, signed.
    const arrived = storefront.accepted.filter((item) => resources.includes((JSON.parse(item.body) as { data: { resource: string } }).data.resource))
    expect(arrived.map((item) => item.headers['webhook-id'])).toEqual(delivered.map((delivery) => delivery.webhookId))
    expect(arrived.map((item) => (new Webhook(SECRET).verify(item.body, item.headers as Record<string, string>) as { data: { title: string } }).data.title)).toEqual(titles)
    expect(delivered.map((delivery) => delivery.attemptCount)).toEqual([3, 3, 3])
  })

  it('gives a recovered delivery a new round of retries', async () => {
    storefront.answer = 503
    const resource = `category:${(await cms.payload.create({ collection: 'categories', data: { title: 'Second outage' } })).id}`
    await waitFor('the delivery to be given up on', async () => (await deliveriesOf([resource]))[0]?.status === 'failed')
    // The first attempt after recovering fails too: it is retried (not given up on at once), and gets through.
    storefront.answer = 204
    storefront.failNext = 1
    expect(await (await recover({ target: 'storefront' }, actors.editor.token)).json()).toEqual({ requeued: 1 })
    const [delivery] = await waitFor('the recovered delivery to settle', async () => {
      const found = await deliveriesOf([resource])
      return (found[0]?.status === 'succeeded' || found[0]?.status === 'failed') && found
    })
    expect(delivery).toMatchObject({ attemptCount: 4, status: 'succeeded' })
  })
})
