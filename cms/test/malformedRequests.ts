/**
 * Malformed requests for the API's fuzz tests (`badInput.test.ts` on the API server, `admin.e2e.test.ts` on
 * Next behind `serveNext`): seeded fast-check generators over every route `openapi.json` lists, a raw HTTP client that
 * sends any method, header and body as given, and a digest of every table to prove nothing was written.
 * A failing run prints its seed; `FUZZ_SEED=<seed>` replays it.
 */
import { request } from 'node:http'

import { runSql } from '@showroom/test-support'
import fc from 'fast-check'
import { expect } from 'vitest'

/** An answer; `reset` when the server closed the connection on a body it would not read, before the answer arrived. */
export type Answer = { body: string; headers: Record<string, string | string[] | undefined>; reset?: true; status: number }
export type Sent = { body?: Buffer | string; headers?: Record<string, string>; method?: string; path: string }
export type Route = { method: string; path: string }
/** The signed-in callers of a fuzz run (besides anonymous): their JWTs by name. */
export type Callers = Record<'admin' | 'customer', string>

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 1_407_2026)

/** Any method, any header, any body, exactly as given to `${api}${path}` (fetch refuses TRACE and sets its own content types). */
/**
 * Sends one request as written, on a connection of its own (a kept-alive one the server has just closed
 * would fail the next request before it is sent). A server that refuses a body it will not read (413,
 * 415) answers early and closes the connection under a client still sending: the answer usually arrives,
 * but the reset can beat it. A request whose sending broke that way and that got no answer resolves with
 * status 0 (`reset`), which is not a 5xx and wrote nothing; a connection that closes without either fails.
 */
export const sendRaw = (api: string, { body, headers = {}, method = 'GET', path }: Sent): Promise<Answer> =>
  new Promise((resolve, reject) => {
    let answered = false
    let sendingBroke = false
    const req = request(
      `${api}${path}`,
      { agent: false, headers: { ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...headers }, method },
      (res) => {
        answered = true
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ body: Buffer.concat(chunks).toString('utf8'), headers: res.headers, status: res.statusCode ?? 0 }))
        res.on('error', reject)
      },
    )
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') sendingBroke = true
      else reject(error)
    })
    // Never wait forever: a connection that ends without an answer fails the request, naming it.
    req.on('close', () => {
      if (answered) return
      if (sendingBroke) resolve({ body: '', headers: {}, reset: true, status: 0 })
      else reject(new Error(`${method} ${path}: the connection closed without an answer`))
    })
    req.end(body)
  })

