/**
 * Bad input against one real API process (`scripts/serveApi.ts`, production mode, real Postgres): every
 * case issue 14 lists gets a 4xx with a clear message and writes nothing, personal answers are not
 * cacheable, every answer carries the security headers, and a seeded fuzz over every route in
 * `openapi.json` (malformed ids, query parameters, bodies, content types and methods, as anonymous, a
 * customer and an admin) finds no 5xx and no write. A failing fuzz run prints its seed and path;
 * `FUZZ_SEED=<seed>` replays it. (The Next server runs the same handler: `admin.e2e.test.ts` checks its headers.)
 */
import { createTestDatabase, migratedTemplate, runSql, type TestDatabase } from '@showroom/test-support'
import fc from 'fast-check'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { API_PROCESS_START_MS, type ApiProcess, startApiProcess } from './apiProcess'
import { type Answer, callers, type Callers, filled, FUZZ_SEED, fuzzMalformed, multipartWith, openApiRoutes, type Route, routeArbitrary, sendRaw, type Sent, sessionRoutes, tableDigests } from './malformedRequests'

let database: TestDatabase
let cms: ApiProcess
const tokens: Callers = { admin: '', customer: '' }
let routes: Route[] = []

const send = (sent: Sent): Promise<Answer> => sendRaw(cms.api, sent)

const json = (path: string, body: unknown, token?: string, method = 'POST') =>
  send({ body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) }, method, path })

const auth = (token: string) => ({ authorization: `JWT ${token}` })

const messageOf = (answer: Answer): string => (JSON.parse(answer.body) as { errors: { message: string }[] }).errors[0]?.message ?? ''

beforeAll(async () => {
  database = await createTestDatabase('bad_input', { template: migratedTemplate() })
  cms = await startApiProcess(database.url)
  const admin = await json('/users/first-register', { email: 'admin@example.test', name: 'Admin', password: 'admin-Passw0rd!x' })
  expect(admin.status, admin.body).toBe(200)
  tokens.admin = (JSON.parse(admin.body) as { token: string }).token
  const signUp = await json('/users', { email: 'alice@example.test', name: 'Alice', password: 'alice-Passw0rd!x' })
  expect(signUp.status, signUp.body).toBe(201)
  const login = await json('/users/login', { email: 'alice@example.test', password: 'alice-Passw0rd!x' })
  tokens.customer = (JSON.parse(login.body) as { token: string }).token
  // The admin's way of creating a document (multipart with `_payload`) still works: a category to aim at.
  const form = new FormData()
  form.append('_payload', JSON.stringify({ slug: 'shoes', title: 'Shoes' }))
  const category = await fetch(`${cms.api}/categories`, { body: form, headers: auth(tokens.admin), method: 'POST' })
  expect(category.status, await category.clone().text()).toBe(201)
  routes = await openApiRoutes(cms.api)
}, API_PROCESS_START_MS + 30_000)
afterAll(async () => {
  await cms?.process.stop()
  await database?.drop()
})

