import { checkMetrics } from '@showroom/test-support'
import { describe, expect, it } from 'vitest'

import { createMetricsRegistry } from './metrics'
import { metricsAccess } from './metricsAccess'
import { requestIdFrom } from './requestId'

describe('createMetricsRegistry', () => {
  it('writes what promtool parses and lints clean, escaped label values and histograms included', async () => {
    const registry = createMetricsRegistry()
    registry.counter('app_requests_total', 'Requests answered.').inc({ path: 'say "hi"\\\nthere', status: '200' })
    registry.gauge('app_connections', 'Open streams.').set(3)
    registry.histogram('app_request_duration_seconds', 'Latency.', [0.1, 1]).observe(0.5, { route: '/' })
    expect(await checkMetrics(registry.render())).toEqual({ code: 0, output: '' })
    // promtool really lints: a gauge named like a counter is refused.
    const misnamed = createMetricsRegistry()
    misnamed.gauge('app_handles_total', 'Handles.').set(1)
    expect(await checkMetrics(misnamed.render())).toMatchObject({ code: 3, output: expect.stringContaining('non-counter metrics should not have "_total" suffix') })
  })

  it('renders counters, gauges and histograms in the Prometheus text format', () => {
    const registry = createMetricsRegistry()
    const requests = registry.counter('http_requests_total', 'Requests answered.')
    const open = registry.gauge('sse_connections', 'Open streams.')
    const latency = registry.histogram('http_request_duration_seconds', 'Latency.', [0.1, 1])
    requests.inc({ method: 'GET', route: '/p/[slug]', status: '200' })
    requests.inc({ status: '200', route: '/p/[slug]', method: 'GET' })
    requests.inc({ method: 'GET', route: 'say "hi"\\', status: '404' })
    open.inc()
    open.inc()
    open.dec()
    latency.observe(0.05, { route: '/' })
    latency.observe(0.5, { route: '/' })
    expect(registry.render()).toBe(
      [
        '# HELP http_requests_total Requests answered.',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="GET",route="/p/[slug]",status="200"} 2',
        'http_requests_total{method="GET",route="say \\"hi\\"\\\\",status="404"} 1',
        '# HELP sse_connections Open streams.',
        '# TYPE sse_connections gauge',
        'sse_connections 1',
        '# HELP http_request_duration_seconds Latency.',
        '# TYPE http_request_duration_seconds histogram',
        'http_request_duration_seconds_bucket{route="/",le="0.1"} 1',
        'http_request_duration_seconds_bucket{route="/",le="1"} 2',
        'http_request_duration_seconds_bucket{route="/",le="+Inf"} 2',
        'http_request_duration_seconds_sum{route="/"} 0.55',
        'http_request_duration_seconds_count{route="/"} 2',
        '',
      ].join('\n'),
    )
  })

  it('refuses a name registered twice', () => {
    const registry = createMetricsRegistry()
    registry.counter('a_total', 'A.')
    expect(() => registry.gauge('a_total', 'A again.')).toThrow(/registered twice/)
  })
})

describe('requestIdFrom', () => {
  it('keeps a short id of word characters, dots and dashes, and replaces anything else with a UUID', () => {
    expect(requestIdFrom('abc-1.2_3')).toBe('abc-1.2_3')
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    expect(requestIdFrom(null)).toMatch(uuid)
    expect(requestIdFrom('')).toMatch(uuid)
    expect(requestIdFrom('x'.repeat(101))).toMatch(uuid)
    expect(requestIdFrom('a b')).toMatch(uuid)
    expect(requestIdFrom('a"}\n{"level":"error')).toMatch(uuid)
  })
})

describe('metricsAccess', () => {
  it('asks for the bearer token when one is set, and is closed in production without one', () => {
    expect(metricsAccess({ authorization: 'Bearer s3cret-token', production: true, token: 's3cret-token' })).toBe('allowed')
    expect(metricsAccess({ authorization: 'Bearer wrong', production: true, token: 's3cret-token' })).toBe('unauthorized')
    expect(metricsAccess({ authorization: null, production: false, token: 's3cret-token' })).toBe('unauthorized')
    expect(metricsAccess({ authorization: null, production: true, token: undefined })).toBe('disabled')
    expect(metricsAccess({ authorization: null, production: false, token: undefined })).toBe('allowed')
  })
})
