import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createActors } from './actors'
import { startTestCms, TEST_STOREFRONT_URL, type TestCms } from './startTestCms'

let cms: TestCms
let cookie: string

beforeAll(async () => {
  cms = await startTestCms('cors')
  const { admin } = await createActors(cms)
  const response = await cms.api('/users/login', { body: JSON.stringify({ email: admin.email, password: admin.password }), method: 'POST' })
  cookie = (response.headers.getSetCookie().find((value) => value.startsWith('payload-token=')) ?? '').split(';')[0] ?? ''
})
afterAll(async () => cms?.close())

describe('CORS and CSRF', () => {
  it('let the storefront origin call the API from a browser', async () => {
    const response = await cms.api('/products', {
      headers: { 'Access-Control-Request-Method': 'GET', Origin: TEST_STOREFRONT_URL },
      method: 'OPTIONS',
    })
    expect(response.headers.get('access-control-allow-origin')).toBe(TEST_STOREFRONT_URL)
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
  })

  it('give other origins no CORS grant', async () => {
    const response = await cms.api('/products', { headers: { Origin: 'https://evil.example' } })
    expect(response.headers.get('access-control-allow-origin')).not.toBe('https://evil.example')
  })

  it('honour the session cookie from the storefront origin but not from a foreign one', async () => {
    expect(cookie).toMatch(/^payload-token=/)
    const me = async (origin: string) =>
      ((await (await cms.api('/users/me', { headers: { Cookie: cookie, Origin: origin } })).json()) as { user: null | { email: string } }).user
    expect(await me(TEST_STOREFRONT_URL)).toMatchObject({ email: 'admin@example.test' })
    expect(await me('https://evil.example')).toBeNull()
  })
})
