import type { APIRoute } from 'astro'

import { cacheControl } from '../../../cacheControl'
import { CmsError } from '../../../platform/cms/cmsError'
import { canWatchOrder } from '../../../domains/live/canWatchOrder.server'
import { orderChannel } from '../../../domains/live/liveMessage'
import { liveResponse } from '../../../platform/events/liveResponse.server'
import { log } from '../../../platform/observability/log'

/**
 * An order's status as it changes (Server-Sent Events), for its owner only. Anyone else gets the same
 * 404 as for an order that does not exist, so ids cannot be probed.
 */
export const GET: APIRoute = async ({ params, request, session }) => {
  const id = params.id ?? ''
  const orderId = /^\d{1,12}$/.test(id) ? Number(id) : undefined
  let allowed = false
  try {
    allowed = orderId !== undefined && (await canWatchOrder(session, orderId))
  } catch (error) {
    if (!(error instanceof CmsError)) throw error
    log.error('CMS unavailable while checking who may watch an order', { err: error })
    // EventSource retries on its own; Retry-After tells it not to hammer a CMS that is down.
    return new Response('The shop cannot check this order just now', { headers: { 'Cache-Control': cacheControl.none, 'Retry-After': '30' }, status: 503 })
  }
  if (orderId === undefined || !allowed) {
    return new Response('Order not found', { headers: { 'Cache-Control': cacheControl.private, Vary: 'Cookie' }, status: 404 })
  }
  // One customer's order: never kept by a cache, and it depends on her session cookie.
  const response = await liveResponse(request, orderChannel(orderId))
  response.headers.set('Cache-Control', cacheControl.private)
  response.headers.set('Vary', 'Cookie')
  return response
}
