import { createHash } from 'node:crypto'

import { type Endpoint, headersWithCors, type Payload } from 'payload'

import { buildOpenApiDocument, type OpenApiOptions } from './buildOpenApiDocument'

type Built = { body: string; etag: string }

/**
 * `GET /openapi.json`: the OpenAPI 3.1 document of this API, built from the config on the first
 * request and kept for the life of the process (the config does not change while it runs). Public,
 * cacheable for five minutes, with a strong ETag (304 on `If-None-Match`).
 */
export const openApiEndpoint = (options: OpenApiOptions): Endpoint => {
  // One per Payload instance: tests run several CMSs (configs) in one process.
  const built = new WeakMap<Payload, Promise<Built>>()
  const build = async (payload: Payload): Promise<Built> => {
    const body = JSON.stringify(await buildOpenApiDocument(payload, options))
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` }
  }
  return {
    handler: async (req) => {
      let document = built.get(req.payload)
      if (!document) {
        document = build(req.payload)
        built.set(req.payload, document)
        // A failed build is not kept: the next request tries again (and its error is logged by Payload).
        document.catch(() => built.delete(req.payload))
      }
      const { body, etag } = await document
      // CORS for the allowed origins, so a viewer on the storefront's origin can load it.
      const headers = headersWithCors({ headers: new Headers({ 'Cache-Control': 'public, max-age=300', ETag: etag }), req })
      if (req.headers.get('if-none-match') === etag) return new Response(null, { headers, status: 304 })
      headers.set('Content-Type', 'application/json')
      return new Response(body, { headers })
    },
    method: 'get',
    path: '/openapi.json',
  }
}
