/**
 * The delivery log does not grow for ever: every CMS process removes finished deliveries older than
 * the retention (and webhook job rows a crash left behind); open deliveries stay, however old.
 */
import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SQL } from '@showroom/payload-commerce/database'
import { startTestCms, type TestCms } from './startTestCms'
import { type Receiver, startReceiver, waitFor } from './webhookReceiver'

let cms: TestCms
let storefront: Receiver

beforeAll(async () => {
  storefront = await startReceiver()
  cms = await startTestCms('webhook_retention', {
    storefrontWebhook: { secret: `whsec_${randomBytes(32).toString('base64')}`, url: storefront.url },
    webhooks: { pollIntervalMs: 100, pruneIntervalMs: 300, retentionDays: 7 },
  })
})
afterAll(async () => {
  await cms?.close()
  await storefront?.stop()
})

const execute = (query: SQL) => cms.db.execute<Record<string, unknown>>(query)

/** A delivered category event, made `ageDays` old (last changed `changedDaysAgo`) and given `status`. */
const delivery = async (title: string, ageDays: number, status: 'failed' | 'retrying' | 'succeeded', changedDaysAgo = ageDays): Promise<number> => {
  const category = await cms.payload.create({ collection: 'categories', data: { title } })
  const [found] = await waitFor(`the delivery for ${title}`, async () => {
    const { docs } = await cms.payload.find({ collection: 'webhook-deliveries', depth: 0, where: { resource: { equals: `category:${category.id}` } } })
    return docs[0]?.status === 'succeeded' && docs
  })
  const id = Number(found?.id)
  // A retrying one waits far in the future, so the poller leaves it alone.
  await execute(sql`
    update webhook_deliveries set created_at = now() - ${ageDays} * interval '1 day', updated_at = now() - ${changedDaysAgo} * interval '1 day', status = ${status},
      next_attempt_at = ${status === 'retrying' ? sql`now() + interval '1 day'` : sql`null`}
    where id = ${id}`)
  return id
}

const remaining = async (ids: number[]) =>
  (await execute(sql`select id from webhook_deliveries where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) order by id`)).rows.map((row) => Number(row.id))

describe('the webhook log', () => {
  it('loses finished deliveries past the retention, keeps recent and open ones, and clears stuck job rows', async () => {
    const oldSucceeded = await delivery('Old and delivered', 8, 'succeeded')
    const oldFailed = await delivery('Old and given up on', 30, 'failed')
    const recent = await delivery('Delivered yesterday', 1, 'succeeded')
    // Given up on long ago, but recovered (sent again) yesterday: it counts from then.
    const recovered = await delivery('Old, recovered yesterday', 30, 'succeeded', 1)
    // Last: while it waits for its retry, later deliveries to the storefront wait behind it.
    const oldOpen = await delivery('Old and still retrying', 30, 'retrying')
    // A webhook job a crashed process left marked as running two days ago, and a fresh running one.
    const stuck = await cms.payload.jobs.queue({ input: { target: 'storefront' }, queue: 'webhooks', task: 'deliverWebhooks' })
    const running = await cms.payload.jobs.queue({ input: { target: 'storefront' }, queue: 'webhooks', task: 'deliverWebhooks' })
    await execute(sql`update payload_jobs set processing = true, updated_at = now() - interval '2 days', created_at = now() - interval '2 days' where id = ${stuck.id}`)
    await execute(sql`update payload_jobs set processing = true where id = ${running.id}`)

    const jobs = async () => (await execute(sql`select id from payload_jobs where id in (${stuck.id}, ${running.id})`)).rows.map((row) => Number(row.id))
    await waitFor('the prune', async () => (await remaining([oldSucceeded, oldFailed])).length === 0 && !(await jobs()).includes(Number(stuck.id)))
    expect(await remaining([oldSucceeded, oldFailed, recent, recovered, oldOpen])).toEqual([recent, recovered, oldOpen])
    // The attempts went with their deliveries.
    expect((await execute(sql`select count(*)::int as n from webhook_deliveries_attempts where _parent_id in (${oldSucceeded}, ${oldFailed})`)).rows[0]?.n).toBe(0)
    expect(await jobs()).toEqual([Number(running.id)])
  })
})

describe('the catalogue version counters', () => {
  it('fold the rows of exited database backends into one, keeping both sums exactly', async () => {
    // A save through the CMS writes a live backend's row; two rows of backends that are long gone
    // (process ids no live backend has) stand for the connections of past processes.
    await cms.payload.create({ collection: 'categories', data: { title: 'Counted' } })
    await execute(sql`insert into product_search_version (backend, changes, text_changes) values (2147480001, 5, 2), (2147480002, 7, 0)`)
    const sums = async () => (await execute(sql`select sum(changes)::text as changes, sum(text_changes)::text as text_changes from product_search_version`)).rows[0]
    const before = await sums()
    const gone = async () => (await execute(sql`select count(*)::int as n from product_search_version where backend in (2147480001, 2147480002)`)).rows[0]?.n
    await waitFor('the fold', async () => (await gone()) === 0)
    expect(await sums()).toEqual(before)
    const { rows } = await execute(sql`select backend, changes::int as changes from product_search_version where backend = 0`)
    expect(Number(rows[0]?.changes)).toBeGreaterThanOrEqual(12)
    // Rows of backends still connected stay their own.
    const live = await execute(sql`select count(*)::int as n from product_search_version v join pg_stat_activity a on a.pid = v.backend`)
    expect(live.rows[0]?.n).toBeGreaterThan(0)
  })
})

