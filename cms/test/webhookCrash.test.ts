import { randomBytes } from 'node:crypto'
import { createServer, type Server, type ServerResponse } from 'node:http'

import { createTestDatabase, freePort, migratedTemplate, type TestDatabase } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { API_PROCESS_START_MS, type ApiProcess, eventually, startApiProcess } from './apiProcess'

const SECRET = `whsec_${randomBytes(32).toString('base64')}`
const TIMEOUT_MS = 5000
const LEASE_MARGIN_MS = 500

type Arrival = { at: number; webhookId: string }

let database: TestDatabase
let receiver: Server
let receiverUrl: string
const arrivals: Arrival[] = []
/** Requests held open (never answered), so the sender is mid-attempt when it dies. */
const held: ServerResponse[] = []
let holdNext = true
const processes: ApiProcess[] = []

const METRICS_TOKEN = 'metrics-token-0123456789'

const webhookEnv = () => ({
  METRICS_TOKEN,
  STOREFRONT_WEBHOOK_SECRET: SECRET,
  STOREFRONT_WEBHOOK_URL: receiverUrl,
  WEBHOOK_LEASE_MARGIN_MS: String(LEASE_MARGIN_MS),
  WEBHOOK_POLL_INTERVAL_MS: '200',
  WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
})

beforeAll(async () => {
  database = await createTestDatabase('webhook_crash', { template: migratedTemplate() })
  const port = await freePort()
  receiverUrl = `http://127.0.0.1:${port}/webhooks`
  receiver = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      arrivals.push({ at: Date.now(), webhookId: String(request.headers['webhook-id']) })
      if (holdNext) {
        holdNext = false
        held.push(response)
        return
      }
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve))
})
afterAll(async () => {
  for (const cms of processes) await cms.process.stop()
  receiver?.closeAllConnections()
  await new Promise((resolve) => receiver?.close(resolve))
  await database?.drop()
})

describe('a CMS process killed while a webhook is being sent', () => {
  it('leaves the delivery to another process, which sends it once its lease is over, with the same webhook-id, once', async () => {
    const first = await startApiProcess(database.url, { env: webhookEnv() })
    processes.push(first)
    const registered = await fetch(`${first.api}/users/first-register`, {
      body: JSON.stringify({ email: 'admin@example.test', name: 'Admin', password: 'admin-Passw0rd!' }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    const { token } = (await registered.json()) as { token: string }
    const createCategory = (cms: ApiProcess, title: string) =>
      fetch(`${cms.api}/categories`, {
        body: JSON.stringify({ title }),
        headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
        method: 'POST',
      })
    expect((await createCategory(first, 'Lamps')).status).toBe(201)

    const sent = await eventually('the first attempt to arrive', async () => arrivals[0])
    expect(await first.process.stop('SIGKILL')).toMatchObject({ signal: 'SIGKILL' })

    const second = await startApiProcess(database.url, { env: webhookEnv() })
    processes.push(second)
    // The held delivery is the receiver's oldest, so it goes first again (events stay in order).
    const retried = await eventually('the delivery to be sent again', async () => arrivals[1], TIMEOUT_MS + LEASE_MARGIN_MS + 10_000)
    expect(retried.webhookId).toBe(sent.webhookId)
    // Not before the dead process's lease was over: a live sender is never doubled.
    expect(retried.at - sent.at).toBeGreaterThanOrEqual(TIMEOUT_MS + LEASE_MARGIN_MS - 300)
    // A later event. The receiver gets its deliveries one at a time, oldest first: once this one is
    // delivered, any further copy of the interrupted delivery would have arrived before it.
    const later = await createCategory(second, 'Desks')
    expect(later.status).toBe(201)
    const laterResource = `category:${((await later.json()) as { doc: { id: number } }).doc.id}`

    // The session from the killed process works on the new one (sessions live in the database).
    const log = await eventually('the deliveries to be recorded, the later one too', async () => {
      const response = await fetch(`${second.api}/webhook-deliveries?depth=0`, { headers: { authorization: `JWT ${token}` } })
      const { docs } = (await response.json()) as { docs: Array<{ attemptCount: number; resource: string; status: string; webhookId: string }> }
      return docs.some((doc) => doc.resource === laterResource) && docs.every((doc) => doc.status === 'succeeded') ? docs : undefined
    })
    // The interrupted attempt was never recorded: one recorded, successful attempt.
    expect(log.find((doc) => doc.webhookId === sent.webhookId)).toMatchObject({ attemptCount: 1, status: 'succeeded' })
    // Nothing more arrived: the interrupted delivery was sent once after the crash, the others once.
    const times = new Map<string, number>()
    for (const { webhookId } of arrivals) times.set(webhookId, (times.get(webhookId) ?? 0) + 1)
    expect(times.get(sent.webhookId)).toBe(2)
    expect([...times.values()].sort()).toEqual([...Array.from({ length: log.length - 1 }, () => 1), 2])

    // The new process counted what it sent.
    const metrics = await (await fetch(`${second.api}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text()
    expect(metrics).toContain(`showroom_cms_webhook_deliveries_total{outcome="succeeded"} ${log.length}`)
    expect(metrics).toMatch(/^showroom_cms_webhook_attempt_duration_seconds_count\{outcome="succeeded"\} \d+$/m)
    // Two process start-ups and a lease: beyond the 60 s default. Longer than all the waits inside
    // together, so a slow start fails on its own message and leaves no process starting.
  }, 2 * API_PROCESS_START_MS + 120_000)
})
