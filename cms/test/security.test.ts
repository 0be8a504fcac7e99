/**
 * The limits that protect sign-in, sign-up, password resets and checkout, on real API processes
 * (`scripts/serveApi.ts`) sharing one database and one Redis, as replicas do (docs/security.md).
 * Instance `a` trusts no proxy; instance `b` trusts 127.0.0.1, as the CMS trusts the storefront and nginx.
 */
import { createTestDatabase, migratedTemplate, type TestDatabase } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { API_PROCESS_START_MS, type ApiProcess, startApiProcess } from './apiProcess'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const PASSWORD = 'owner-Passw0rd!'

let database: TestDatabase
let a: ApiProcess
let b: ApiProcess

beforeAll(async () => {
  const template = migratedTemplate()
  if (!template) throw new Error('security.test: no migrated template database; run with vitest')
  database = await createTestDatabase('security', { template })
  const env = {
    LOGIN_LOCKOUT: '3/600',
    RATE_LIMIT_DISCOUNT_CODES: '2/600',
    RATE_LIMIT_ORDERS: '2/600',
    RATE_LIMIT_PASSWORD_RESET: '2/600',
    RATE_LIMIT_SIGNUP: '3/600',
    // Counters of their own: nothing left from another run or file counts here.
    REDIS_PREFIX: `showroom-test-security-${process.pid}-${Date.now()}:`,
    REDIS_URL,
  }
  // One after the other: the first applies the migrations.
  a = await startApiProcess(database.url, { env })
  b = await startApiProcess(database.url, { env: { ...env, TRUSTED_PROXIES: '127.0.0.1' } })
  // The install's first account (sign-up is closed before it); counts as one sign-up of 127.0.0.1.
  const first = await post(a, '/users/first-register', { email: 'admin@example.test', password: PASSWORD })
  expect(first.status).toBe(200)
}, 2 * API_PROCESS_START_MS + 10_000)

afterAll(async () => {
  await Promise.all([a?.process.stop(), b?.process.stop()])
  await database?.drop()
})

