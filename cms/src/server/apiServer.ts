import { createServer, type IncomingMessage, type Server } from 'node:http'

import { getRequestListener } from '@hono/node-server'
import { handleEndpoints, type SanitizedConfig } from 'payload'

import { cmsMetrics, routeLabel } from '../observability/metrics'
import { REQUEST_ID_HEADER, requestIdOf } from '../observability/requestId'
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from '../security/clientAddress'
import type { RequestSecurity } from '../security/requestSecurity'

/** The part of Payload's pino logger the server writes its request log to. */
export type RequestLogger = {
  error: (fields: Record<string, unknown>, message: string) => void
  info: (fields: Record<string, unknown>, message: string) => void
}

/** A response written as it is, before Payload: status, headers and the body's bytes (none for a 304). */
export type EarlyAnswer = { body: Buffer | null; headers: Record<string, string>; status: number }

export type ApiServerOptions = {
  /**
   * Answers a request before Payload parses it (a cached response), or returns null to pass it on.
   * @default every request goes to Payload
   */
  answerEarly?: (req: IncomingMessage) => EarlyAnswer | null | Promise<EarlyAnswer | null>
  /** Where each request (method, route, status, duration, request id) and each server error is logged: Payload's logger. */
  logger: RequestLogger
  /** The Payload instance to serve, when the process runs several (`getPayload({ key })`). @default Payload's default instance */
  payloadInstanceCacheKey?: string
  /**
   * Resolves each request's client (`TRUSTED_PROXIES`) into `x-showroom-client-address` and applies the
   * rate limits and login lockout (docs/security.md). @default none: no limits, the header is still stamped from the socket
   */
  security?: RequestSecurity
}

/** Requests larger than this are refused before Payload sees them. Uploads are the largest bodies. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024

const tooLarge = (): Response => Response.json({ errors: [{ message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` }] }, { status: 413 })

/** Passes a body through while it stays within `MAX_BODY_BYTES`; past that, errors it and calls `onExceeded`. */
const limitedBody = (body: ReadableStream<Uint8Array>, onExceeded: () => void): ReadableStream<Uint8Array> => {
  let size = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength
        if (size <= MAX_BODY_BYTES) return controller.enqueue(chunk)
        onExceeded()
        controller.error(Object.assign(new Error('Request body too large'), { name: 'RequestBodyTooLarge', status: 413 }))
      },
    }),
  )
}

/**
 * Payload's REST API on a plain Node HTTP server, without Next. The admin UI needs Next; tests,
 * benchmarks and API-only deployments do not, and this serves about twice the requests per second.
 * `@hono/node-server` turns Node's request into a Fetch `Request` and Payload's `Response` back,
 * streaming both bodies (an upload reaches Payload as it arrives, a media file leaves as it is read)
 * and cancelling the response's stream when the client goes away.
 * Every request gets an id (the caller's `x-request-id` when well-formed, else a new one) that is
 * echoed in the response, passed on to Payload and written to the request log; every request is
 * counted and timed in the process's metrics.
 */
export const createApiServer = (config: Promise<SanitizedConfig> | SanitizedConfig, { answerEarly, logger, payloadInstanceCacheKey, security }: ApiServerOptions): Server => {
  const metrics = cmsMetrics()

  const toPayload = async (request: Request, requestId: string, client: string): Promise<Response> => {
    if (Number(request.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) return tooLarge()
    // Payload's handlers see the id the response and the log carry, not an unchecked one.
    const headers = new Headers(request.headers)
    headers.set(REQUEST_ID_HEADER, requestId)
    // Resolved from the socket (and trusted proxies): what a client sends in this header is replaced.
    headers.set(CLIENT_ADDRESS_HEADER, client)
    let exceeded = false
    const body = request.body ? limitedBody(request.body, () => (exceeded = true)) : null
    // `duplex: 'half'` lets a streamed body through (Node's fetch requires it; the DOM typings lack it).
    const init: RequestInit & { duplex: 'half' } = { body, duplex: 'half', headers, method: request.method, signal: request.signal }
    const forwarded = new Request(request.url, init)
    const handle = () => handleEndpoints({ config, payloadInstanceCacheKey, request: forwarded })
    const response = security ? await security.guard(forwarded, client, handle) : await handle()
    // A body without Content-Length that grew too large failed inside Payload: say why.
    return exceeded ? tooLarge() : response
  }

  const serverError = (error: unknown, requestId: string | undefined): Response => {
    logger.error({ err: error, requestId }, 'API server error')
    return Response.json({ errors: [{ message: 'Internal Server Error' }] }, { status: 500 })
  }

  /** Each request's id, for the Fetch side of the adapter (it hands the callback the Node request). */
  const requestIds = new WeakMap<IncomingMessage, string>()
  const trust = security?.trust ?? (() => false)
  // One adapter for the server's life, not one per request.
  const toFetch = getRequestListener(
    async (request, { incoming }) => {
      const requestId = requestIds.get(incoming as IncomingMessage) ?? requestIdOf(undefined)
      // From the socket and TRUSTED_PROXIES (docs/security.md), never from a header the client chose.
      const client = clientAddressOf(incoming as IncomingMessage, trust)
      try {
        return await toPayload(request, requestId, client)
      } catch (error) {
        return serverError(error, requestId)
      }
    },
    {
      // Only what fails outside the callback above (turning the Node request into a Fetch one).
      errorHandler: (error) => serverError(error, undefined),
      // Payload and the rest of the process keep Node's own Request and Response.
      overrideGlobalObjects: false,
    },
  )

  return createServer((req, res) => {
    const started = performance.now()
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER])
    const route = routeLabel(new URL(req.url ?? '/', 'http://localhost').pathname)
    const method = req.method ?? 'GET'
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000
      metrics.httpRequest({ method, route, status: res.statusCode }, seconds)
      const fields = { durationMs: Math.round(seconds * 1000), method, requestId, route, status: res.statusCode }
      if (res.statusCode >= 500) logger.error(fields, 'request failed')
      else logger.info(fields, 'request')
    })
    // Merged into whatever head is written below.
    res.setHeader(REQUEST_ID_HEADER, requestId)
    void (async () => {
      try {
        const early = await answerEarly?.(req)
        if (early) {
          res.writeHead(early.status, early.headers)
          res.end(early.body ?? undefined)
          return
        }
      } catch (error) {
        const response = serverError(error, requestId)
        res.writeHead(response.status, { 'content-type': 'application/json' })
        res.end(await response.text())
        return
      }
      requestIds.set(req, requestId)
      await toFetch(req, res)
    })()
  })
}
