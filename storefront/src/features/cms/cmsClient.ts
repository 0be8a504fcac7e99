import type { z } from 'astro/zod'

import { CmsError } from './cmsError'

/** The CMS REST API version the storefront speaks (Payload's `routes.api`). */
const API_PREFIX = '/api/v1'

export type CmsClientOptions = {
  /** The CMS origin, optionally with a path prefix, such as `http://localhost:3000`. */
  baseUrl: string
  /** Upper bound for one request, connection and body included. */
  timeoutMs: number
}

export type CmsClient = {
  /**
   * GETs `path` (relative to the REST API, e.g. `/products`) and parses the JSON body with
   * `schema`. Throws `CmsError` when the CMS is unreachable, slow, answers non-2xx or an unexpected shape.
   */
  get: <T>(path: string, schema: z.ZodType<T>, query?: URLSearchParams) => Promise<T>
}

const isTimeout = (error: unknown): boolean =>
  error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')

/** A small typed reader for the CMS's REST API; every answer is checked against a schema before use. */
export const createCmsClient = ({ baseUrl, timeoutMs }: CmsClientOptions): CmsClient => {
  const origin = baseUrl.replace(/\/+$/, '')
  return {
    get: async (path, schema, query) => {
      const url = `${origin}${API_PREFIX}${path}${query && query.size > 0 ? `?${query}` : ''}`
      // One signal covers the whole exchange: a CMS that sends headers and then stalls still times out.
      const signal = AbortSignal.timeout(timeoutMs)
      let body: unknown
      try {
        const response = await fetch(url, { headers: { accept: 'application/json' }, signal })
        if (!response.ok) {
          // Drain the body so the connection can be reused; its content is not needed.
          await response.body?.cancel()
          throw new CmsError('status', `CMS answered ${response.status} for GET ${url}`, { status: response.status, url })
        }
        body = await response.json()
      } catch (error) {
        if (error instanceof CmsError) throw error
        if (isTimeout(error)) {
          throw new CmsError('timeout', `CMS did not answer GET ${url} within ${timeoutMs} ms`, { cause: error, url })
        }
        if (error instanceof SyntaxError) {
          throw new CmsError('invalid-response', `CMS sent invalid JSON for GET ${url}`, { cause: error, url })
        }
        // fetch rejects with a TypeError for refused connections, DNS failures and resets.
        throw new CmsError('unreachable', `CMS unreachable for GET ${url}`, { cause: error, url })
      }
      const parsed = schema.safeParse(body)
      if (!parsed.success) {
        throw new CmsError('invalid-response', `CMS answer to GET ${url} has an unexpected shape`, { cause: parsed.error, url })
      }
      return parsed.data
    },
  }
}