const post = (server: ApiProcess, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.api}${path}`, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers }, method: 'POST' })

const from = (address: string) => ({ 'x-forwarded-for': address })

const refusal = async (response: Response) => ({
  body: (await response.json()) as { errors: Array<{ message: string }> },
  retryAfter: Number(response.headers.get('retry-after')),
  status: response.status,
})

describe('rate limits', () => {
  it('are shared by the replicas: the sign-up over the limit is refused by the other instance, with Retry-After', async () => {
    // 127.0.0.1 signed up once already (the first account); two more on `a` reach the limit of 3.
    for (const name of ['ann', 'ben']) expect((await post(a, '/users', { email: `${name}@example.test`, password: PASSWORD })).status).toBe(201)
    const refused = await refusal(await post(b, '/users', { email: 'cat@example.test', password: PASSWORD }))
    expect(refused.status).toBe(429)
    expect(refused.retryAfter).toBeGreaterThan(0)
    expect(refused.retryAfter).toBeLessThanOrEqual(600)
    expect(refused.body).toEqual({ errors: [{ message: expect.stringMatching(/^Too many new accounts from your address\. Try again in \d+ minutes?\.$/) }] })
    // Nothing was written for the refused request.
    const signIn = await post(a, '/users/login', { email: 'cat@example.test', password: PASSWORD })
    expect(signIn.status).toBe(401)
  })

  it('ignore X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    // `a` trusts nobody: three "different" clients are one, 127.0.0.1, and the third is over the limit of 2.
    const statuses = []
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      statuses.push((await post(a, '/users/forgot-password', { email: 'ann@example.test' }, from(address))).status)
    }
    expect(statuses).toEqual([200, 200, 429])
    // Nor is the header the servers pass the resolved address on in taken from a client.
    const spoofed = await post(a, '/users/forgot-password', { email: 'ann@example.test' }, { 'x-showroom-client-address': '203.0.113.4' })
    expect(spoofed.status).toBe(429)
  })

  it('honour X-Forwarded-For from a trusted proxy: each shopper has her own count', async () => {
    const forgot = async (address: string) => (await post(b, '/users/forgot-password', { email: 'ben@example.test' }, from(address))).status
    expect([await forgot('198.51.100.1'), await forgot('198.51.100.1')]).toEqual([200, 200])
    expect(await forgot('198.51.100.1')).toBe(429)
    // Another shopper behind the same proxy is not affected; a forged hop left of hers changes nothing.
    expect(await forgot('198.51.100.2')).toBe(200)
    expect(await forgot('10.9.9.9, 198.51.100.1')).toBe(429)
  })

  it('apply to placing orders, before the order is even read', async () => {
    const place = async () => (await post(b, '/orders', {}, from('198.51.100.30'))).status
    expect([await place(), await place()]).toEqual([400, 400])
    const refused = await refusal(await post(b, '/orders', {}, from('198.51.100.30')))
    expect(refused).toMatchObject({ body: { errors: [{ message: expect.stringMatching(/^Too many orders from your address\./) }] }, status: 429 })
  })

  it('apply to checking discount codes, through the code endpoint or a quote naming a code (guessing codes)', async () => {
    const shopper = from('198.51.100.40')
    const lines = [{ product: 999_999, quantity: 1 }]
    const apply = async (code: string) => (await post(b, '/promotions/apply', { code, lines }, shopper)).status
    // Unknown codes and products: answered (4xx), and counted.
    const answered = [await apply('GUESS-1'), await apply('GUESS-2')]
    expect(answered.every((status) => status >= 400 && status < 500 && status !== 429)).toBe(true)
    const refused = await refusal(await post(b, '/promotions/apply', { code: 'GUESS-3', lines }, shopper))
    expect(refused).toMatchObject({ body: { errors: [{ message: expect.stringMatching(/^Too many discount codes tried from your address\./) }] }, status: 429 })
    // A quote naming a code is the same check; one without a code (the checkout's totals) is not limited.
    expect((await post(b, '/orders/quote', { discountCode: 'GUESS-4', lines }, shopper)).status).toBe(429)
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await post(b, '/orders/quote', { lines }, shopper)).status).not.toBe(429)
    // Nor is the cart's check of its automatic promotions, without a code, which every cart view asks.
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await post(b, '/promotions/apply', { lines }, shopper)).status).not.toBe(429)
    // Another shopper still checks hers.
    expect(await apply('MINE')).toBe(429)
    expect((await post(b, '/promotions/apply', { code: 'MINE', lines }, from('198.51.100.41'))).status).not.toBe(429)
  })
})

describe('login lockout', () => {
  const attacker = from('192.0.2.66')
  const owner = from('192.0.2.10')
  const login = (email: string, password: string, headers: Record<string, string>) => post(b, '/users/login', { email, password }, headers)

  it('blocks the client guessing a password for that account, while the owner signs in from her own', async () => {
    for (let i = 0; i < 3; i += 1) expect((await login('ann@example.test', `guess-number-${i}`, attacker)).status).toBe(401)
    // Even the right password is refused from the attacker's client now …
    const blocked = await refusal(await login('ann@example.test', PASSWORD, attacker))
    expect(blocked).toMatchObject({ body: { errors: [{ message: expect.stringMatching(/^Too many failed sign-ins to this account from your address\./) }] }, status: 429 })
    expect(blocked.retryAfter).toBeGreaterThan(500)
    // … also as the admin's sign-in form sends it (multipart, the fields as JSON in `_payload`).
    const form = new FormData()
    form.set('_payload', JSON.stringify({ email: 'ann@example.test', password: PASSWORD }))
    expect((await fetch(`${b.api}/users/login`, { body: form, headers: attacker, method: 'POST' })).status).toBe(429)
    // … but the owner, from her own client, gets in, and the attacker may still try other accounts.
    expect((await login('ann@example.test', PASSWORD, owner)).status).toBe(200)
    expect((await login('ben@example.test', 'guess-number-0', attacker)).status).toBe(401)
  })

  it('treats an unknown email exactly like a known one: same answers, same block', async () => {
    const probe = from('192.0.2.77')
    const answers = async (email: string) => {
      const seen = []
      for (let i = 0; i < 4; i += 1) {
        const response = await login(email, `guess-number-${i}`, probe)
        seen.push({ body: await response.json(), status: response.status })
      }
      return seen
    }
    const known = await answers('ben@example.test')
    const unknown = await answers('nobody@example.test')
    expect(unknown).toEqual(known)
    expect(known.map(({ status }) => status)).toEqual([401, 401, 401, 429])
  })

  it('forgets a client’s typos once it signs in', async () => {
    const typist = from('192.0.2.88')
    for (let i = 0; i < 2; i += 1) expect((await login('ann@example.test', 'typo-in-password', typist)).status).toBe(401)
    expect((await login('ann@example.test', PASSWORD, typist)).status).toBe(200)
    for (let i = 0; i < 2; i += 1) expect((await login('ann@example.test', 'typo-in-password', typist)).status).toBe(401)
    expect((await login('ann@example.test', PASSWORD, typist)).status).toBe(200)
  })
})
