/**
 * One visitor of the storefront at `url`, as a browser with scripts off: keeps the cookies the
 * storefront sets, sends them back, never follows redirects, and posts forms urlencoded.
 */
export const visitor = (url: string) => {
  const jar = new Map<string, string>()
  const send = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers)
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '))
    const response = await fetch(`${url}${path}`, { ...init, headers, redirect: 'manual' })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const index = pair.indexOf('=')
      jar.set(pair.slice(0, index), pair.slice(index + 1))
    }
    return response
  }
  return {
    cookies: jar,
    /** Opens `path` and returns the response unread (for streams); the caller cancels its body. */
    open: (path: string): Promise<Response> => send(path),
    /** `headers` go with this request only (an `x-request-id` to trace it). */
    get: async (path: string, headers: Record<string, string> = {}): Promise<{ html: string; response: Response }> => {
      const response = await send(path, { headers })
      return { html: await response.text(), response }
    },
    /** Posts a form as a browser does: urlencoded fields, to the form's `action`. */
    post: async (action: string, fields: Record<string, number | string>, headers: Record<string, string> = {}): Promise<Response> => {
      const body = new URLSearchParams(Object.entries(fields).map(([name, value]) => [name, String(value)]))
      const response = await send(action, {
        body,
        // Browsers send the page's origin with a form post; Astro refuses cross-site posts (CSRF).
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', origin: url },
        method: 'POST',
      })
      await response.body?.cancel()
      return response
    },
  }
}
