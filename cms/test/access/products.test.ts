import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, type Caller, CALLERS, createActors, tokenOf } from '../actors'
import { startTestCms, type TestCms } from '../startTestCms'

let cms: TestCms
let actors: Actors
let published: number
let draft: number

const product = (sku: string) => ({
  currency: 'EUR' as const,
  price: 2500,
  sku,
  stock: 5,
  title: `Product ${sku}`,
})

beforeAll(async () => {
  cms = await startTestCms('access_products')
  actors = await createActors(cms)
  published = (await cms.payload.create({ collection: 'products', data: { ...product('PUB-1'), _status: 'published' } })).id
  draft = (await cms.payload.create({ collection: 'products', data: { ...product('DRAFT-1'), _status: 'draft' }, draft: true })).id
})
afterAll(async () => cms?.close())

const staff = (caller: Caller) => caller === 'editor' || caller === 'admin'

describe.each(CALLERS)('products as %s', (caller) => {
  const token = () => tokenOf(actors, caller)

  it(`${staff(caller) ? 'sees' : 'does not see'} drafts, and sees published products`, async () => {
    const list = (await (await cms.api('/products?draft=true&limit=100', { token: token() })).json()) as {
      docs: Array<{ id: number }>
    }
    const ids = list.docs.map((doc) => doc.id)
    expect(ids).toContain(published)
    if (staff(caller)) expect(ids).toContain(draft)
    else expect(ids).not.toContain(draft)

    const one = await cms.api(`/products/${draft}?draft=true`, { token: token() })
    expect(one.status).toBe(staff(caller) ? 200 : 404)
  })

  it(`${staff(caller) ? 'may' : 'may not'} read version history`, async () => {
    const response = await cms.api(`/products/versions`, { token: token() })
    expect(response.status).toBe(staff(caller) ? 200 : 403)
  })

  it(`${staff(caller) ? 'may' : 'may not'} create, update and delete products`, async () => {
    const sku = `NEW-${caller}`
    const created = await cms.api('/products', {
      body: JSON.stringify({ ...product(sku), _status: 'published' }),
      method: 'POST',
      token: token(),
    })
    expect(created.status).toBe(staff(caller) ? 201 : 403)
    const count = async () => (await cms.payload.count({ collection: 'products', where: { sku: { equals: sku } } })).totalDocs
    expect(await count()).toBe(staff(caller) ? 1 : 0)

    const updated = await cms.api(`/products/${published}`, {
      body: JSON.stringify({ title: `Renamed by ${caller}` }),
      method: 'PATCH',
      token: token(),
    })
    expect(updated.status).toBe(staff(caller) ? 200 : 403)
    const stored = await cms.payload.findByID({ collection: 'products', id: published })
    if (staff(caller)) expect(stored.title).toBe(`Renamed by ${caller}`)
    else expect(stored.title).not.toBe(`Renamed by ${caller}`)

    const victim = (await cms.payload.create({ collection: 'products', data: { ...product(`DEL-${caller}`), _status: 'published' } })).id
    const deleted = await cms.api(`/products/${victim}`, { method: 'DELETE', token: token() })
    expect(deleted.status).toBe(staff(caller) ? 200 : 403)
    const left = await cms.payload.count({ collection: 'products', where: { id: { equals: victim } } })
    expect(left.totalDocs).toBe(staff(caller) ? 0 : 1)
  })
})
