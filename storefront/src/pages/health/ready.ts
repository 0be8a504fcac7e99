import type { APIRoute } from 'astro'

import { cacheControl } from '../../cacheControl'
import { readiness } from '../../platform/health/readiness.server'
import { log } from '../../platform/observability/log'

/**
 * Readiness for load balancers and orchestrators: 200 when this instance can serve shoppers (the CMS
 * answers; Redis answers PING when REDIS_URL is set; not shutting down), else 503 naming the failing
 * checks. Never cached; no addresses or error details (they go to the log).
 */
export const GET: APIRoute = async () => {
  const { checks, ready } = await readiness((msg, fields) => log.warn(msg, fields))
  return Response.json({ checks, status: ready ? 'ready' : 'unavailable' }, { headers: { 'Cache-Control': cacheControl.none }, status: ready ? 200 : 503 })
}
