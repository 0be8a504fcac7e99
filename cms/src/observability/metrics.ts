import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client'

export type CmsMetrics = {
  /** Text exposition format for `GET /api/v1/metrics`. */
  contentType: string
  httpRequest: (labels: { method: string; route: string; status: number }, seconds: number) => void
  jobRun: (task: string) => void
  render: () => Promise<string>
  webhookAttempt: (outcome: 'failed' | 'retrying' | 'succeeded', seconds: number) => void
  webhookPollerError: () => void
}

/**
 * prom-client's default metrics that break Prometheus naming (`promtool check metrics`: a gauge must not
 * end in `_total`). Each is the sum of a gauge it also exports by `type` label (`nodejs_active_handles`…),
 * so nothing is lost: `sum(nodejs_active_handles)` is the same figure.
 */
const MISNAMED_DEFAULT_METRICS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'] as const

const create = (): CmsMetrics => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  for (const name of MISNAMED_DEFAULT_METRICS) registry.removeSingleMetric(name)
  const requests = new Counter({
    help: 'HTTP requests answered by the CMS API server',
    labelNames: ['method', 'route', 'status'],
    name: 'showroom_cms_http_requests_total',
    registers: [registry],
  })
  const latency = new Histogram({
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    help: 'Time to answer an HTTP request, in seconds',
    labelNames: ['method', 'route', 'status'],
    name: 'showroom_cms_http_request_duration_seconds',
    registers: [registry],
  })
  const deliveries = new Counter({
    help: 'Webhook delivery attempts by outcome (retrying: failed, another attempt is scheduled; failed: given up)',
    labelNames: ['outcome'],
    name: 'showroom_cms_webhook_deliveries_total',
    registers: [registry],
  })
  const attemptSeconds = new Histogram({
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    help: 'Duration of one webhook delivery attempt, in seconds',
    labelNames: ['outcome'],
    name: 'showroom_cms_webhook_attempt_duration_seconds',
    registers: [registry],
  })
  const pollerErrors = new Counter({
    help: 'Webhook poller runs that failed (logged at error level; the poller tries again)',
    name: 'showroom_cms_webhook_poller_errors_total',
    registers: [registry],
  })
  const jobs = new Counter({ help: 'Payload job runs by task', labelNames: ['task'], name: 'showroom_cms_job_runs_total', registers: [registry] })
  return {
    contentType: registry.contentType,
    httpRequest: (labels, seconds) => {
      requests.inc(labels)
      latency.observe(labels, seconds)
    },
    jobRun: (task) => jobs.inc({ task }),
    render: () => registry.metrics(),
    webhookAttempt: (outcome, seconds) => {
      deliveries.inc({ outcome })
      attemptSeconds.observe({ outcome }, seconds)
    },
    webhookPollerError: () => pollerErrors.inc(),
  }
}

const key = Symbol.for('showroom.cms.metrics')
const holder = globalThis as typeof globalThis & { [key]?: CmsMetrics }

/**
 * The process's metrics. One registry per process, kept on `globalThis` because Next may evaluate
 * this module more than once (server bundles, dev reloads) and a metric registered twice throws.
 */
export const cmsMetrics = (): CmsMetrics => {
  holder[key] ??= create()
  return holder[key]
}

/**
 * The route label of a path: segments that look like values (numeric ids, file names — anything
 * with a dot —, UUIDs, or longer than 40 characters) become `:param`, and at most five segments
 * are kept, so the number of series stays small whatever clients request.
 */
const isValue = (segment: string): boolean =>
  /^\d+$/.test(segment) || segment.includes('.') || /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(segment) || segment.length > 40

export const routeLabel = (pathname: string): string => {
  const segments = pathname.split('/').filter(Boolean)
  const shown = segments.slice(0, 5).map((segment) => (isValue(segment) ? ':param' : segment))
  return `/${shown.join('/')}${segments.length > 5 ? '/…' : ''}`
}
