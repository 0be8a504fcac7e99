import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

import { handleEndpoints, type SanitizedConfig } from 'payload'

import { cmsMetrics, routeLabel } from '../observability/metrics'
import { REQUEST_ID_HEADER, requestIdOf } from '../observability/requestId'

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
  /** Where each request is logged (method, route, status, duration, request id). @default no request log */
  logger?: RequestLogger
}

/** Requests larger than this are refused before Payload sees them. Uploads are the largest bodies. */
const MAX_BODY_BYTES = 25 * 1024 * 1024

const readBody = async (req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> => {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('Request body too large'), { status: 413 })
    chunks.push(chunk as Buffer)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

const toRequest = (req: IncomingMessage, body: Uint8Array<ArrayBuffer> | undefined, origin: string, requestId: string): Request => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item))
    else if (value !== undefined) headers.set(name, value)
  }
  // Payload's handlers see the id the response and the log carry, not an unchecked one.
  headers.set(REQUEST_ID_HEADER, requestId)
  return new Request(new URL(req.url ?? '/', origin), { body, headers, method: req.method })
}

const send = async (res: ServerResponse, response: Response, requestId: string): Promise<void> => {
  const headers: Record<string, string | string[]> = { [REQUEST_ID_HEADER]: requestId }
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies
  res.writeHead(response.status, headers)
  res.end(Buffer.from(await response.arrayBuffer()))
}

/**
 * Payload's REST API on a plain Node HTTP server, without Next. The admin UI needs Next; tests,
 * benchmarks and API-only deployments do not, and this serves about twice the requests per second.
 * Every request gets an id (the caller's `x-request-id` when well-formed, else a new one) that is
 * echoed in the response, passed on to Payload and written to the request log; every request is
 * counted and timed in the process's metrics.
 */
export const createApiServer = (config: Promise<SanitizedConfig> | SanitizedConfig, { answerEarly, logger }: ApiServerOptions = {}): Server => {
  const metrics = cmsMetrics()
  return createServer((req, res) => {
    const started = performance.now()
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER])
    const route = routeLabel(new URL(req.url ?? '/', 'http://localhost').pathname)
    const method = req.method ?? 'GET'
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000
      metrics.httpRequest({ method, route, status: res.statusCode }, seconds)
      const fields = { durationMs: Math.round(seconds * 1000), method, requestId, route, status: res.statusCode }
      if (res.statusCode >= 500) logger?.error(fields, 'request failed')
      else logger?.info(fields, 'request')
    })
    void (async () => {
      try {
        const early = await answerEarly?.(req)
        if (early) {
          res.writeHead(early.status, { ...early.headers, [REQUEST_ID_HEADER]: requestId })
          res.end(early.body ?? undefined)
          return
        }
        const origin = `http://${req.headers.host ?? 'localhost'}`
        const body = await readBody(req)
        await send(res, await handleEndpoints({ config, request: toRequest(req, body, origin, requestId) }), requestId)
      } catch (error) {
        const status = (error as { status?: number }).status ?? 500
        if (status >= 500) {
          if (logger) logger.error({ err: error, requestId }, 'API server error')
          else console.error('API server error', requestId, error)
        }
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json', [REQUEST_ID_HEADER]: requestId })
        res.end(JSON.stringify({ errors: [{ message: status >= 500 ? 'Internal Server Error' : (error as Error).message }] }))
      }
    })()
  })
}