/** Every operation `openapi.json` documents. */
export const openApiRoutes = async (api: string): Promise<Route[]> => {
  const document = (await (await fetch(`${api}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> }
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => ['delete', 'get', 'patch', 'post', 'put'].includes(method))
      .map((method) => ({ method: method.toUpperCase(), path })),
  )
}

/** Every row of every table but `ignore`, digested: what a request wrote, if anything, changes it. */
export const tableDigests = async (databaseUrl: string, ignore: RegExp = /^$/): Promise<Record<string, string>> => {
  const tables = (await runSql<{ name: string }>(databaseUrl, "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")).filter(
    ({ name }) => !ignore.test(name),
  )
  const digests = await runSql<{ digest: string; name: string }>(
    databaseUrl,
    tables.map(({ name }) => `select '${name}' as name, count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`).join(' union all '),
  )
  return Object.fromEntries(digests.map(({ digest, name }) => [name, digest]))
}

const MIB = 1024 * 1024
const oversized = JSON.stringify({ data: 'x'.repeat(MIB + 10) })
export const callers = fc.constantFrom<undefined | 'admin' | 'customer'>(undefined, 'customer', 'admin')

/** Ids that cannot be one: words, fractions, negatives, past `integer`, encodings, anything not digits. */
const badId = fc.oneof(
  fc.constantFrom('abc', '1.5', '-1', '2147483648', '99999999999999999999', '0x10', '1e3', '%20', 'null', 'NaN', 'Infinity', '1%00', '%E2%82%AC'),
  fc.string({ maxLength: 12 }).filter((value) => !/^\d*$/.test(value)).map(encodeURIComponent),
)
const junk = fc.oneof(fc.constantFrom('-5', 'abc', '1.5', '1e309', '', '[]', '{}', '-0', '99999999999', '%', 'null'), fc.string({ maxLength: 8 }).map(encodeURIComponent))
/** Query strings with at least one parameter Payload's REST contract defines, malformed. */
const badQuery = fc.oneof(
  junk.map((value) => `page=${value}`).filter((query) => !/^page=[1-9]\d{0,9}$/.test(query)),
  junk.map((value) => `limit=${value}`).filter((query) => !/^limit=\d{1,10}$/.test(query)),
  junk.map((value) => `depth=${value}`).filter((query) => !/^depth=\d{1,10}$/.test(query)),
  junk.map((value) => `where=${value}`).filter((query) => query !== 'where={}' && query !== 'where=%7B%7D'),
  fc.tuple(fc.constantFrom('id', 'price', 'createdAt', 'title', 'status', 'roles'), fc.constantFrom('equals', 'in', 'greater_than', 'like', 'near', 'exists'), junk).map(
    ([field, operator, value]) => `where[${field}][${operator}]=${value}&page=-1`,
  ),
  junk.map((value) => `sort[${value || 'x'}]=1`),
)
const notJson = fc.oneof(fc.constantFrom('{', '{"a":', "{'a':1}", 'undefined', 'NaN', '[1,]', '\u0000', '{"a":1}}'), fc.string({ maxLength: 40 })).filter((text) => {
  try {
    JSON.parse(text)
    return false
  } catch {
    return true
  }
})
const wrongType = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/octet-stream', 'text/html', 'application/jsonx', '')
const notAnObject = fc.constantFrom('null', '"x"', '1', '[]', 'true', `${'['.repeat(5_000)}${']'.repeat(5_000)}`)
/** A multipart body as the admin sends one, with `document` as its `_payload` field. */
export const multipartWith = (document: string) => `--B\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n${document}\r\n--B--\r\n`
/** Bodies no endpoint may take: not JSON, not an object, a type it does not read, broken multipart, or over the limit. */
const badBody = fc.oneof(
  notJson.map((body) => ({ body, type: 'application/json' })),
  fc.oneof(notJson, notAnObject).map((document) => ({ body: multipartWith(document), type: 'multipart/form-data; boundary=B' })),
  fc.string({ maxLength: 60 }).map((body) => ({ body, type: 'multipart/form-data; boundary=B' })),
  fc.tuple(fc.jsonValue({ maxDepth: 3 }), wrongType).map(([value, type]) => ({ body: JSON.stringify(value) ?? 'null', type })),
  fc.constant({ body: oversized, type: 'application/json' }),
)

/** An index into the routes, which are known only once the server answers `openapi.json`. */
export const routeArbitrary = fc.nat({ max: 100_000 })
/** A route from openapi.json with its path parameters filled in, `id` for `{id}`. */
export const filled = (template: string, id: string) => template.replace('{id}', id).replace('{method}', 'test').replace('{filename}', 'x.png')
/** Logging out or refreshing as the fuzz's own users would end or change their sessions: a legitimate write. */
export const sessionRoutes = new Set(['/users/logout', '/users/refresh-token'])

/** `arbitrary`'s value in about one case of `oneIn`, else null. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: oneIn - 1 }, { arbitrary, weight: 1 })
/** Methods the API has no use for, and one HTTP does not define at all. */
export const UNUSED_METHODS = ['TRACE', 'PROPFIND', 'MKCOL', 'LINK', 'UNLINK', 'FOO']

const malformed = (unusedMethods: string[]) =>
  fc.record({
    body: sometimes(badBody, 2),
    caller: callers,
    id: sometimes(badId, 3),
    method: sometimes(fc.constantFrom(...unusedMethods), 8),
    query: sometimes(badQuery, 3),
    route: routeArbitrary,
  })


/**
 * Sends `numRuns` malformed requests (at least one thing wrong in each: id, query, body or method) to
 * `api`, as anonymous and as each of `callers`, and asserts that none gets a 5xx. Returns how many were sent.
 */
export const fuzzMalformed = async ({
  api,
  callers: tokens,
  numRuns,
  routes,
  unusedMethods = UNUSED_METHODS,
}: {
  api: string
  callers: Callers
  numRuns: number
  routes: Route[]
  /** @default UNUSED_METHODS */
  unusedMethods?: string[]
}): Promise<number> => {
  let sent = 0
  await fc.assert(
    fc.asyncProperty(malformed(unusedMethods), async ({ body, caller, id, method, query, route: index }) => {
      const route = routes[index % routes.length]
      if (!route) throw new Error('openapi.json lists no routes')
      // Something must be malformed: a well-formed request may legitimately write.
      const idApplies = Boolean(id) && route.path.includes('{id}')
      if (!idApplies && !body && !method && !query) return
      if (caller && sessionRoutes.has(route.path)) return
      const answer = await sendRaw(api, {
        body: body?.body,
        headers: { ...(caller ? { authorization: `JWT ${tokens[caller]}` } : {}), ...(body?.type ? { 'content-type': body.type } : {}) },
        method: method ?? route.method,
        path: `${filled(route.path, idApplies && id ? id : '1')}${query ? `?${query}` : ''}`,
      })
      sent += 1
      expect(answer.status, `${method ?? route.method} ${route.path}: ${answer.body.slice(0, 200)}`).toBeLessThan(500)
    }),
    { numRuns, seed: FUZZ_SEED },
  )
  return sent
}
