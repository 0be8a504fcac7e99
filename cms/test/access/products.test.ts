import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, type Caller, CALLERS, createActors, tokenOf } from '../actors'
import { startTestCms, type TestCms } from '../startTestCms'

let cms: TestCms
let actors: Actors
let published: number
let draft: number
let revised: number

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
  // Published as "Revised", then edited to a draft that is not published yet.
  revised = (await cms.payload.create({ collection: 'products', data: { ...product('REV-1'), _status: 'published', title: 'Revised' } })).id
  await cms.payload.update({ collection: 'products', data: { _status: 'draft', title: 'Revised (unpublished)' }, draft: true, id: revised })
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
    const version = (await cms.payload.findVersions({ collection: 'products', limit: 1 })).docs[0]
    const one = await cms.api(`/products/versions/${version?.id}`, { token: token() })
    expect(one.status).toBe(staff(caller) ? 200 : 403)
  })

  it(`sees ${staff(caller) ? "the pending draft's" : 'only the published'} content of a product with unpublished changes`, async () => {
    const titleInList = async (query: string) => {
      const list = (await (await cms.api(`/products?${query}limit=100&depth=0`, { token: token() })).json()) as {
        docs: Array<{ id: number; title: string }>
      }
      return list.docs.find((doc) => doc.id === revised)?.title
    }
    // A plain read is the published version for everyone; asking for drafts shows staff the pending edit.
    expect(await titleInList('')).toBe('Revised')
    if (staff(caller)) expect(await titleInList('draft=true&')).toBe('Revised (unpublished)')
    else expect(await titleInList('draft=true&')).not.toBe('Revised (unpublished)')
    const one = (await (await cms.api(`/products/${revised}?draft=true`, { token: token() })).json()) as { title: string }
    expect(one.title).toBe(staff(caller) ? 'Revised (unpublished)' : 'Revised')
    // Nor can a filter on the unpublished title find it.
    const search = (await (
      await cms.api('/products?draft=true&where[title][equals]=Revised%20(unpublished)', { token: token() })
    ).json()) as { totalDocs: number }
    expect(search.totalDocs).toBe(staff(caller) ? 1 : 0)
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
