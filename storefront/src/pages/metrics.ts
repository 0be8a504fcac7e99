import type { APIRoute } from 'astro'

import { METRICS_TOKEN } from 'astro:env/server'

import { cacheControl } from '../cacheControl'
import { metricsAccess } from '../platform/observability/metricsAccess'
import { registry } from '../platform/observability/storefrontMetrics'

/** This process's metrics in the Prometheus text format; see `metricsAccess` for who may read them. */
export const GET: APIRoute = async ({ request }) => {
  const headers = { 'Cache-Control': cacheControl.none }
  const access = metricsAccess({ authorization: request.headers.get('authorization'), production: import.meta.env.PROD, token: METRICS_TOKEN })
  if (access === 'disabled') return Response.json({ error: 'Metrics are disabled: set METRICS_TOKEN to enable them.' }, { headers, status: 404 })
  if (access === 'unauthorized') {
    return Response.json({ error: 'Send Authorization: Bearer <METRICS_TOKEN>.' }, { headers: { ...headers, 'WWW-Authenticate': 'Bearer' }, status: 401 })
  }
  return new Response(await registry.metrics(), { headers: { ...headers, 'Content-Type': registry.contentType } })
}
