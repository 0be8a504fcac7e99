import type { IncomingMessage, ServerResponse } from 'node:http'

import { log } from '../observability/log'
import { httpRequests } from '../observability/storefrontMetrics'
import { productChannel } from './liveMessage'

/** `/live/products/<id>`: a product's public live stream. */
const PRODUCT_STREAM = /^\/live\/products\/(\d{1,12})$/
const ROUTE = '/live/products/[id]'

/** Loaded on the first stream, after start-up (it reads the Redis settings, which are there only then). */
let streams: Promise<typeof import('./liveStream.server')> | undefined

/**
 * Serves a product's live stream straight on the Node response, without Astro's pipeline: thousands
 * of open product pages each hold one, so each must cost a socket and a listener, not a web
 * `Request`, `ReadableStream` and their pipes. Returns false for anything else (order streams need the
 * session, and go through Astro). Same headers, events and lifecycle as `liveResponse`.
 */
export const serveProductStream = (request: IncomingMessage, response: ServerResponse, pathname: string): boolean => {
  const id = PRODUCT_STREAM.exec(pathname)?.[1]
  if (id === undefined || request.method !== 'GET') return false
  streams ??= import('./liveStream.server')
  void streams
    .then(async ({ LIVE_HEADERS, lastEventIdOf, openLiveStream }) => {
      response.writeHead(200, LIVE_HEADERS)
      // Small writes go out at once.
      response.socket?.setNoDelay(true)
      const lastEventId = request.headers['last-event-id']
      const close = await openLiveStream(productChannel(Number(id)), lastEventIdOf(typeof lastEventId === 'string' ? lastEventId : undefined), {
        end: () => response.end(),
        write: (chunk) => {
          if (response.destroyed) throw new Error('the client went away')
          response.write(chunk)
        },
      })
      if (response.destroyed) close()
      else response.once('close', close)
      httpRequests.inc({ method: 'GET', route: ROUTE, status: '200' })
    })
    .catch((error: unknown) => {
      log.error('A live stream could not open', { err: error, path: pathname })
      httpRequests.inc({ method: 'GET', route: ROUTE, status: '500' })
      if (!response.headersSent) response.writeHead(500, { 'Cache-Control': 'no-store' })
      response.end()
    })
  return true
}
