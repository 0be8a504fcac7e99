import { Counter, Gauge, Histogram, Registry } from 'prom-client'

/** Latency buckets in seconds: a cache hit takes milliseconds, a slow CMS page seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/**
 * This process's metrics (`prom-client`), served at `/metrics` (see `pages/metrics.ts`). Per process,
 * as Prometheus expects: it scrapes every instance and sums them itself. A series' labels are written
 * in the order of the first label object it was given: every caller passes them in alphabetical order.
 * prom-client keeps that first object, so a label object is never changed once passed in (the hot
 * path keeps one per cached page, see `hotCache.ts`).
 */
export const registry = new Registry()

const registers = [registry]

/** Labels: `method`, `route` (the page pattern, such as `/p/[slug]`, never the raw path), `status`. */
export const httpRequests = new Counter({
  help: 'HTTP requests answered, by method, route pattern and status.',
  labelNames: ['method', 'route', 'status'],
  name: 'storefront_http_requests_total',
  registers,
})
/** Labels: `method`, `route`. Until the response headers are ready (an SSE stream counts until it opens). */
export const httpDuration = new Histogram({
  buckets: LATENCY_BUCKETS,
  help: 'Time to answer a request, by method and route pattern.',
  labelNames: ['method', 'route'],
  name: 'storefront_http_request_duration_seconds',
  registers,
})
/** Labels: `state` (`hit`, `stale`, `stale-if-error`, `miss`, `bypass`). */
export const routeCacheLookups = new Counter({
  help: 'Route cache lookups of GET requests, by outcome.',
  labelNames: ['state'],
  name: 'storefront_route_cache_lookups_total',
  registers,
})
/** Labels: `outcome` (`stored`; `failed`: the page was served but the store did not keep it; `superseded`: an invalidation of its tags arrived while it rendered). */
export const routeCacheWrites = new Counter({
  help: 'Route cache writes of rendered cacheable pages, by outcome.',
  labelNames: ['outcome'],
  name: 'storefront_route_cache_writes_total',
  registers,
})
/** Labels: `operation` (`read`, `write`, `invalidate`). */
export const routeCacheErrors = new Counter({
  help: 'Route cache store failures (Redis down): the page is rendered or kept in memory instead.',
  labelNames: ['operation'],
  name: 'storefront_route_cache_store_errors_total',
  registers,
})
/** Labels: `outcome` (`applied`, `duplicate`, `stale`, `rejected`, `ignored`, `failed`). */
export const webhookReceipts = new Counter({
  help: 'CMS webhook deliveries received, by outcome.',
  labelNames: ['outcome'],
  name: 'storefront_webhook_receipts_total',
  registers,
})
export const liveConnections = new Gauge({ help: 'Open Server-Sent Events streams.', name: 'storefront_live_connections', registers })
export const liveEventsSent = new Counter({ help: 'Live events written to Server-Sent Events streams.', name: 'storefront_live_events_sent_total', registers })
/** Time to hand one event to every stream of this instance listening on its channel (thousands for a busy product). */
export const liveFanoutDuration = new Histogram({
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  help: 'Time to write one live event to every Server-Sent Events stream of this instance that follows its channel.',
  name: 'storefront_live_fanout_duration_seconds',
  registers,
})
/** Labels: `method`, `outcome` (`ok` or a `CmsError` kind). */
export const cmsRequests = new Counter({
  help: 'Requests to the CMS REST API, by method and outcome.',
  labelNames: ['method', 'outcome'],
  name: 'storefront_cms_requests_total',
  registers,
})
/** Labels: `method`. */
export const cmsDuration = new Histogram({
  buckets: LATENCY_BUCKETS,
  help: 'Time the CMS took to answer, by method.',
  labelNames: ['method'],
  name: 'storefront_cms_request_duration_seconds',
  registers,
})
/** Labels: `operation` (`route-cache-read`, `webhook-claim`, `live-publish`, `session-read-refused`…). */
export const redisFallbacks = new Counter({
  help: 'Redis commands that failed (degraded mode): served from this process memory instead, or refused for sessions.',
  labelNames: ['operation'],
  name: 'storefront_redis_fallbacks_total',
  registers,
})
