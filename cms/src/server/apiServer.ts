import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

import { handleEndpoints, type SanitizedConfig } from 'payload'

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

const toRequest = (req: IncomingMessage, body: Uint8Array<ArrayBuffer> | undefined, origin: string): Request => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item))
    else if (value !== undefined) headers.set(name, value)
  }
  return new Request(new URL(req.url ?? '/', origin), { body, headers, method: req.method })
}

const send = async (res: ServerResponse, response: Response): Promise<void> => {
  const headers: Record<string, string | string[]> = {}
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
 */
export const createApiServer = (config: Promise<SanitizedConfig> | SanitizedConfig): Server =>
  createServer((req, res) => {
    void (async () => {
      try {
        const origin = `http://${req.headers.host ?? 'localhost'}`
        const body = await readBody(req)
        await send(res, await handleEndpoints({ config, request: toRequest(req, body, origin) }))
      } catch (error) {
        const status = (error as { status?: number }).status ?? 500
        if (status >= 500) console.error('API server error', error)
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ errors: [{ message: status >= 500 ? 'Internal Server Error' : (error as Error).message }] }))
      }
    })()
  })
