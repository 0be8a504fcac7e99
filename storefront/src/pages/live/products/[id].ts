import type { APIRoute } from 'astro'

import { cacheControl } from '../../../cacheControl'
import { productChannel } from '../../../domains/live/liveMessage'
import { liveResponse } from '../../../platform/events/liveResponse.server'

/** A product's prices and stock as they change (Server-Sent Events); public, like the product page. */
export const GET: APIRoute = ({ params, request }) => {
  const id = params.id ?? ''
  if (!/^\d{1,12}$/.test(id)) return new Response('Unknown product', { headers: { 'Cache-Control': cacheControl.none }, status: 404 })
  return liveResponse(request, productChannel(Number(id)))
}
