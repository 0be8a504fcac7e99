/**
 * Stock moves in a ledger (`stock-movements`) beside the live stock rows, never in the product's
 * versions: every checkout, return and staff edit is one record, and the records add up to the stock.
 */
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Product } from '@showroom/shared-types'

import { type Actors, createActors } from './actors'
import { orderBody, postOrder } from './orderRequest'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors

beforeAll(async () => {
  cms = await startTestCms('stock_ledger')
  actors = await createActors(cms)
})
afterAll(async () => cms?.close())

const json = (body: unknown) => JSON.stringify(body)

const createProduct = async (sku: string, data: Record<string, unknown> = {}): Promise<Product> =>
  (await cms.payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', price: 1000, sku, stock: 5, title: sku, ...data } as never })) as Product

const buy = async (product: number, quantity: number, token?: string) => {
  const response = await postOrder(cms, orderBody([{ product, quantity }]), { token })
  expect(response.status).toBe(201)
  return ((await response.json()) as { order: { id: number } }).order.id
}

type MovementRow = { actor: null | number; actorType: string; delta: number; order: null | number; reason: string; sku: string; stockAfter: number }

/** The product's movements as staff read them over REST, oldest first. */
const movementsOf = async (product: number): Promise<MovementRow[]> => {
  const response = await cms.api(`/stock-movements?where[product][equals]=${product}&sort=id&depth=0&limit=100`, { token: actors.editor.token })
  expect(response.status).toBe(200)
  const { docs } = (await response.json()) as { docs: MovementRow[] }
  return docs.map(({ actor, actorType, delta, order, reason, sku, stockAfter }) => ({ actor, actorType, delta, order, reason, sku, stockAfter }))
}

/** A fingerprint of every row of the products' version tables. */
const versionTables = async () => {
  const { rows } = await cms.db.execute<{ v: string; vv: string }>(sql`select
    (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from _products_v t) as v,
    (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from _products_v_version_variants t) as vv`)
  return rows[0]
}

describe('the stock ledger', () => {
  it('records the initial stock, each checkout and each return, and they add up to the stock', async () => {
    const product = await createProduct('LEDGER')
    const first = await buy(product.id, 2)
    const second = await buy(product.id, 1, actors.alice.token)
    expect((await cms.api(`/orders/${first}/status`, { body: json({ status: 'cancelled' }), method: 'POST', token: actors.editor.token })).status).toBe(200)
    const movements = await movementsOf(product.id)
    expect(movements).toEqual([
      { actor: null, actorType: 'system', delta: 5, order: null, reason: 'initial', sku: 'LEDGER', stockAfter: 5 },
      { actor: null, actorType: 'guest', delta: -2, order: first, reason: 'checkout', sku: 'LEDGER', stockAfter: 3 },
      { actor: actors.alice.id, actorType: 'user', delta: -1, order: second, reason: 'checkout', sku: 'LEDGER', stockAfter: 2 },
      { actor: actors.editor.id, actorType: 'user', delta: 2, order: first, reason: 'cancelled', sku: 'LEDGER', stockAfter: 4 },
    ])
    const stock = (await cms.payload.findByID({ collection: 'products', id: product.id })).stock
    expect(movements.reduce((sum, movement) => sum + movement.delta, 0)).toBe(stock)
  })

  it('keeps the stock of a product created with a narrow selection (as the seed creates them), variants included', async () => {
    const created = await cms.payload.create({
      collection: 'products',
      data: {
        _status: 'published',
        currency: 'EUR',
        options: [{ name: 'Size', values: ['S', 'M'] }],
        price: 1000,
        sku: 'SELECTED',
        stock: 12,
        title: 'Selected',
        variants: [
          { selections: [{ option: 'Size', value: 'S' }], sku: 'SELECTED-S', stock: 4 },
          { selections: [{ option: 'Size', value: 'M' }], sku: 'SELECTED-M', stock: 8 },
        ],
      } as never,
      depth: 0,
      select: { sku: true },
    })
    const product = (await (await cms.api(`/products/${created.id}?depth=0`)).json()) as Product
    expect([product.stock, product.variants?.map((variant) => variant.stock)]).toEqual([12, [4, 8]])
    expect((await movementsOf(created.id)).find((movement) => movement.sku === 'SELECTED')).toMatchObject({ delta: 12, reason: 'initial', stockAfter: 12 })
  })

  it('records an editor’s change with who made it, a draft’s included, and applies a draft’s stock at once', async () => {
    const product = await createProduct('EDITED')
    const form = (await (await cms.api(`/products/${product.id}?draft=true&depth=0`, { token: actors.editor.token })).json()) as Product
    const draft = await cms.api(`/products/${product.id}?draft=true`, { body: json({ ...form, _status: 'draft', stock: 9, title: 'Edited (draft)' }), method: 'PATCH', token: actors.editor.token })
    expect(draft.status).toBe(200)
    // The title waits for publishing; the units received are on sale now.
    const live = await cms.api(`/products/${product.id}`)
    expect(await live.json()).toMatchObject({ stock: 9, title: 'EDITED' })
    expect((await movementsOf(product.id)).at(-1)).toEqual({ actor: actors.editor.id, actorType: 'user', delta: 4, order: null, reason: 'edit', sku: 'EDITED', stockAfter: 9 })
  })

  it('a checkout and a return never touch the product’s versions', async () => {
    const product = await createProduct('UNVERSIONED', {
      options: [{ name: 'Size', values: ['S'] }],
      stock: 0,
      variants: [{ selections: [{ option: 'Size', value: 'S' }], sku: 'UNVERSIONED-S', stock: 5 }],
    })
    const before = await versionTables()
    const response = await postOrder(cms, orderBody([{ product: product.id, quantity: 2, variant: product.variants?.[0]?.id }]))
    expect(response.status).toBe(201)
    const order = ((await response.json()) as { order: { id: number } }).order.id
    expect((await cms.api(`/orders/${order}/status`, { body: json({ status: 'cancelled' }), method: 'POST', token: actors.editor.token })).status).toBe(200)
    expect(await versionTables()).toEqual(before)
    expect((await movementsOf(product.id)).map((m) => [m.sku, m.delta, m.reason])).toEqual([
      ['UNVERSIONED-S', 5, 'initial'],
      ['UNVERSIONED-S', -2, 'checkout'],
      ['UNVERSIONED-S', 2, 'cancelled'],
    ])
  })

  it('staff read it; nobody writes it through the API; shoppers cannot read it', async () => {
    expect((await cms.api('/stock-movements')).status).toBe(403)
    expect((await cms.api('/stock-movements', { token: actors.alice.token })).status).toBe(403)
    const { docs } = (await (await cms.api('/stock-movements?limit=1', { token: actors.admin.token })).json()) as { docs: Array<{ id: number }> }
    const id = docs[0]?.id
    expect(id).toEqual(expect.any(Number))
    const body = json({ delta: 100, reason: 'edit', sku: 'LEDGER', stockAfter: 100, actorType: 'user' })
    expect((await cms.api('/stock-movements', { body, method: 'POST', token: actors.admin.token })).status).toBe(403)
    expect((await cms.api(`/stock-movements/${id}`, { body, method: 'PATCH', token: actors.admin.token })).status).toBe(403)
    expect((await cms.api(`/stock-movements/${id}`, { method: 'DELETE', token: actors.admin.token })).status).toBe(403)
  })
})
