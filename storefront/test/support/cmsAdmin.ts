/**
 * Calls the CMS REST API as the admin the catalogue fixture registers (`createCatalogue`), for tests
 * that check or change what the CMS holds. One sign-in per CMS; a non-2xx answer throws with its body.
 * A `FormData` body (an upload) is sent as multipart; any other body as JSON.
 */
export const cmsAdmin = (api: string) => {
  let token: string | undefined
  return async <T>(path: string, init: { body?: unknown; headers?: Record<string, string>; method?: string } = {}): Promise<T> => {
    if (!token) {
      const login = await fetch(`${api}/users/login`, {
        body: JSON.stringify({ email: 'admin@showroom.test', password: 'storefront-test-password' }),
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      })
      ;({ token } = (await login.json()) as { token: string })
    }
    const method = init.method ?? 'GET'
    const multipart = init.body instanceof FormData
    const response = await fetch(`${api}${path}`, {
      body: init.body === undefined ? undefined : multipart ? (init.body as FormData) : JSON.stringify(init.body),
      headers: { ...init.headers, authorization: `JWT ${token}`, ...(multipart ? {} : { 'content-type': 'application/json' }) },
      method,
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
    return JSON.parse(text) as T
  }
}
