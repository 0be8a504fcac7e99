import { createServer, type IncomingMessage, type Server } from 'node:http'

import { getRequestListener } from '@hono/node-server'
import { handleEndpoints, type SanitizedConfig } from 'payload'

import { createRestHandler } from '../http/restHandler'
import { apiSecurityHeaders } from '../http/securityHeaders'
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
  /** Production sends HSTS (served over HTTPS there). @default false */
  production?: boolean
  /**
   * Resolves each request's client (`TRUSTED_PROXIES`) into `x-showroom-client-address` and applies the
   * rate limits and login lockout (docs/security.md). @default none: no limits, the header is still stamped from the socket
   */
  security?: RequestSecurity
}

/**
 * Payload's REST API on a plain Node HTTP server, without Next. The admin UI needs Next; tests,
 * benchmarks and API-only deployments do not, and this serves about twice the requests per second.
 * `@hono/node-server` turns Node's request into a Fetch `Request` and Payload's `Response` back,
 * streaming both bodies (an upload reaches Payload as it arrives, a media file leaves as it is read)
 * and cancelling the response's stream when the client goes away.
 * Requests go through the same rules as under Next (`http/restHandler.ts`: methods, body types and
 * limits, query parameters, security and cache headers).
 * Every request gets an id (the caller's `x-request-id` when well-formed, else a new one) that is
 * echoed in the response, passed on to Payload and written to the request log; every request is
 * counted and timed in the process's metrics.
 */
export const createApiServer = (
  config: Promise<SanitizedConfig> | SanitizedConfig,
  { answerEarly, logger, payloadInstanceCacheKey, production = false, security }: ApiServerOptions,
): Server => {
  const metrics = cmsMetrics()

  const rest = createRestHandler({ config, payloadInstanceCacheKey, production })
  const securityHeaders = apiSecurityHeaders({ production })
  const toPayload = (request: Request, requestId: string, client: string): Promise<Response> =>
    rest(request, {
      // After the request rules: rate limits and the login lockout see only requests Payload would take.
      forward: security ? (checked) => security.guard(checked, client, () => handleEndpoints({ config, payloadInstanceCacheKey, request: checked })) : undefined,
      // Payload's handlers see the id the response and the log carry, not an unchecked one, and the client
      // resolved from the socket (and trusted proxies): what a client sends in that header is replaced.
      setHeaders: { [CLIENT_ADDRESS_HEADER]: client, [REQUEST_ID_HEADER]: requestId },
    })

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
    // Merged into whatever head is written below: early answers and server errors get them too.
    res.setHeader(REQUEST_ID_HEADER, requestId)
    for (const { key, value } of securityHeaders) res.setHeader(key, value)
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
