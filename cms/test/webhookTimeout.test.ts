/**
 * A webhook attempt that gets no answer ends at the configured timeout, fails, and is retried. On a CMS
 * of its own with a short timeout (webhooks.test.ts keeps the plugin's 10 s default, so that an
 * event-loop stall on a loaded machine never times out an answered attempt there): waiting out that
 * default cost every run 10 s.
 */
import { randomBytes } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, createActors } from './actors'
import { startTestCms, type TestCms } from './startTestCms'
import { type Receiver, startReceiver, waitFor } from './webhookReceiver'

const TIMEOUT_MS = 1000

let cms: TestCms
let actors: Actors
let receiver: Receiver

beforeAll(async () => {
  receiver = await startReceiver()
  cms = await startTestCms('webhook_timeout', { webhooks: { pollIntervalMs: 100, retry: { initialDelayMs: 40, maxAttempts: 40, maxDelayMs: 300 }, timeoutMs: TIMEOUT_MS } })
  actors = await createActors(cms)
})
afterAll(async () => {
  await cms?.close()
  await receiver?.stop()
})

type Attempt = { error?: null | string; statusCode?: null | number }

describe('an attempt', () => {
  it('that gets no answer within the timeout fails, and is retried', async () => {
    receiver.hang = true
    const created = await cms.api('/webhook-endpoints', {
      body: JSON.stringify({ events: ['category.deleted'], secret: `whsec_${randomBytes(32).toString('base64')}`, url: receiver.url }),
      method: 'POST',
      token: actors.admin.token,
    })
    expect(created.status).toBe(201)
    const endpoint = ((await created.json()) as { doc: { id: number } }).doc
    const category = await cms.payload.create({ collection: 'categories', data: { title: 'Slow' } })
    await cms.payload.delete({ collection: 'categories', id: category.id })
    // The first attempt is left hanging; the ones after it are answered.
    await waitFor('the first attempt to arrive', () => receiver.hung === 1)
    receiver.hang = false
    const [attempt] = await waitFor('a timed-out attempt', async () => {
      const { docs } = await cms.payload.find({ collection: 'webhook-deliveries', depth: 0, where: { target: { equals: `endpoint:${endpoint.id}` } } })
      const attempts = (docs[0] as { attempts?: Attempt[] } | undefined)?.attempts
      return attempts && attempts.length > 0 && attempts
    })
    expect(attempt).toMatchObject({ error: `No answer within ${TIMEOUT_MS} ms.`, statusCode: null })
    const deleted = await waitFor('the retried delivery', () =>
      receiver.accepted.map((received) => JSON.parse(received.body) as { data: { resource: string }; type: string }).find((event) => event.type === 'category.deleted'),
    )
    expect(deleted.data.resource).toBe(`category:${category.id}`)
    expect(receiver.hung).toBe(1)
  })
})
