/**
 * The storefront as an attacker meets it (issue 14): security headers on every kind of response,
 * personal answers kept out of every cache, rate limits per shopper shared by two instances through
 * Redis, and malformed requests answered with a 4xx, never a 5xx (a seeded fuzz run over every route).
 * One CMS and two storefront instances serve the file: A trusts 127.0.0.1 as its proxy (so a test can
 * speak for several shoppers through X-Forwarded-For) and reaches the CMS through a proxy that
 * records what it sends; B trusts nobody and knows its public origin (SITE_URL).
 */
import { request as httpRequest } from 'node:http'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { startCmsProxy } from './support/cmsProxy'
import { decodeEntities, type Shop, startShop } from './support/harness'
import { sharedRedis } from './support/sharedRedis'

const redis = sharedRedis('security')
let proxy: Awaited<ReturnType<typeof startCmsProxy>> | undefined
let shop: Shop | undefined
let catalogue: Catalogue
let a: string
let b: string

beforeAll(async () => {
  proxy = await startCmsProxy()
  shop = await startShop('security', {
    // The CMS believes the storefronts' X-Forwarded-For (both run on 127.0.0.1) and refuses a third failed
    // sign-in to one account from anywhere (its per-account limit) and a fourth discount code from one
    // shopper, so a test can meet the CMS's own 429s.
    cmsEnv: { RATE_LIMIT_DISCOUNT_CODES: '3/600', RATE_LIMIT_LOGIN_ACCOUNT: '2/600', TRUSTED_PROXIES: '127.0.0.1' },
    env: { ...redis.env, RATE_LIMIT_ACCOUNT: '3/600', RATE_LIMIT_WRITES: '5/600' },
    instanceEnv: [{ CMS_URL: proxy.url, TRUSTED_PROXIES: '127.0.0.1' }, { SITE_URL: 'https://shop.example' }],
    instances: 2,
  })
  proxy.setTarget(shop.cms.origin)
  catalogue = shop.catalogue
  ;[a, b] = shop.storefronts.map((instance) => instance.url) as [string, string]
}, 120_000)

afterAll(async () => {
  await shop?.stop()
  await Promise.all([proxy?.stop(), redis.clear()])
})

/** A request as a shopper at `address` (instance A believes its X-Forwarded-For). */
const as = (address: string) => ({ 'x-forwarded-for': address })

