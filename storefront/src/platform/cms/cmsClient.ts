import type { z } from 'astro/zod'

import { CmsError, type CmsErrorKind } from './cmsError'

/** The CMS REST API version the storefront speaks (Payload's `routes.api`). */
const API_PREFIX = '/api/v1'

export type CmsClientOptions = {
  /** The CMS origin, optionally with a path prefix, such as `http://localhost:3000`. */
  baseUrl: string
  /** Upper bound for one request, connection and body included. */
  timeoutMs: number
  /** Headers added to every request, read at each call (such as the `x-request-id` of the page being served). Default none. */
  requestHeaders?: () => Record<string, string>
  /** Query parameters every read carries (the page's `locale`), unless the read sets them itself. */
  readParams?: () => Record<string, string>
  /** Told about every finished exchange, for metrics. Default: nobody. */
  observe?: (exchange: CmsExchangeReport) => void
}

/** One finished exchange with the CMS: how long it took and how it ended (`ok`, or why it failed). */
export type CmsExchangeReport = { durationMs: number; method: string; outcome: 'ok' | CmsErrorKind }

export type CmsClient = {
  /**
   * GETs `path` (relative to the REST API, e.g. `/products`) and parses the JSON body with
   * `schema`. Throws `CmsError` when the CMS is unreachable, slow, answers non-2xx or an unexpected shape.
   */
  get: <T>(path: string, schema: z.ZodType<T>, query?: URLSearchParams, options?: { headers?: Record<string, string> }) => Promise<T>
  /**
   * POSTs `body` as JSON to `path` and returns the status with the parsed JSON answer, whatever the
   * status: callers decide what a 4xx means. Throws `CmsError` when the CMS is unreachable, slow,
   * answers 5xx or not JSON.
   */
  post: (path: string, body: unknown, options?: { headers?: Record<string, string> }) => Promise<{ body: unknown; status: number }>
  /** PATCHes `body` as JSON to `path`; answers like `post`. */
  patch: (path: string, body: unknown, options?: { headers?: Record<string, string> }) => Promise<{ body: unknown; status: number }>
}

const isTimeout = (error: unknown): boolean =>
  error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')

type Exchange = { body: unknown; status: number }

/** What one request sends; headers stay a plain record so the per-call ones can be merged in. */
type RequestParts = { body?: string; headers: Record<string, string>; method?: string }

/** A small typed client for the CMS's REST API; every answer is checked against a schema before use. */
export const createCmsClient = ({ baseUrl, observe, readParams, requestHeaders, timeoutMs }: CmsClientOptions): CmsClient => {
  const origin = baseUrl.replace(/\/+$/, '')

  /** One request; non-2xx answers for which `keep(status)` is false throw `CmsError` with their status. */
  const request = async (url: string, init: RequestParts, keep: (status: number) => boolean): Promise<Exchange> => {
    const method = init.method ?? 'GET'
    const started = performance.now()
    const report = (outcome: CmsExchangeReport['outcome']): void => observe?.({ durationMs: performance.now() - started, method, outcome })
    try {
      const exchange = await exchangeWith(url, method, init, keep)
      report('ok')
      return exchange
    } catch (error) {
      report(error instanceof CmsError ? error.kind : 'unreachable')
      throw error
    }
  }

  const exchangeWith = async (url: string, method: string, init: RequestParts, keep: (status: number) => boolean): Promise<Exchange> => {
    // One signal covers the whole exchange: a CMS that sends headers and then stalls still times out.
    const signal = AbortSignal.timeout(timeoutMs)
    try {
      const headers = { ...requestHeaders?.(), ...init.headers }
      const response = await fetch(url, { ...init, headers, signal })
      if (!response.ok && !keep(response.status)) {
        // Drain the body so the connection can be reused; its content is not needed.
        await response.body?.cancel()
        throw new CmsError('status', `CMS answered ${response.status} for ${method} ${url}`, { status: response.status, url })
      }
      return { body: await response.json(), status: response.status }
    } catch (error) {
      if (error instanceof CmsError) throw error
      if (isTimeout(error)) {
        throw new CmsError('timeout', `CMS did not answer ${method} ${url} within ${timeoutMs} ms`, { cause: error, url })
      }
      if (error instanceof SyntaxError) {
        throw new CmsError('invalid-response', `CMS sent invalid JSON for ${method} ${url}`, { cause: error, url })
      }
      // fetch rejects with a TypeError for refused connections, DNS failures and resets.
      throw new CmsError('unreachable', `CMS unreachable for ${method} ${url}`, { cause: error, url })
    }
  }

  /** A JSON write whose 4xx answers are returned, not thrown: callers decide what they mean. */
  const send = (method: 'PATCH' | 'POST', path: string, body: unknown, headers?: Record<string, string>): Promise<Exchange> => {
    const url = `${origin}${API_PREFIX}${path}`
    const init: RequestParts = { body: JSON.stringify(body), headers: { ...headers, accept: 'application/json', 'content-type': 'application/json' }, method }
    return request(url, init, (status) => status < 500)
  }

  return {
    get: async (path, schema, given, options) => {
      const extra = Object.entries(readParams?.() ?? {}).filter(([name]) => !given?.has(name))
      const query = extra.length === 0 ? given : new URLSearchParams([...(given ?? []), ...extra])
      const url = `${origin}${API_PREFIX}${path}${query && query.size > 0 ? `?${query}` : ''}`
      const { body } = await request(url, { headers: { ...options?.headers, accept: 'application/json' } }, () => false)
      const parsed = schema.safeParse(body)
      if (!parsed.success) {
        throw new CmsError('invalid-response', `CMS answer to GET ${url} has an unexpected shape`, { cause: parsed.error, url })
      }
      return parsed.data
    },
    patch: (path, body, options) => send('PATCH', path, body, options?.headers),
    post: (path, body, options) => send('POST', path, body, options?.headers),
  }
}
