import type { IncomingMessage, ServerResponse } from 'node:http'

import { serveLiveStreamOnNode } from '../../platform/events/nodeLiveStream.server'
import { productChannel } from './liveMessage'

/** `/live/products/<id>`: a product's public live stream. */
const PRODUCT_STREAM = /^\/live\/products\/(\d{1,12})$/
const ROUTE = '/live/products/[id]'

/**
 * Serves a product's live stream on the hot path (`server.mjs`, before Astro): thousands of open
 * product pages each hold one (see `serveLiveStreamOnNode`). Returns false for anything else (order
 * streams need the session, and go through Astro's `pages/live/orders/[id].ts`).
 */
export const serveProductStream = (request: IncomingMessage, response: ServerResponse, pathname: string): boolean => {
  const id = PRODUCT_STREAM.exec(pathname)?.[1]
  if (id === undefined || request.method !== 'GET') return false
  serveLiveStreamOnNode(request, response, productChannel(Number(id)), ROUTE)
  return true
}