/** Posts a form without JavaScript, as a browser does. */
const postForm = (origin: string, action: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${origin}${action}`, {
    body: new URLSearchParams(fields),
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', origin },
    method: 'POST',
    redirect: 'manual',
  })

let logins = 0

/** A failed sign-in, each to another unknown account unless `email` is given (the CMS also limits per account). */
const login = (origin: string, headers: Record<string, string> = {}, email = `nobody-${(logins += 1)}@example.test`): Promise<Response> =>
  postForm(origin, '/account/login?_action=account.login', { email, next: '/account', password: 'not-the-password' }, headers)

describe('security headers', () => {
  it('are on every kind of response: pages (rendered and cached), JSON, streams, files, errors', async () => {
    const paths = ['/', '/', `/p/${catalogue.mug.slug}`, '/cart', '/account/login', '/no-such-page', '/favicon.svg', '/health', '/_image?href=/favicon.svg']
    for (const path of paths) {
      const response = await fetch(`${a}${path}`, { redirect: 'manual' })
      await response.body?.cancel()
      const headers = response.headers
      expect(headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/)
      expect(headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(headers.get('x-frame-options'), path).toBe('DENY')
      expect(headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
      expect(headers.get('permissions-policy'), path).toMatch(/camera=\(\)/)
      // The test build is a production build.
      expect(headers.get('strict-transport-security'), path).toMatch(/^max-age=\d+/)
      expect(headers.has('x-powered-by'), path).toBe(false)
    }
    // A page's policy carries the hashes of its own scripts and styles, and allows nothing inline else.
    const home = await fetch(`${a}/`)
    await home.body?.cancel()
    const policy = home.headers.get('content-security-policy') ?? ''
    expect(policy).toMatch(/script-src[^;]*'sha256-/)
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/)
    // The same policy comes with the cached copy.
    const again = await fetch(`${a}/`)
    await again.body?.cancel()
    expect(again.headers.get('x-astro-cache')).toBe('HIT')
    expect(again.headers.get('content-security-policy')).toBe(policy)
  })

  it('answer a product live stream too', async () => {
    const controller = new AbortController()
    const response = await fetch(`${a}/live/products/${catalogue.mug.id}`, { signal: controller.signal })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    controller.abort()
  })
})

describe('personal responses', () => {
  it('are private, not stored, and vary on the cookie: pages, the header island, and answers to actions', async () => {
    for (const path of ['/cart', '/checkout', '/account/login', '/account/register']) {
      const first = await fetch(`${a}${path}`, { redirect: 'manual' })
      await first.body?.cancel()
      expect(first.headers.get('cache-control'), path).toBe('private, no-store')
      expect(first.headers.get('vary'), path).toMatch(/cookie/i)
      const second = await fetch(`${a}${path}`, { redirect: 'manual' })
      await second.body?.cancel()
      expect(second.headers.get('x-astro-cache'), path).toBeNull()
    }
    // The header's server island, which reads the session on every cached page.
    const home = await (await fetch(`${a}/`)).text()
    const island = decodeEntities(home.match(/href="(\/_server-islands\/PersonalNav[^"]*)"/)?.[1] ?? '')
    expect(island).not.toBe('')
    const islandAnswer = await fetch(`${a}${island}`)
    await islandAnswer.body?.cancel()
    expect(islandAnswer.headers.get('cache-control')).toBe('private, no-store')
    expect(islandAnswer.headers.get('vary')).toMatch(/cookie/i)
    const added = await postForm(a, '/cart?_action=cart.add', { product: String(catalogue.mug.id), quantity: '1' }, as('198.51.100.20'))
    expect(added.status).toBe(303)
    expect(added.headers.get('cache-control')).toBe('private, no-store')
    expect(added.headers.get('vary')).toMatch(/cookie/i)
    const rpc = await fetch(`${a}/_actions/cart.add`, {
      body: new URLSearchParams({ product: String(catalogue.mug.id), quantity: '1' }),
      headers: { ...as('198.51.100.21'), 'content-type': 'application/x-www-form-urlencoded', origin: a },
      method: 'POST',
    })
    await rpc.body?.cancel()
    expect(rpc.status).toBe(200)
    expect(rpc.headers.get('cache-control')).toBe('private, no-store')
    expect(rpc.headers.get('vary')).toMatch(/cookie/i)
  })
})

describe('rate limits', () => {
  it('stop one shopper’s fourth sign-in attempt with a 429 the form explains, leave others alone, and tell the CMS who she is', async () => {
    const shopper = as('198.51.100.7')
    for (let attempt = 1; attempt <= 3; attempt += 1) expect((await login(a, shopper)).status).toBe(303)
    const refused = await login(a, shopper)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.headers.get('cache-control')).toBe('private, no-store')
    // The sign-in page itself, with the message on the form.
    const page = await refused.text()
    expect(page).toContain('<h1>Sign in</h1>')
    expect(page).toMatch(/Too many attempts from your connection\. Please wait \d+ minutes and try again\./)
    // Another shopper behind the same proxy is not affected.
    expect((await login(a, as('198.51.100.8'))).status).toBe(303)
    // The CMS heard the shopper's address, so its own limits count her, not the storefront.
    expect(proxy?.sent()).toMatch(/POST \/api\/v1\/users\/login[^]*?x-forwarded-for: 198\.51\.100\.7/i)
  })

  it('are shared by both instances and ignore an X-Forwarded-For from an untrusted peer', async () => {
    // B trusts no proxy: each forged header still counts against the connection's own address.
    expect((await login(b, as('203.0.113.1'))).status).toBe(303)
    expect((await login(b, as('203.0.113.2'))).status).toBe(303)
    // A, from the same address without a header: the third attempt of that address.
    expect((await login(a)).status).toBe(303)
    const refused = await login(b, as('203.0.113.3'))
    expect(refused.status).toBe(429)
    await refused.body?.cancel()
  })

  it('pass the CMS’s own refusal on to the shopper: the form says why and when to try again', async () => {
    // Two shoppers fail on one account; the CMS refuses the third, whoever asks.
    for (const address of ['198.51.100.41', '198.51.100.42']) expect((await login(a, as(address), 'victim@example.test')).status).toBe(303)
    const refused = await login(a, as('198.51.100.43'), 'victim@example.test')
    // Post-redirect-get: back to the form, which shows the CMS's message once.
    expect(refused.status).toBe(303)
    const cookie = (refused.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const form = await fetch(new URL(refused.headers.get('location') ?? '', a), { headers: { cookie } })
    expect(await form.text()).toMatch(/Too many failed sign-ins to this account\. Try again in \d+ minutes\. You can reset your password meanwhile\./)
  })

  it('tell a shopper who tried too many discount codes how long to wait, on her cart, in her language', async () => {
    const shopper = as('198.51.100.60')
    const added = await postForm(a, '/cart?_action=cart.add', { product: String(catalogue.mug.id), quantity: '1' }, shopper)
    const cookie = (added.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const apply = (cart: string, code: string) => postForm(a, `${cart}?_action=cart.applyCode`, { code }, { ...shopper, cookie })
    const cartPage = async (cart: string) => decodeEntities(await (await fetch(`${a}${cart}`, { headers: { ...shopper, cookie } })).text())
    for (const code of ['GUESS-1', 'GUESS-2', 'GUESS-3']) expect((await apply('/cart', code)).status).toBe(303)
    expect(await cartPage('/cart')).toContain('Code “GUESS-3” was not applied')
    // The CMS checks no fourth code from her address: the cart says so, with the wait, in German on /de/
    // (her fifth write, the storefront's own limit here).
    const refused = await apply('/de/cart', 'GUESS-4')
    expect(refused.headers.get('location')).toBe('/de/cart')
    expect(await cartPage('/de/cart')).toMatch(/Zu viele Rabattcodes von Ihrer Adresse ausprobiert\. Versuchen Sie es in 10 Minuten erneut\./)
  })

  it('answer a client script’s action call with the action’s JSON error and Retry-After', async () => {
    const call = () =>
      fetch(`${a}/_actions/cart.add`, {
        body: new URLSearchParams({ product: String(catalogue.mug.id), quantity: '1' }),
        headers: { ...as('198.51.100.30'), 'content-type': 'application/x-www-form-urlencoded', origin: a },
        method: 'POST',
      })
    for (let attempt = 1; attempt <= 5; attempt += 1) expect((await call()).status).toBe(200)
    const refused = await call()
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^Too many attempts/) })
  })
})

describe('the shared page cache', () => {
  it('keeps one entry per page whatever Host header or junk parameters a request brings (with SITE_URL)', async () => {
    const path = `/p/${catalogue.mug.slug}`
    const first = await raw(b, 'GET', path, { host: 'junk-1.example' })
    expect(first.cache).toBe('MISS')
    expect(first.body).toContain('<link rel="canonical" href="https://shop.example/p/')
    for (const [host, target] of [
      ['junk-2.example', path],
      ['shop.example', `${path}?utm_source=x&zz=${'j'.repeat(200)}`],
      [`${'h'.repeat(60)}.example:8080`, `${path}?gclid=1&fbclid=2`],
    ] as const) {
      const again = await raw(b, 'GET', target, { host })
      expect(again.status, `${host} ${target}`).toBe(200)
      expect(again.cache, `${host} ${target}`).toBe('HIT')
    }
  })
})

type Answer = { body: string; cache: string | undefined; status: number }

/** One raw HTTP request (any method, any path Node lets through), so nothing is normalised on the way. */
const raw = (origin: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin)
    // A connection of its own: an answer sent before a malformed body was read must not poison the next request.
    const sent = httpRequest({ agent: false, headers, hostname, method, path, port }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        // Streams (live updates) never end: the status is all that is needed.
        text += chunk
        if (response.headers['content-type']?.startsWith('text/event-stream')) response.destroy()
      })
      const cache = response.headers['x-astro-cache']
      response.on('close', () => resolve({ body: text.slice(0, 20_000), cache: typeof cache === 'string' ? cache : undefined, status: response.statusCode ?? 0 }))
    })
    sent.setTimeout(20_000, () => sent.destroy(new Error(`${method} ${path} did not answer`)))
    sent.on('error', reject)
    sent.end(body)
  })

describe('bad input', () => {
  it('is a 4xx for the cases of the issue: an action without content type, /_image of a local file, TRACE', async () => {
    const shopper = { ...as('198.51.100.40'), origin: a }
    for (const action of ['/account/login?_action=account.login', '/checkout?_action=checkout.place', '/_actions/cart.add']) {
      const answer = await raw(a, 'POST', action, shopper)
      expect(answer.status, action).toBe(415)
      expect(answer.body, action).toMatch(/form|content type|unsupported/i)
    }
    expect((await raw(a, 'GET', '/_image?href=/favicon.svg', {})).status).toBeLessThan(500)
    const trace = await raw(a, 'TRACE', '/', {})
    expect(trace.status).toBe(405)
  })

  it('is never a 5xx: seeded malformed paths, parameters, bodies, content types and methods over every route', async () => {
    const id = () => fc.oneof(fc.constant(String(catalogue.mug.id)), fc.constantFrom('0', '-1', '1.5', 'abc', '2147483648', '99999999999999999999', '%00', '%zz', '..%2f..'))
    const junk = fc.oneof(
      fc.constantFrom('', '%', '%zz', '%00', '..', '%2e%2e', '%ff%fe', '%F0%9F%98%80', 'a'.repeat(3000), '<script>', '%0d%0aSet-Cookie:x=1'),
      fc.stringMatching(/^[\w\-.~%]{0,40}$/),
    )
    const path = fc.oneof(
      fc.constantFrom('/', '/cart', '/checkout', '/search', '/sitemap.xml', '/health', '/health/ready', '/metrics', '/account', '/account/login', '/account/register', '/account/forgot', '/account/reset', '/account/orders', '/api/webhooks/cms', '/_image', '/_server-islands/PersonalNav', '/404', '/500'),
      fc.tuple(fc.constantFrom('/c/', '/p/', '/order/', '/live/orders/', '/live/products/', '/_actions/', '/account/', '/_server-islands/'), fc.oneof(id(), junk)).map(([base, tail]) => `${base}${tail}`),
      fc.constantFrom('/c/clothing', `/p/${catalogue.mug.slug}`, '//double', '/./x', '/a/../cart'),
      fc.tuple(fc.constantFrom('account.', 'cart.', 'checkout.', ''), fc.constantFrom('login', 'register', 'logout', 'profile', 'forgot', 'reset', 'add', 'update', 'remove', 'place', 'nope', '__proto__', 'constructor')).map(([area, name]) => `/_actions/${area}${name}`),
    )
    const query = fc.array(fc.tuple(fc.constantFrom('page', 'sort', 'q', 'variant', 'inStock', 'token', 'next', 'href', 'w', 'f', '_action', 'e', 'p', 'category', 'minPrice', 'utm_source'), junk), { maxLength: 4 })
    const contentType = fc.constantFrom(undefined, 'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x', 'text/plain', 'application/xml', '', 'garbage/;;;')
    const body = fc.oneof(fc.constant(undefined), fc.constantFrom('{', '{"product":"x","quantity":-1}', 'product=1&quantity=1e9', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--', 'null', '[]', '\u0000'), fc.string({ maxLength: 200 }))
    const method = fc.constantFrom('GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND')

    let shopperNumber = 0
    const failures: string[] = []
    await fc.assert(
      fc.asyncProperty(method, path, query, contentType, body, async (verb, target, params, type, payload) => {
        const search = params.map(([name, value]) => `${name}=${value}`).join('&')
        const url = search === '' ? target : `${target}?${search}`
        shopperNumber += 1
        // A shopper of its own each time (A trusts the test's X-Forwarded-For), so no limit hides an answer.
        const headers: Record<string, string> = { ...as(`10.0.${Math.floor(shopperNumber / 250)}.${shopperNumber % 250}`), origin: a }
        if (type !== undefined) headers['content-type'] = type
        const sendsBody = verb !== 'GET' && verb !== 'HEAD' && payload !== undefined
        const answer = await raw(a, verb, url, headers, sendsBody ? payload : undefined)
        if (answer.status >= 500 || answer.status === 0) failures.push(`${verb} ${url} [${type ?? 'no type'}] → ${answer.status} ${answer.body.slice(0, 120)}`)
        return answer.status < 500 && answer.status > 0
      }),
      { endOnFailure: true, numRuns: 300, seed: 14 },
    ).catch((error: unknown) => {
      throw new Error(`5xx answers:\n${failures.join('\n')}`, { cause: error })
    })
  }, 180_000)
})
