import { randomUUID } from 'node:crypto'

import { createTestDatabase, migratedTemplate, type TestDatabase } from '@showroom/test-support'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { API_PROCESS_START_MS, type ApiProcess, eventually, startApiProcess } from './apiProcess'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

let database: TestDatabase
let db: pg.Client
const replicas: ApiProcess[] = []
let token: string
let lamp: number

const request = (cms: ApiProcess, path: string, { body, headers = {}, method = 'GET' }: { body?: unknown; headers?: Record<string, string>; method?: string } = {}) =>
  fetch(`${cms.api}${path}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    method,
  })

const replica = (index: number): ApiProcess => {
  const cms = replicas[index]
  if (!cms) throw new Error(`replica ${index} is not running`)
  return cms
}

const staff = () => ({ authorization: `JWT ${token}` })

const LIST = '/products?depth=1&limit=24'

/** The titles an anonymous shopper's list shows on a replica. */
const titles = async (cms: ApiProcess, path = LIST): Promise<string[]> =>
  ((await (await request(cms, path)).json()) as { docs: Array<{ title: string }> }).docs.map((doc) => doc.title)

beforeAll(async () => {
  database = await createTestDatabase('catalogue_cache', { template: migratedTemplate() })
  const env = { REDIS_PREFIX: `test:${randomUUID()}:`, REDIS_URL }
  // One after the other: the first applies the migrations.
  replicas.push(await startApiProcess(database.url, { env }))
  replicas.push(await startApiProcess(database.url, { env }))
  const registered = await request(replica(0), '/users/first-register', { body: { email: 'admin@example.test', name: 'Admin', password: 'admin-Passw0rd!' }, method: 'POST' })
  token = ((await registered.json()) as { token: string }).token
  const created = await request(replica(0), '/products', { body: { _status: 'published', price: 1200, sku: 'LAMP', stock: 5, title: 'Lamp' }, headers: staff(), method: 'POST' })
  lamp = ((await created.json()) as { doc: { id: number } }).doc.id
  await request(replica(0), '/products?draft=true', { body: { price: 900, sku: 'SECRET', stock: 1, title: 'Secret Draft' }, headers: staff(), method: 'POST' })
  db = new pg.Client({ connectionString: database.url })
  await db.connect()
}, 3 * API_PROCESS_START_MS)
afterAll(async () => {
  await db?.end()
  for (const cms of replicas) await cms.process.stop()
  await database?.drop()
})

describe('anonymous catalogue responses on two API replicas', () => {
  it('carry a strong ETag, shared-cache headers, and answer 304 to a client that has them', async () => {
    const response = await request(replica(0), LIST)
    expect(response.status).toBe(200)
    const etag = response.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=10, stale-while-revalidate=60')
    expect(response.headers.get('vary')).toBe('Authorization, Cookie')
    const again = await request(replica(0), LIST, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    // The same bytes on the other replica: the same tag.
    expect((await request(replica(1), LIST)).headers.get('etag')).toBe(etag)
    const categories = await request(replica(1), '/categories?depth=0')
    expect(categories.headers.get('etag')).toMatch(/^"[\w-]+"$/)
  })

  it('are kept in memory until a save commits, then dropped on every replica', async () => {
    expect(await titles(replica(0))).toEqual(['Lamp'])
    expect(await titles(replica(1))).toEqual(['Lamp'])
    const before = await request(replica(1), LIST)
    expect(before.headers.get('x-catalogue-source')).toBe('cache')
    const oldEtag = before.headers.get('etag') ?? ''
    // A write behind the CMS's back (no event): the cached answers stay as they were.
    await db.query(`update catalogue_listing set doc1 = replace(doc1, '"Lamp"', '"Changed behind the CMS"')`)
    expect(await titles(replica(0))).toEqual(['Lamp'])
    expect(await titles(replica(1))).toEqual(['Lamp'])
    // A real save through replica 0: after its commit, both replicas answer afresh.
    const saved = await request(replica(0), `/products/${lamp}`, { body: { title: 'Desk Lamp' }, headers: staff(), method: 'PATCH' })
    expect(saved.status).toBe(200)
    expect(await titles(replica(0))).toEqual(['Desk Lamp'])
    await eventually('replica 1 to drop its cached list', async () => ((await titles(replica(1))).includes('Desk Lamp') ? true : undefined))
    // A client holding the old version gets the new one, under a new tag.
    for (const cms of replicas) {
      const revalidated = await request(cms, LIST, { headers: { 'if-none-match': oldEtag } })
      expect(revalidated.status).toBe(200)
      expect(revalidated.headers.get('etag')).not.toBe(oldEtag)
    }
  })

  it('are dropped when a checkout moves stock, with no product save', async () => {
    const stock = async (cms: ApiProcess) => ((await (await request(cms, LIST)).json()) as { docs: Array<{ stock: number }> }).docs[0]?.stock
    expect(await stock(replica(1))).toBe(5)
    const order = await request(replica(0), '/orders', {
      body: {
        email: 'shopper@example.test',
        items: [{ product: lamp, quantity: 2 }],
        payment: { method: 'manual' },
        shippingAddress: { city: 'Lyon', country: 'FR', line1: '2 Rue', name: 'Shopper', postalCode: '69001' },
        shippingMethod: 'standard',
      },
      method: 'POST',
    })
    expect(order.status).toBe(201)
    expect(await stock(replica(0))).toBe(3)
    await eventually('replica 1 to show the stock left', async () => ((await stock(replica(1))) === 3 ? true : undefined))
  })

  it('are never cached or shared for a signed-in reader, and never show drafts to anyone else', async () => {
    for (const cms of replicas) {
      const response = await request(cms, `${LIST}&draft=true`, { headers: staff() })
      expect(response.headers.get('cache-control')).toBe('private, no-store')
      expect(response.headers.get('etag')).toBeNull()
      expect(response.headers.get('x-catalogue-source')).toBeNull()
      expect(await response.text()).toContain('Secret Draft')
      // The staff read stored nothing the public then gets.
      expect(await titles(cms, `${LIST}&draft=true`)).toEqual(['Desk Lamp'])
      expect(await titles(cms)).toEqual(['Desk Lamp'])
      const staffList = await request(cms, LIST, { headers: staff() })
      expect(staffList.headers.get('cache-control')).toBe('private, no-store')
      expect(((await staffList.json()) as { docs: Array<{ title: string }> }).docs.map((doc) => doc.title).sort()).toEqual(['Desk Lamp', 'Secret Draft'])
    }
    // A draft saved over the published product changes nothing for the public, cached or not.
    await request(replica(1), `/products/${lamp}?draft=true`, { body: { title: 'Unreleased Lamp' }, headers: staff(), method: 'PATCH' })
    for (const cms of replicas) expect(await titles(cms)).toEqual(['Desk Lamp'])
  })

  it('answer anonymous lists before Payload parses them, byte for byte what Payload’s find answers', async () => {
    for (const cms of replicas) {
      for (const query of ['depth=1&limit=20', 'depth=0&sort=-price&limit=5', 'depth=1&where[title][like]=lamp', 'depth=0&page=3&limit=1', 'depth=1&select[title]=true']) {
        const early = await request(cms, `/products?${query}`)
        // `draft=false` is Payload's default, but not the listing's: this one takes Payload's find.
        const generic = await request(cms, `/products?${query}&draft=false`)
        expect(early.headers.get('x-catalogue-source'), query).toBe('listing')
        expect(generic.headers.get('x-catalogue-source'), query).toBe('payload')
        expect(await early.text(), query).toBe(await generic.text())
      }
    }
  })

  it('key the cache on the query Payload reads: tracking parameters mint no entry of their own', async () => {
    const plain = await request(replica(0), `${LIST}&sort=-price`)
    expect(plain.headers.get('x-catalogue-source')).toBe('listing')
    const tracked = await request(replica(0), `${LIST}&utm_source=newsletter&sort=-price&fbclid=abc`)
    expect(tracked.headers.get('x-catalogue-source')).toBe('cache')
    expect(tracked.headers.get('etag')).toBe(plain.headers.get('etag'))
  })

  it('answer anonymous searches before Payload with Payload’s bytes, and show a save through one replica in the other’s very next search', async () => {
    const SEARCH = '/products/search?q=lamp&depth=1&limit=5'
    const body = async (response: Response) => {
      expect(response.status).toBe(200)
      return response.text()
    }
    for (const cms of replicas) {
      // An Origin header keeps a request on Payload's path (its CORS answer depends on it).
      expect(await body(await request(cms, SEARCH))).toBe(await body(await request(cms, SEARCH, { headers: { origin: 'http://localhost:4321' } })))
    }
    const found = async (cms: ApiProcess) => ((await (await request(cms, SEARCH)).json()) as { docs: Array<{ title: string }> }).docs.map((doc) => doc.title)
    expect(await found(replica(1))).toEqual(['Desk Lamp'])
    const saved = await request(replica(0), `/products/${lamp}`, { body: { _status: 'published', title: 'Reading Lamp' }, headers: staff(), method: 'PATCH' })
    expect(saved.status).toBe(200)
    // No waiting for an invalidation message: each search checks the catalogue version itself.
    expect(await found(replica(1))).toEqual(['Reading Lamp'])
  })
})
