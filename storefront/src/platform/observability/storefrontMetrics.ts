import { createMetricsRegistry } from './metrics'

/** Latency buckets in seconds: a cache hit takes milliseconds, a slow CMS page seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const

/** This process's metrics, served at `/metrics` (see `pages/metrics.ts`). */
export const registry = createMetricsRegistry()

/** Labels: `method`, `route` (the page pattern, such as `/p/[slug]`, never the raw path), `status`. */
export const httpRequests = registry.counter('storefront_http_requests_total', 'HTTP requests answered, by method, route pattern and status.')
/** Labels: `method`, `route`. Until the response headers are ready (an SSE stream counts until it opens). */
export const httpDuration = registry.histogram('storefront_http_request_duration_seconds', 'Time to answer a request, by method and route pattern.', LATENCY_BUCKETS)
/** Labels: `state` (`hit`, `stale`, `stale-if-error`, `miss`, `bypass`). */
export const routeCacheLookups = registry.counter('storefront_route_cache_lookups_total', 'Route cache lookups of GET requests, by outcome.')
/** Labels: `outcome` (`stored`; `failed`: the page was served but the store did not keep it; `superseded`: an invalidation of its tags arrived while it rendered). */
export const routeCacheWrites = registry.counter('storefront_route_cache_writes_total', 'Route cache writes of rendered cacheable pages, by outcome.')
/** Labels: `operation` (`read`, `write`, `invalidate`). */
export const routeCacheErrors = registry.counter('storefront_route_cache_store_errors_total', 'Route cache store failures (Redis down): the page is rendered or kept in memory instead.')
/** Labels: `outcome` (`applied`, `duplicate`, `stale`, `rejected`, `ignored`, `failed`). */
export const webhookReceipts = registry.counter('storefront_webhook_receipts_total', 'CMS webhook deliveries received, by outcome.')
export const liveConnections = registry.gauge('storefront_live_connections', 'Open Server-Sent Events streams.')
export const liveEventsSent = registry.counter('storefront_live_events_sent_total', 'Live events written to Server-Sent Events streams.')
/** Time to hand one event to every stream of this instance listening on its channel (thousands for a busy product). */
export const liveFanoutDuration = registry.histogram(
  'storefront_live_fanout_duration_seconds',
  'Time to write one live event to every Server-Sent Events stream of this instance that follows its channel.',
  [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
)
/** Labels: `method`, `outcome` (`ok` or a `CmsError` kind). */
export const cmsRequests = registry.counter('storefront_cms_requests_total', 'Requests to the CMS REST API, by method and outcome.')
/** Labels: `method`. */
export const cmsDuration = registry.histogram('storefront_cms_request_duration_seconds', 'Time the CMS took to answer, by method.', LATENCY_BUCKETS)
/** Labels: `operation` (`route-cache-read`, `webhook-claim`, `live-publish`, `session-read-refused`…). */
export const redisFallbacks = registry.counter(
  'storefront_redis_fallbacks_total',
  'Redis commands that failed (degraded mode): served from this process memory instead, or refused for sessions.',
)
