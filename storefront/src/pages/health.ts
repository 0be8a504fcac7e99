import type { APIRoute } from 'astro'

import { cacheControl } from '../cacheControl'

/**
 * Liveness for load balancers: the process answers requests. It does not ask the CMS, so a CMS
 * outage (already answered with friendly 503 pages) does not get healthy storefronts restarted.
 */
export const GET: APIRoute = () => Response.json({ status: 'ok' }, { headers: { 'Cache-Control': cacheControl.none } })
