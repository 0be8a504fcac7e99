/**
 * An editor's product form stays open while shoppers buy: saving it must not write back the stock it
 * showed when it opened. The form carries `stockSeen` (hidden) for that; see `rebaseStockEdits.ts`.
 */
import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, createLocalReq, initTransaction } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Product } from '@showroom/shared-types'
import { waitForLockWaiters } from '@showroom/test-support'

import { type Actors, createActors } from './actors'
import type { SQL } from '@showroom/payload-commerce/database'
import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
let actors: Actors

beforeAll(async () => {
  cms = await startTestCms('stock_edits')
  actors = await createActors(cms)
})
afterAll(async () => cms?.close())

const json = (body: unknown) => JSON.stringify(body)

const createProduct = async (sku: string, data: Record<string, unknown> = {}): Promise<Product> =>
  (await cms.payload.create({ collection: 'products', data: { _status: 'published', currency: 'EUR', price: 1000, sku, stock: 5, title: sku, ...data } as never })) as Product

/** What the editor's form loads: the product as staff read it. */
const openForm = async (id: number): Promise<Product> => {
  const response = await cms.api(`/products/${id}?depth=0`, { token: actors.editor.token })
  expect(response.status).toBe(200)
  return (await response.json()) as Product
}

/** Saves the whole form back, as the admin does, with `changes` made by the editor. */
const saveForm = async (form: Product, changes: Partial<Product>): Promise<Response> =>
  cms.api(`/products/${form.id}`, { body: json({ ...form, ...changes }), method: 'PATCH', token: actors.editor.token })

/** A guest buys `quantity` (of `variant`) through the checkout. */
const buy = async (product: number, quantity: number, variant?: string) => {
  const response = await cms.api('/orders', {
    body: json({
      email: 'shopper@example.test',
      items: [{ product, quantity, ...(variant ? { variant } : {}) }],
      payment: { method: 'manual' },
      shippingAddress: { city: 'Berlin', country: 'DE', line1: 'Linienstraße 1', name: 'Sam Shopper', postalCode: '10119' },
      shippingMethod: 'standard',
    }),
    method: 'POST',
  })
  expect(response.status).toBe(201)
}

const stored = async (id: number) => (await cms.payload.findByID({ collection: 'products', depth: 0, id })) as Product

const execute = (query: SQL) => cms.db.execute<Record<string, unknown>>(query)

/** The stock in the product's live rows, and what the editor's next form opens with (a draft read), per variant too. */
const stockCopies = async (id: number) => {
  const live = await execute(sql`select p.stock, coalesce(json_agg(v.stock order by v._order) filter (where v.id is not null), '[]') as variants
    from products p left join products_variants v on v._parent_id = p.id where p.id = ${id} group by p.stock`)
  const row = live.rows[0]
  const response = await cms.api(`/products/${id}?draft=true&depth=0`, { token: actors.editor.token })
  const form = (await response.json()) as Product
  return {
    form: { stock: form.stock, variants: (form.variants ?? []).map((variant) => variant.stock) },
    live: { stock: Number(row?.stock), variants: (row?.variants as number[]).map(Number) },
  }
}

