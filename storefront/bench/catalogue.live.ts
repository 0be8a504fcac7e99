/**
 * `pnpm bench catalogue` (storefront live): how soon a change reaches shoppers, with two storefront
 * instances sharing Redis; the CMS API process sends its webhooks to the first one (the test harness
 * starts them on a fresh database with the test catalogue).
 * 1. Save-to-visible: a product's price is PATCHed through the CMS REST API; from the moment that
 *    request returns, both instances are polled until their (route-cached) HTML shows the new price.
 *    Where the time goes comes from instance 1's access log (when the webhook arrived, how long it took).
 * 2. Fan-out: N Server-Sent Events subscribers on the product, spread over both instances and held by
 *    several client processes (raw `node:http`); a price save, then the time until each has the event.
 * 3. Peak RSS (Linux VmHWM) of each storefront instance and of the CMS API process over the run.
 * Options: `--edits N` (default 100), `--subscribers N` (default 10000), `--clients N` (client processes, default 2: one per core).
 */
import { parseArgs } from 'node:util'

import { reportFigure } from '@showroom/test-support'

import { cmsAdmin } from '../test/support/cmsAdmin'
import { startShop } from '../test/support/harness'
import { sharedRedis } from '../test/support/sharedRedis'
import { peakRssMiB } from './support/peakRss'
import { openSseClients } from './support/sseClients'

const { values } = parseArgs({
  options: { clients: { default: '2', type: 'string' }, edits: { default: '100', type: 'string' }, subscribers: { default: '10000', type: 'string' } },
  strict: false,
})
const EDITS = Number(values.edits)
const SUBSCRIBERS = Number(values.subscribers)
const CLIENTS = Number(values.clients)

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((x, y) => x - y)
  return { max: sorted.at(-1) ?? Number.NaN, min: sorted[0] ?? Number.NaN, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
}
const ms = (value: number): string => (Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0))
const now = (): number => performance.timeOrigin + performance.now()

/** The webhook requests in a stretch of instance 1's access log: when each began (ms since the epoch), and how long it took. */
const webhooksIn = (output: string): Array<{ durationMs: number; startedAt: number }> =>
  output.split('\n').flatMap((line) => {
    if (!line.includes('"path":"/api/webhooks/cms"')) return []
    const entry = JSON.parse(line) as { durationMs: number; time: string }
    return [{ durationMs: entry.durationMs, startedAt: Date.parse(entry.time) - entry.durationMs }]
  })

/** Sum of `storefront_live_fanout_duration_seconds` on one instance, in ms: the time it spent writing events to its streams. */
const METRICS_TOKEN = 'bench-live-metrics-token'
const fanoutMs = async (origin: string): Promise<number> => {
  const text = await (await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text()
  if (!text.includes('# TYPE storefront_live_fanout_duration_seconds histogram')) throw new Error(`no fan-out metric at ${origin}/metrics: ${text.slice(0, 200)}`)
  // No sample yet (no event reached a stream of this instance so far): nothing spent.
  return Number(/^storefront_live_fanout_duration_seconds_sum (\S+)$/m.exec(text)?.[1] ?? 0) * 1000
}

/** The page renders (misses: hits answered from memory write no log line) of `path` in a stretch of an instance's log: when each ended, and how long it took. */
const rendersIn = (output: string, path: string): Array<{ durationMs: number; endedAt: number }> =>
  output.split('\n').flatMap((line) => {
    if (!line.includes(`"path":"${path}"`) || !line.includes('"msg":"request"')) return []
    const entry = JSON.parse(line) as { durationMs: number; time: string }
    return [{ durationMs: entry.durationMs, endedAt: Date.parse(entry.time) }]
  })

/** One instance's `storefront_cms_request_duration_seconds` (GET): how many CMS reads it made, and their total time in ms. */
const cmsReads = async (origin: string): Promise<{ count: number; ms: number }> => {
  const text = await (await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text()
  const sum = /^storefront_cms_request_duration_seconds_sum\{[^}]*method="GET"[^}]*\} (\S+)$/m.exec(text)?.[1]
  const count = /^storefront_cms_request_duration_seconds_count\{[^}]*method="GET"[^}]*\} (\S+)$/m.exec(text)?.[1]
  return { count: Number(count ?? 0), ms: Number(sum ?? 0) * 1000 }
}

