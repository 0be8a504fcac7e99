import { checkMetrics } from '@showroom/test-support'
import { describe, expect, it } from 'vitest'

import { metricsAccess } from './metricsAccess'
import { requestIdFrom } from './requestId'
import { cmsRequests, httpDuration, httpRequests, liveConnections, liveEventsSent, liveFanoutDuration, registry } from './storefrontMetrics'

describe('the storefront registry', () => {
  it('writes what promtool parses and lints clean, with the names, labels and buckets dashboards read', async () => {
    httpRequests.inc({ method: 'GET', route: '/p/[slug]', status: '200' })
    httpRequests.inc({ method: 'GET', route: 'say "hi"\\\nthere', status: '404' })
    httpDuration.observe({ method: 'GET', route: '/p/[slug]' }, 0.03)
    cmsRequests.inc({ method: 'GET', outcome: 'ok' })
    liveConnections.inc()
    liveEventsSent.inc(3)
    liveFanoutDuration.observe(0.002)
    const text = await registry.metrics()
    expect(await checkMetrics(text)).toEqual({ code: 0, output: '' })
    expect(registry.contentType).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(text).toContain('# TYPE storefront_http_request_duration_seconds histogram')
    expect(text).toContain('storefront_http_requests_total{method="GET",route="/p/[slug]",status="200"} 1')
    expect(text).toContain('storefront_http_requests_total{method="GET",route="say \\"hi\\"\\\\\\nthere",status="404"} 1')
    // prom-client writes a bucket's `le` first; Prometheus reads labels in any order.
    expect(text).toContain('storefront_http_request_duration_seconds_bucket{le="0.05",method="GET",route="/p/[slug]"} 1')
    expect(text).toContain('storefront_cms_requests_total{method="GET",outcome="ok"} 1')
    expect(text).toContain('storefront_live_connections 1')
    expect(text).toContain('storefront_live_events_sent_total 3')
    expect(text).toContain('storefront_live_fanout_duration_seconds_count 1')
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