describe('an editor’s form saved after shoppers bought', () => {
  it('keeps what sold when the stock was left alone', async () => {
    const product = await createProduct('LEFT-ALONE')
    const form = await openForm(product.id)
    expect(form.stockSeen).toBe(5)
    await buy(product.id, 2)
    const saved = await saveForm(form, { title: 'Left alone, renamed' })
    expect(saved.status).toBe(200)
    expect(await stored(product.id)).toMatchObject({ stock: 3, title: 'Left alone, renamed' })
  })

  it('applies the editor’s change on top of what sold', async () => {
    const product = await createProduct('RECEIVED')
    const form = await openForm(product.id)
    await buy(product.id, 2)
    // Three units arrived: the editor typed 8 over the 5 they saw.
    expect((await saveForm(form, { stock: 8 })).status).toBe(200)
    expect((await stored(product.id)).stock).toBe(6)
    // Written off: the editor typed 0 over the 6 they saw, while one more sold; never below zero.
    const again = await openForm(product.id)
    await buy(product.id, 1)
    expect((await saveForm(again, { stock: 0 })).status).toBe(200)
    expect((await stored(product.id)).stock).toBe(0)
  })

  it('does the same for each variant', async () => {
    const product = await createProduct('TEE-REBASE', {
      options: [{ name: 'Size', values: ['S', 'M'] }],
      stock: 0,
      variants: [
        { selections: [{ option: 'Size', value: 'S' }], sku: 'TEE-REBASE-S', stock: 4 },
        { selections: [{ option: 'Size', value: 'M' }], sku: 'TEE-REBASE-M', stock: 4 },
      ],
    })
    const form = await openForm(product.id)
    expect(form.variants?.map((variant) => variant.stockSeen)).toEqual([4, 4])
    const [small, medium] = form.variants ?? []
    await buy(product.id, 3, small?.id ?? '')
    await buy(product.id, 1, medium?.id ?? '')
    // S untouched; M restocked from the 4 seen to 10.
    const variants = (form.variants ?? []).map((variant) => (variant.id === medium?.id ? { ...variant, stock: 10 } : variant))
    expect((await saveForm(form, { variants })).status).toBe(200)
    expect((await stored(product.id)).variants?.map((variant) => variant.stock)).toEqual([1, 9])
  })

  it('keeps a draft’s pending changes in step with what sold', async () => {
    const product = await createProduct('DRAFTED')
    const form = await openForm(product.id)
    // A draft with a new title; then shoppers buy from the published product; then the editor publishes.
    const draft = await cms.api(`/products/${product.id}?draft=true`, { body: json({ ...form, _status: 'draft', title: 'Drafted, renamed' }), method: 'PATCH', token: actors.editor.token })
    expect(draft.status).toBe(200)
    const draftForm = (await (await cms.api(`/products/${product.id}?draft=true&depth=0`, { token: actors.editor.token })).json()) as Product
    await buy(product.id, 2)
    expect((await saveForm(draftForm, { _status: 'published' })).status).toBe(200)
    expect(await stored(product.id)).toMatchObject({ stock: 3, title: 'Drafted, renamed' })
  })
})

describe('a checkout during an editor’s save', () => {
  it('waits for the save, then takes its units from what the save wrote; the next form opens with what is left', async () => {
    const product = await createProduct('RACE', {
      options: [{ name: 'Size', values: ['S'] }],
      stock: 0,
      variants: [{ selections: [{ option: 'Size', value: 'S' }], sku: 'RACE-S', stock: 5 }],
    })
    const plain = await createProduct('RACE-PLAIN')
    const forms = [await openForm(product.id), await openForm(plain.id)]
    // The editors' saves are written but not yet committed when the checkouts arrive.
    const req = await createLocalReq({}, cms.payload)
    await initTransaction(req)
    for (const form of forms) {
      await cms.payload.update({ collection: 'products', data: { ...form, title: `${form.title} (saved)` } as never, id: form.id, overrideAccess: true, req })
    }
    const variant = forms[0]?.variants?.[0]?.id ?? ''
    const checkouts = Promise.all([buy(product.id, 2, variant), buy(plain.id, 2)])
    // Both checkouts have reached the rows the uncommitted saves hold, and wait there.
    await waitForLockWaiters(cms.databaseUrl, 2, 'checkouts during the saves')
    await commitTransaction(req)
    await checkouts

    expect(await stockCopies(product.id)).toEqual({ form: { stock: 0, variants: [3] }, live: { stock: 0, variants: [3] } })
    expect(await stockCopies(plain.id)).toEqual({ form: { stock: 3, variants: [] }, live: { stock: 3, variants: [] } })
    expect((await stored(product.id)).title).toBe('RACE (saved)')
  })
})

describe('without a seen stock', () => {
  it('an API client’s stock is taken as it is', async () => {
    const product = await createProduct('ABSOLUTE')
    await buy(product.id, 2)
    const response = await cms.api(`/products/${product.id}`, { body: json({ stock: 7 }), method: 'PATCH', token: actors.editor.token })
    expect(response.status).toBe(200)
    expect((await stored(product.id)).stock).toBe(7)
  })

  it('shoppers never see it', async () => {
    const product = await createProduct('PUBLIC-READ')
    for (const token of [undefined, actors.alice.token]) {
      const body = (await (await cms.api(`/products/${product.id}`, { token })).json()) as Record<string, unknown>
      expect(body.stock).toBe(5)
      expect(body).not.toHaveProperty('stockSeen')
    }
  })
})