const redis = sharedRedis('bench-live')
const shop = await startShop('catalogue-live', {
  cmsEnv: { STOREFRONT_WEBHOOK_SECRET: redis.secret },
  env: { ...redis.env, METRICS_TOKEN },
  instances: 2,
})
/** The CMS API's peak before anything is measured: start-up (migrations, the listing build) and the catalogue's seeding. */
const cmsPeakAfterStart = peakRssMiB(shop.cms.process.pid)
try {
  const asAdmin = cmsAdmin(shop.cms.api)
  const origins = shop.storefronts.map((instance) => instance.url)
  const first = shop.storefronts[0]?.process
  if (!first) throw new Error('no storefront')
  const { id, slug } = shop.catalogue.mug
  const path = `/p/${slug}`
  const setPrice = (price: number) => asAdmin(`/products/${id}`, { body: { price }, method: 'PATCH' })
  const shows = async (origin: string, text: string): Promise<boolean> => (await (await fetch(`${origin}${path}`)).text()).includes(text)
  const euros = (minor: number): string => `€${(minor / 100).toFixed(2)}`

  // 1. Save-to-visible, one edit after another, each on a warm cache (a hit in both instances' L1).
  const visible: number[] = []
  const visibleOnSecond: number[] = []
  const webhookArrival: number[] = []
  const webhookHandling: number[] = []
  /** Per instance: each re-render of the product page after an edit (the miss that shows the new price). */
  const renders: number[][] = origins.map(() => [])
  /** Per instance: from the save to the end of that re-render. */
  const renderedAt: number[][] = origins.map(() => [])
  const readsBefore = await Promise.all(origins.map(cmsReads))
  for (let edit = 0; edit < EDITS; edit += 1) {
    for (const origin of origins) for (let warm = 0; warm < 2; warm += 1) await fetch(`${origin}${path}`).then((response) => response.arrayBuffer())
    const price = 2000 + edit
    const logged = first.output().length
    const loggedPerInstance = shop.storefronts.map((instance) => instance.process.output().length)
    const sent = now()
    await setPrice(price)
    const saved = now()
    const pending = new Set(origins)
    while (pending.size > 0) {
      for (const origin of [...pending]) {
        if (!(await shows(origin, euros(price)))) continue
        pending.delete(origin)
        if (origin === origins[1]) visibleOnSecond.push(now() - saved)
      }
      if (now() - saved > 10_000) throw new Error(`edit ${edit}: not visible on every instance after 10 s`)
    }
    visible.push(now() - saved)
    // The price event's delivery (the product.updated one may come first or after). It may arrive before
    // the PATCH's answer (it leaves at the commit), but not before the PATCH was sent: anything earlier
    // is the previous edit's last delivery.
    const hooks = webhooksIn(first.output().slice(logged)).filter((hook) => hook.startedAt >= sent - 1)
    const earliest = hooks.reduce((best, hook) => (hook.startedAt < best.startedAt ? hook : best), hooks[0] ?? { durationMs: Number.NaN, startedAt: Number.NaN })
    webhookArrival.push(earliest.startedAt - saved)
    webhookHandling.push(earliest.durationMs)
    for (const [index, instance] of shop.storefronts.entries()) {
      const last = rendersIn(instance.process.output().slice(loggedPerInstance[index]), path).at(-1)
      if (!last) continue
      renders[index]?.push(last.durationMs)
      renderedAt[index]?.push(last.endedAt - saved)
    }
  }
  const readsAfter = await Promise.all(origins.map(cmsReads))

  const peakAfterEdits = [...shop.storefronts.map((instance) => peakRssMiB(instance.process.pid)), peakRssMiB(shop.cms.process.pid)]

  // 2. Fan-out to many subscribers, spread over both instances.
  const clients = await openSseClients({ processes: CLIENTS, total: SUBSCRIBERS, urls: origins.map((origin) => `${origin}/live/products/${id}`) })
  let delivered: number[]
  let afterWebhook: number[]
  /** Per instance: the time it spent writing the event to its own streams (its metrics). */
  let writing: number[] = []
  try {
    const fanoutPrice = 9999
    await clients.watch(`"price":${fanoutPrice}`)
    const logged = first.output().length
    const fanoutBefore = await Promise.all(origins.map(fanoutMs))
    await setPrice(fanoutPrice)
    const saved = now()
    const arrivals = await clients.arrivals(30_000)
    writing = await Promise.all(origins.map(async (origin, index) => (await fanoutMs(origin)) - (fanoutBefore[index] ?? Number.NaN)))
    delivered = arrivals.map((at) => at - saved)
    // From the end of the webhook that published the event (instance 1's log): the storefront's own share.
    const published = Math.min(...webhooksIn(first.output().slice(logged)).map((hook) => hook.startedAt + hook.durationMs))
    afterWebhook = arrivals.map((at) => at - published)
  } finally {
    clients.stop()
  }
  const within200 = delivered.filter((latency) => latency <= 200).length / delivered.length

  const rows = [
    { label: `save → visible on both instances (${EDITS} edits)`, ...summary(visible) },
    { label: 'save → visible on instance 2 (no webhook; Redis pub/sub)', ...summary(visibleOnSecond) },
    { label: 'save → webhook arrives at instance 1', ...summary(webhookArrival) },
    { label: 'webhook handled by instance 1 (invalidate + publish)', ...summary(webhookHandling) },
    ...origins.flatMap((_, index) => [
      { label: `instance ${index + 1}: product page re-render after the edit (miss, CMS read included)`, ...summary(renders[index] ?? []) },
      { label: `instance ${index + 1}: save → that re-render done (ms clock of its log)`, ...summary(renderedAt[index] ?? []) },
    ]),
    { label: `save → event at each of ${SUBSCRIBERS} SSE subscribers (2 instances, ${CLIENTS} client processes)`, ...summary(delivered) },
    { label: `webhook answered by instance 1 → event at each of ${SUBSCRIBERS} SSE subscribers`, ...summary(afterWebhook) },
  ]
  console.log('Timed from the moment the CMS REST update returns. Webhooks go to instance 1; Redis carries the rest.')
  console.log('Indicative: a 2-core machine shared with other work.\n')
  console.log('| measure | min ms | p50 ms | p99 ms | max ms |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const row of rows) {
    console.log(`| ${row.label} | ${ms(row.min)} | ${ms(row.p50)} | ${ms(row.p99)} | ${ms(row.max)} |`)
    reportFigure(`${row.label}: p50`, row.p50, 'ms')
    reportFigure(`${row.label}: p99`, row.p99, 'ms')
  }
  for (const [index, origin] of origins.entries()) {
    const before = readsBefore[index] ?? { count: 0, ms: 0 }
    const after = readsAfter[index] ?? { count: 0, ms: 0 }
    const count = after.count - before.count
    console.log(`Instance ${index + 1} (${origin}) made ${count} CMS reads during the edits, ${((after.ms - before.ms) / Math.max(1, count)).toFixed(1)} ms each on average.`)
  }
  for (const [index, ms] of writing.entries()) {
    console.log(`Instance ${index + 1} wrote the event to its ${SUBSCRIBERS / origins.length} streams in ${ms.toFixed(1)} ms (its storefront_live_fanout_duration_seconds).`)
    reportFigure(`instance ${index + 1}: time to write one event to its ${SUBSCRIBERS / origins.length} SSE streams`, ms, 'ms')
  }
  console.log(`\n${(within200 * 100).toFixed(1)} % of the ${SUBSCRIBERS} subscribers had the price within 200 ms of the save.`)
  reportFigure(`SSE subscribers with the price within 200 ms (of ${SUBSCRIBERS})`, within200 * 100, '%')

  const peaks = [
    ...shop.storefronts.map((instance, index) => ({ afterEdits: peakAfterEdits[index] ?? Number.NaN, label: `storefront instance ${index + 1}`, mib: peakRssMiB(instance.process.pid) })),
    { afterEdits: peakAfterEdits[shop.storefronts.length] ?? Number.NaN, afterStart: cmsPeakAfterStart, label: 'CMS API', mib: peakRssMiB(shop.cms.process.pid) },
  ]
  console.log(`\n| process | peak RSS MiB after start-up and seeding | after the edits | with ${SUBSCRIBERS / shop.storefronts.length} streams each |`)
  console.log('| --- | ---: | ---: | ---: |')
  for (const peak of peaks) {
    const afterStart = 'afterStart' in peak ? peak.afterStart.toFixed(0) : ''
    console.log(`| ${peak.label} | ${afterStart} | ${peak.afterEdits.toFixed(0)} | ${peak.mib.toFixed(0)} |`)
    reportFigure(`${peak.label} peak RSS (edits + ${SUBSCRIBERS} SSE subscribers)`, peak.mib, 'MiB')
  }
} finally {
  await shop.stop()
  await redis.clear()
}
process.exit(0)
