import { describe, expect, it } from 'vitest'

import { createRateLimitGuard } from './rateLimitGuard'
import type { RateLimitSettings } from './rateLimits'

const generous = { points: 1000, seconds: 600 }
const limits = (overrides: Partial<RateLimitSettings> = {}): RateLimitSettings => ({
  discountCodes: generous,
  lockout: { points: 2, seconds: 600 },
  login: generous,
  loginAccount: generous,
  orders: generous,
  passwordReset: generous,
  redisPrefix: `guard-spec-${process.pid}-${Date.now()}:`,
  signUp: generous,
  ...overrides,
})

const login = (password: string) =>
  new Request('http://cms.test/api/v1/users/login', {
    body: JSON.stringify({ email: 'Ann@Example.test ', password }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  })

/** Payload, as far as a sign-in goes: 200 for the right password, 401 otherwise. */
const payload = (request: Request) => async () => {
  const { password } = (await request.json()) as { password: string }
  return Response.json({}, { status: password === 'right-password' ? 200 : 401 })
}

const attempt = async (guard: ReturnType<typeof createRateLimitGuard>, client: string, password: string) => {
  const request = login(password)
  return (await guard(request, client, payload(request))).status
}

describe('the rate-limit guard', () => {
  it('keeps sign-in working when Redis is down, counting in this process instead', async () => {
    // Nothing listens on port 1: every Redis command fails at once and the memory insurance answers.
    const guard = createRateLimitGuard({ apiRoute: '/api/v1', limits: limits({ redisUrl: 'redis://127.0.0.1:1' }) })
    expect(await attempt(guard, '192.0.2.1', 'right-password')).toBe(200)
    expect([await attempt(guard, '192.0.2.1', 'guess-1'), await attempt(guard, '192.0.2.1', 'guess-2')]).toEqual([401, 401])
    expect(await attempt(guard, '192.0.2.1', 'right-password')).toBe(429)
    expect(await attempt(guard, '192.0.2.2', 'right-password')).toBe(200)
  })

  it('counts an account by its email as Payload reads it (case and spaces ignored)', async () => {
    const guard = createRateLimitGuard({ apiRoute: '/api/v1', limits: limits() })
    const other = new Request('http://cms.test/api/v1/users/login', {
      body: JSON.stringify({ email: 'ann@example.test', password: 'guess-3' }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    expect(await attempt(guard, '192.0.2.3', 'guess-1')).toBe(401)
    expect((await guard(other, '192.0.2.3', payload(other))).status).toBe(401)
    expect(await attempt(guard, '192.0.2.3', 'right-password')).toBe(429)
  })

  it('refuses a sign-in body too large to read for its email, and leaves other requests alone', async () => {
    const guard = createRateLimitGuard({ apiRoute: '/api/v1', limits: limits() })
    const padded = new Request('http://cms.test/api/v1/users/login', {
      body: JSON.stringify({ email: 'ann@example.test', padding: 'x'.repeat(70_000), password: 'guess' }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    expect((await guard(padded, '192.0.2.4', payload(padded))).status).toBe(413)
    const read = new Request('http://cms.test/api/v1/products')
    expect((await guard(read, '192.0.2.4', async () => new Response('ok'))).status).toBe(200)
  })
})
