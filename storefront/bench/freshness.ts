/**
 * `pnpm bench freshness`: how soon a change reaches shoppers. A CMS API process sends its webhooks to
 * the first of two storefront instances sharing Redis (the test harness starts them, on a fresh
 * database with the test catalogue).
 * 1. Save-to-visible: a product's price is PATCHed through the CMS REST API; from the moment that
 *    request returns, both instances are polled until their (route-cached) HTML shows the new price.
 * 2. Fan-out: N Server-Sent Events subscribers on the product, spread over both instances; a price
 *    save, then the time until each subscriber has the event.
 * Options: `--edits N` (default 100), `--subscribers N` (default 1000).
 */
import { parseArgs } from 'node:util'

import { reportFigure } from '@showroom/test-support'

import { cmsAdmin } from '../test/support/cmsAdmin'
import { startShop } from '../test/support/harness'
import { sharedRedis } from '../test/support/sharedRedis'

const { values } = parseArgs({ options: { edits: { default: '100', type: 'string' }, subscribers: { default: '1000', type: 'string' } } })
const EDITS = Number(values.edits)
const SUBSCRIBERS = Number(values.subscribers)

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((x, y) => x - y)
  return { max: sorted.at(-1) ?? Number.NaN, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
}
const ms = (value: number): string => (value < 10 ? value.toFixed(1) : value.toFixed(0))

const redis = sharedRedis('bench')

const shop = await startShop('freshness-bench', {
  cmsEnv: { STOREFRONT_WEBHOOK_SECRET: redis.secret },
  env: redis.env,
  instances: 2,
})
try {
  const asAdmin = cmsAdmin(shop.cms.api)
  const origins = shop.storefronts.map((instance) => instance.url)
  const { id, slug } = shop.catalogue.mug
  const path = `/p/${slug}`
  const setPrice = (price: number) => asAdmin(`/products/${id}`, { body: { price }, method: 'PATCH' })
  const shows = async (origin: string, text: string): Promise<boolean> => (await (await fetch(`${origin}${path}`)).text()).includes(text)
  const euros = (minor: number): string => `€${(minor / 100).toFixed(2)}`

  // 1. Save-to-visible, one edit after another, each on a warm cache.
  const visible: number[] = []
  for (let edit = 0; edit < EDITS; edit += 1) {
    for (const origin of origins) await fetch(`${origin}${path}`).then((response) => response.arrayBuffer())
    const price = 2000 + edit
    await setPrice(price)
    const saved = performance.now()
    const pending = new Set(origins)
    while (pending.size > 0) {
      for (const origin of [...pending]) if (await shows(origin, euros(price))) pending.delete(origin)
      if (performance.now() - saved > 10_000) throw new Error(`edit ${edit}: not visible on every instance after 10 s`)
    }
    visible.push(performance.now() - saved)
  }

  // 2. Fan-out to many subscribers.
  const controller = new AbortController()
  const streams = await Promise.all(
    Array.from({ length: SUBSCRIBERS }, async (_, index) => {
      const response = await fetch(`${origins[index % origins.length]}/live/products/${id}`, { headers: { accept: 'text/event-stream' }, signal: controller.signal })
      const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader()
      if (!reader) throw new Error(`subscriber ${index}: no stream (${response.status})`)
      return reader
    }),
  )
  const fanoutPrice = 9999
  let saved = 0
  const arrivals = streams.map(async (reader) => {
    let buffer = ''
    for (;;) {
      const chunk = await reader.read()
      if (chunk.done) throw new Error('a stream ended before the event')
      buffer += chunk.value
      if (buffer.includes('event: price') && buffer.includes(`"price":${fanoutPrice}`)) return performance.now() - saved
    }
  })
  await new Promise((resolve) => setTimeout(resolve, 500))
  await setPrice(fanoutPrice)
  saved = performance.now()
  const delivered = await Promise.all(arrivals)
  controller.abort()

  const rows = [
    { label: `save → visible on both instances (${EDITS} edits)`, ...summary(visible) },
    { label: `save → event at each of ${SUBSCRIBERS} SSE subscribers`, ...summary(delivered) },
  ]
  console.log('Timed from the moment the CMS REST update returns. Webhooks go to instance 1; Redis carries the rest.\n')
  console.log('| measure | p50 ms | p99 ms | max ms |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const row of rows) {
    console.log(`| ${row.label} | ${ms(row.p50)} | ${ms(row.p99)} | ${ms(row.max)} |`)
    reportFigure(`${row.label}: p50`, row.p50, 'ms')
    reportFigure(`${row.label}: p99`, row.p99, 'ms')
  }
} finally {
  await shop.stop()
  await redis.clear()
}
