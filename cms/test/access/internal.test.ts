import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, type Caller, CALLERS, createActors, tokenOf } from '../actors'
import { startTestCms, type TestCms } from '../startTestCms'

let cms: TestCms
let actors: Actors
let productId: number

beforeAll(async () => {
  cms = await startTestCms('access_internal')
  actors = await createActors(cms)
  // The admin UI keeps per-user preferences (columns, open groups); staff have some.
  const saved = await cms.api('/payload-preferences/nav', {
    body: JSON.stringify({ value: { open: true } }),
    method: 'POST',
    token: actors.editor.token,
  })
  expect(saved.status).toBe(200)
  productId = (
    await cms.payload.create({
      collection: 'products',
      data: { _status: 'published', currency: 'EUR', price: 100, sku: 'LOCK-1', stock: 1, title: 'Lockable' },
    })
  ).id
})
afterAll(async () => cms?.close())

const staff = (caller: Caller) => caller === 'editor' || caller === 'admin'

describe.each(CALLERS)("Payload's admin-only collections as %s", (caller) => {
  const token = () => tokenOf(actors, caller)
  const self = () => (caller === 'anonymous' ? undefined : actors[caller === 'customer' ? 'alice' : caller])

  it(`${staff(caller) ? 'may' : 'may not'} lock a product, list locks or remove them`, async () => {
    const lock = await cms.api('/payload-locked-documents', {
      body: JSON.stringify({ document: { relationTo: 'products', value: productId }, user: { relationTo: 'users', value: self()?.id ?? 0 } }),
      method: 'POST',
      token: token(),
    })
    expect(lock.status).toBe(staff(caller) ? 201 : 403)
    expect((await cms.api('/payload-locked-documents?limit=0', { token: token() })).status).toBe(staff(caller) ? 200 : 403)
    const remove = await cms.api('/payload-locked-documents?where[id][exists]=true', { method: 'DELETE', token: token() })
    expect(remove.status).toBe(staff(caller) ? 200 : 403)
  })

  it("never sees someone else's admin preferences", async () => {
    const list = await cms.api('/payload-preferences?limit=100&depth=0', { token: token() })
    if (caller === 'anonymous') {
      expect(list.status).toBe(403)
      return
    }
    const owners = ((await list.json()) as { docs: Array<{ user: { value: number } }> }).docs.map((doc) => doc.user.value)
    expect(owners.filter((owner) => owner !== self()?.id)).toEqual([])
    if (caller === 'editor') expect(owners).toContain(actors.editor.id)
  })

  it('may not read or write migrations, the key-value store or the jobs queue', async () => {
    for (const slug of ['payload-migrations', 'payload-kv', 'payload-jobs']) {
      const read = await cms.api(`/${slug}`, { token: token() })
      expect(read.status, `read ${slug}`).toBeGreaterThanOrEqual(400)
      const write = await cms.api(`/${slug}`, { body: JSON.stringify({ key: 'x', name: 'x' }), method: 'POST', token: token() })
      expect(write.status, `write ${slug}`).toBeGreaterThanOrEqual(400)
    }
  })

  it(`${staff(caller) ? 'may' : 'may not'} run queued jobs (Payload lets any signed-in user by default)`, async () => {
    const run = await cms.api('/payload-jobs/run?queue=webhooks', { token: token() })
    expect(run.status).toBe(staff(caller) ? 200 : 401)
  })
})