describe('the cases issue 14 found', () => {
  it.each([
    ['GET', '/products/abc', 'not a valid products id'],
    ['GET', '/orders/1.5', 'not a valid orders id'],
    ['GET', '/orders/2147483648', 'not a valid orders id'],
    ['PATCH', '/categories/abc', 'not a valid categories id'],
    ['DELETE', '/users/1.5', 'not a valid users id'],
    ['GET', '/products?page=-5', '"page" must be a whole number'],
    ['GET', '/products?limit=abc', '"limit" must be a whole number'],
    ['GET', '/products?depth=-1', '"depth" must be a whole number'],
    ['GET', '/products?where=abc', '"where" must be an object'],
    ['GET', '/products?sort[title]=1', '"sort" must be a field name'],
    ['GET', '/products?where[id][in]=a,b', 'not valid for its field'],
  ])('%s %s is a 400 that says why, for a customer too', async (method, path, message) => {
    for (const headers of [{}, auth(tokens.customer)]) {
      const answer = await send({ headers, method, path })
      expect(answer.status, answer.body).toBe(400)
      expect(messageOf(answer)).toContain(message)
    }
    // The client's mistake is not logged as the server's error (an error line with a stack per probe).
    const errorLines = cms?.process.output().split('\n').filter((line) => line.includes(message) && /ERROR|"level":50/.test(line))
    expect(errorLines).toEqual([])
  })

  it('refuses TRACE and other methods it has no use for with 405 and the methods it takes', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'MKCOL', 'LINK']) {
      const answer = await send({ method, path: '/products' })
      expect(answer.status).toBe(405)
      expect(answer.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS')
    }
    // A method HTTP does not define at all: Node's parser refuses it before any code of ours runs.
    expect((await send({ method: 'FOO', path: '/products' })).status).toBe(400)
  })

  it('refuses JSON nested deeper than 64 levels, which would overflow Payload\'s recursive walk', async () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    const deep = await send({ body: nested(5_000), headers: { ...auth(tokens.admin), 'content-type': 'application/json' }, method: 'POST', path: '/categories' })
    expect(deep.status).toBe(400)
    expect(messageOf(deep)).toBe('The JSON body is nested more than 64 levels deep.')
    // Brackets inside strings are text, not nesting.
    const title = `${'{['.repeat(100)} Shoes`
    const fine = await json('/categories', { description: nested(10), slug: 'brackets', title: title.slice(0, 120) }, tokens.admin)
    expect(fine.status, fine.body).toBe(201)
    await send({ headers: auth(tokens.admin), method: 'DELETE', path: `/categories/${(JSON.parse(fine.body) as { doc: { id: number } }).doc.id}` })
  })

  it('refuses a garbled JSON body even where the route reads none: a DELETE with one deletes nothing', async () => {
    const before = await runSql(database.url, 'select id from users order by id')
    const answer = await send({ body: '{"confirm": tru', headers: { ...auth(tokens.admin), 'content-type': 'application/json' }, method: 'DELETE', path: '/users/2' })
    expect(answer.status).toBe(400)
    expect(messageOf(answer)).toMatch(/^The body is not valid JSON: /)
    expect(await runSql(database.url, 'select id from users order by id')).toEqual(before)
  })

  it('refuses form data on a DELETE, which Payload would ignore and delete anyway', async () => {
    const before = await runSql(database.url, 'select id from categories order by id')
    const answer = await send({ body: multipartWith('true'), headers: { ...auth(tokens.admin), 'content-type': 'multipart/form-data; boundary=B' }, method: 'DELETE', path: '/categories/1' })
    expect(answer.status).toBe(400)
    expect(messageOf(answer)).toBe('A DELETE request takes no form data: say what to delete in the URL.')
    expect(await runSql(database.url, 'select id from categories order by id')).toEqual(before)
  })

  it('refuses an id with digits and then something else (Payload would parseFloat it to a real id): a DELETE deletes nothing', async () => {
    const before = await runSql(database.url, 'select id from categories order by id')
    for (const path of ['/categories/1abc', '/categories/1%00', '/categories/1.5', '/categories/versions/1x']) {
      const answer = await send({ headers: auth(tokens.admin), method: 'DELETE', path })
      expect(answer.status, path).toBe(400)
      expect(messageOf(answer)).toMatch(/not a valid categories id/)
    }
    expect(await runSql(database.url, 'select id from categories order by id')).toEqual(before)
  })

  it('refuses multipart documents that are not JSON objects, or not multipart at all, with 400 (the admin\'s format, streamed to Payload)', async () => {
    const before = await tableDigests(database.url)
    const deep = `{"title":"Deep","alt":"x","a":${'['.repeat(5_000)}${']'.repeat(5_000)}}`
    for (const collection of ['categories', 'media']) {
      const cases: [string, RegExp][] = [
        [multipartWith('{"title": '), /^The request body is not valid JSON: /],
        [multipartWith('null'), /^The document must be a JSON object/],
        [multipartWith('"Shoes"'), /^The request body is not valid JSON|^The document must be a JSON object/],
        // No `_payload`: an empty document, which lacks its required fields.
        ['--B\r\nContent-Disposition: form-data; name="title"\r\n\r\nShoes\r\n--B--\r\n', /fields? (is|are) invalid|No files were uploaded/],
        ['garbage', /^The request body is malformed: /],
        [multipartWith(deep), /nested too deeply|No files were uploaded/],
      ]
      for (const [body, message] of cases) {
        const answer = await send({ body, headers: { ...auth(tokens.admin), 'content-type': 'multipart/form-data; boundary=B' }, method: 'POST', path: `/${collection}` })
        expect(answer.status, `${collection}: ${answer.body}`).toBe(400)
        expect(messageOf(answer)).toMatch(message)
      }
    }
    expect(await tableDigests(database.url)).toEqual(before)
  })

  it('refuses a urlencoded POST /users with 415 and creates nobody', async () => {
    const before = await runSql(database.url, 'select id from users')
    const answer = await send({ body: 'email=mallory%40example.test&password=mallory-Passw0rd!x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, method: 'POST', path: '/users' })
    expect(answer.status).toBe(415)
    expect(messageOf(answer)).toContain('application/json')
    expect(await runSql(database.url, 'select id from users')).toEqual(before)
  })

  it('places no order from a text/plain (or multipart) POST /orders sent from a foreign page', async () => {
    const order = JSON.stringify({ currency: 'EUR', email: 'guest@example.test', items: [] })
    const plain = await send({ body: order, headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, method: 'POST', path: '/orders' })
    expect(plain.status).toBe(415)
    const form = new FormData()
    form.append('_payload', order)
    const multipart = await fetch(`${cms.api}/orders`, { body: form, method: 'POST' })
    expect(multipart.status).toBe(415)
    expect((await multipart.json()) as unknown).toEqual({ errors: [{ message: expect.stringContaining('JSON body') }] })
    expect(await runSql(database.url, 'select id from orders')).toEqual([])
  })

  it('refuses a 9 MB JSON login with 413 before parsing it, declared or streamed', async () => {
    const big = JSON.stringify({ email: 'admin@example.test', password: 'x'.repeat(9 * 1024 * 1024) })
    // fetch declares the length of a known body, and reads an early answer while it still sends.
    const declared = await fetch(`${cms.api}/users/login`, { body: Buffer.from(big), headers: { 'content-type': 'application/json' }, method: 'POST' })
    expect(declared.status).toBe(413)
    await declared.body?.cancel()
    const streamed = await fetch(`${cms.api}/users/login`, {
      body: new Blob([big]).stream(),
      duplex: 'half',
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    } as RequestInit & { duplex: 'half' })
    expect(streamed.status).toBe(413)
    expect((await streamed.json()) as unknown).toEqual({ errors: [{ message: 'The request body is larger than 1048576 bytes.' }] })
  })

  it('still takes what the admin sends: multipart documents, urlencoded GET-by-POST queries, and uploads up to 25 MB', async () => {
    const query = await send({
      body: 'where[slug][equals]=shoes&depth=0',
      headers: { ...auth(tokens.admin), 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET' },
      method: 'POST',
      path: '/categories',
    })
    expect(query.status, query.body).toBe(200)
    expect(JSON.parse(query.body)).toMatchObject({ docs: [{ slug: 'shoes' }] })
    // Its query is held to the same rules as a query string.
    const badQuery = await send({
      body: 'where=abc',
      headers: { ...auth(tokens.admin), 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET' },
      method: 'POST',
      path: '/categories',
    })
    expect(badQuery.status).toBe(400)
    expect(messageOf(badQuery)).toContain('"where" must be an object')
    // 3 MB of noise: over the 1 MB JSON limit, within the upload one.
    const png = await sharp({ create: { background: '#000', channels: 3, height: 1000, noise: { mean: 128, sigma: 90, type: 'gaussian' }, width: 1000 } }).png().toBuffer()
    expect(png.byteLength).toBeGreaterThan(1024 * 1024)
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'noise.png')
    form.append('_payload', JSON.stringify({ alt: 'Noise' }))
    const upload = await fetch(`${cms.api}/media`, { body: form, headers: auth(tokens.admin), method: 'POST' })
    expect(upload.status, await upload.clone().text()).toBe(201)
    const { doc } = (await upload.json()) as { doc: { filename: string } }
    const file = await fetch(`${cms.api}/media/file/${encodeURIComponent(doc.filename)}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox")
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('response headers', () => {
  const SECURITY = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    'permissions-policy': expect.stringContaining('camera=()'),
    'referrer-policy': 'strict-origin-when-cross-origin',
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  }

  it('carry the security headers on every kind of answer, and no X-Powered-By', async () => {
    const answers = [
      await send({ path: '/products' }), // the early catalogue answer
      await send({ headers: { origin: 'http://localhost:4321' }, path: '/products' }), // Payload's
      await send({ path: '/users/me' }),
      await send({ path: '/nowhere' }), // 404
      await send({ path: '/products/abc' }), // 400
      await send({ method: 'TRACE', path: '/products' }), // 405
      await send({ headers: auth(tokens.customer), path: '/webhook-deliveries' }), // 403
      await send({ path: '/openapi.json' }),
    ]
    for (const answer of answers) {
      expect(answer.headers).toMatchObject(SECURITY)
      expect(answer.headers['x-powered-by']).toBeUndefined()
    }
  })

  it('make personal and signed-in answers private and uncacheable, and leave the anonymous catalogue cacheable', async () => {
    const personal = [
      await send({ headers: auth(tokens.customer), path: '/users/me' }),
      await send({ path: '/users/me' }),
      await send({ headers: auth(tokens.customer), path: '/orders' }),
      await send({ path: '/orders?where[id][equals]=1' }),
      await send({ headers: auth(tokens.admin), path: '/products' }),
      await send({ headers: { cookie: `payload-token=${tokens.customer}` }, path: '/categories' }),
      await json('/users/login', { email: 'alice@example.test', password: 'alice-Passw0rd!x' }),
    ]
    for (const answer of personal) {
      expect(answer.headers['cache-control']).toBe('private, no-store')
      expect(answer.headers.vary).toContain('Authorization, Cookie')
    }
    const anonymous = await send({ path: '/categories' })
    expect(anonymous.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+/)
    const etag = String(anonymous.headers.etag)
    const revalidated = await send({ headers: { 'if-none-match': etag }, path: '/categories' })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers['cache-control']).toMatch(/^public/)
  })
})

describe('fuzz', () => {
  it('never answers 5xx and never writes, whatever is malformed, on every route', async () => {
    const before = await tableDigests(database.url)
    const sent = await fuzzMalformed({ api: cms.api, callers: tokens, numRuns: 400, routes })
    expect(sent).toBeGreaterThan(200)
    expect(await tableDigests(database.url)).toEqual(before)
  }, 180_000)

  it('never answers 5xx to well-formed JSON of any shape, however deep, on every route', async () => {
    const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    const shapes = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
      fc.constantFrom(deep(70), `${'['.repeat(5_000)}${']'.repeat(5_000)}`, '"x"', '0', 'null', '[]', '{"id":"abc"}', '{"price":"abc","title":{}}'),
    )
    await fc.assert(
      fc.asyncProperty(fc.record({ body: shapes, caller: callers, route: routeArbitrary }), async ({ body, caller, route: index }) => {
        const route = routes[index % routes.length]
        if (!route || route.method === 'GET' || route.method === 'DELETE' || (caller && sessionRoutes.has(route.path))) return
        const answer = await send({
          body,
          headers: { ...(caller ? auth(tokens[caller]) : {}), 'content-type': 'application/json' },
          method: route.method,
          path: filled(route.path, '1'),
        })
        expect(answer.status, `${route.method} ${route.path} ${body.slice(0, 100)}: ${answer.body.slice(0, 200)}`).toBeLessThan(500)
      }),
      { numRuns: 250, seed: FUZZ_SEED },
    )
  }, 180_000)
})
