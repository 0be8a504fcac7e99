import { existsSync } from 'node:fs'
import path from 'node:path'

import type { Category, Media, Product, User } from '@showroom/shared-types'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed, type SeedResult } from '../src/seed/seed'
import { startTestCms, type TestCms } from './startTestCms'

type List<T> = { docs: T[]; totalDocs: number }

const ADMIN = { email: 'admin@seed.test', password: 'admin-password-for-tests' }
const EDITOR = { email: 'editor@seed.test', password: 'editor-password-for-tests' }
// No password: the seed generates one, prints it once and returns it.
const CUSTOMER = { email: 'customer@seed.test' }

let cms: TestCms
let first: SeedResult
const firstLog: string[] = []

const json = async <T>(response: Response): Promise<T> => {
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as T
}

const login = async (email: string, password: string): Promise<{ token: string; user: User }> =>
  json(await cms.api('/users/login', { body: JSON.stringify({ email, password }), method: 'POST' }))

const countAll = async (): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {}
  for (const collection of ['categories', 'media', 'products', 'users'] as const) {
    counts[collection] = (await cms.payload.count({ collection })).totalDocs
  }
  return counts
}

beforeAll(async () => {
  cms = await startTestCms('seed')
  first = await seed({
    log: (line) => firstLog.push(line),
    payload: cms.payload,
    users: { admin: ADMIN, customer: CUSTOMER, editor: EDITOR },
  })
}, 120_000)
afterAll(async () => cms?.close())

describe('a first run', () => {
  it('publishes at least 60 products that anyone can list', async () => {
    const list = await json<List<Product>>(await cms.api('/products?limit=1&depth=0'))
    expect(list.totalDocs).toBeGreaterThanOrEqual(60)
    expect(first.created.products).toBeGreaterThan(list.totalDocs)
  })

  it('keeps some products as drafts that only staff see', async () => {
    const { token } = await login(EDITOR.email, EDITOR.password)
    const publicList = await json<List<Product>>(await cms.api('/products?limit=1&depth=0'))
    const staffList = await json<List<Product>>(await cms.api('/products?limit=1&depth=0', { token }))
    expect(staffList.totalDocs - publicList.totalDocs).toBeGreaterThanOrEqual(3)
    const drafts = await json<List<Product>>(
      await cms.api('/products?limit=0&depth=0&where[_status][equals]=draft', { token }),
    )
    expect(drafts.totalDocs).toBe(staffList.totalDocs - publicList.totalDocs)
    const draft = drafts.docs[0]
    expect(draft).toBeDefined()
    const anonymous = await json<List<Product>>(await cms.api(`/products?depth=0&where[sku][equals]=${draft?.sku}`))
    expect(anonymous.totalDocs).toBe(0)
  })

  it('gives every published product a picture in every size', async () => {
    const list = await json<List<Product>>(await cms.api('/products?limit=200&depth=1'))
    expect(list.docs.length).toBe(list.totalDocs)
    for (const product of list.docs) {
      const [main] = (product.images ?? []) as Media[]
      expect(main?.alt, product.sku).toBeTruthy()
      expect(main?.mimeType).toBe('image/webp')
      for (const size of ['thumbnail', 'card', 'full'] as const) {
        const filename = main?.sizes?.[size]?.filename
        expect(filename, `${product.sku} ${size}`).toBeTruthy()
        expect(existsSync(path.join(cms.mediaDir, filename ?? '')), `${product.sku} ${size} on disk`).toBe(true)
      }
    }
  })

  it('offers variants whose selections name each option exactly once', async () => {
    const list = await json<List<Product>>(await cms.api('/products?limit=200&depth=0'))
    const withVariants = list.docs.filter((product) => (product.variants?.length ?? 0) > 1)
    expect(withVariants.length).toBeGreaterThanOrEqual(20)
    for (const product of withVariants) {
      const options = new Map((product.options ?? []).map((option) => [option.name, option.values]))
      for (const variant of product.variants ?? []) {
        const selections = variant.selections ?? []
        expect(selections.map((selection) => selection.option).sort(), variant.sku).toEqual([...options.keys()].sort())
        for (const { option, value } of selections) expect(options.get(option), variant.sku).toContain(value)
      }
    }
    expect(list.docs.every((product) => product.currency === 'EUR' && Number.isInteger(product.price))).toBe(true)
  })

  it('files products in a category tree at least three levels deep', async () => {
    const categories = await json<List<Category>>(await cms.api('/categories?limit=0&depth=0'))
    const deepest = Math.max(...categories.docs.map((category) => category.breadcrumbs?.length ?? 0))
    expect(deepest).toBeGreaterThanOrEqual(3)
    const leaf = categories.docs.find((category) => category.slug === 'men-shirts')
    expect(leaf?.breadcrumbs?.map((crumb) => crumb.label)).toEqual(['Clothing', 'Men', 'Shirts'])
    expect(leaf?.breadcrumbs?.at(-1)?.url).toBe('/c/clothing/men/men-shirts')
  })

  it('gives the demo products and categories German titles, slugs and descriptions, English unchanged', async () => {
    const skillet = '/products?depth=0&where[sku][equals]=KCW-001'
    const [german] = (await json<List<Product>>(await cms.api(`${skillet}&locale=de`))).docs
    expect(german?.title).toBe('Gusseisenpfanne')
    expect(german?.slug).toBe('gusseisenpfanne')
    expect(JSON.stringify(german?.description)).toContain('Gusseisenpfanne – schwer genug, um die Hitze')
    expect(german?.seo?.title).toBe('Gusseisenpfanne')
    const [english] = (await json<List<Product>>(await cms.api(skillet))).docs
    expect(english?.title).toBe('Cast-Iron Skillet')
    expect(english?.slug).toBe('cast-iron-skillet')
    expect(JSON.stringify(english?.description)).toContain('The Cast-Iron Skillet is heavy enough')

    // Every demo product has its own German title; none falls back to English.
    const { token } = await login(EDITOR.email, EDITOR.password)
    const all = await json<List<Product>>(
      await cms.api('/products?limit=0&depth=0&draft=true&locale=de&fallback-locale=none', { token }),
    )
    expect(all.docs.length).toBe(first.created.products)
    expect(all.docs.filter((product) => !product.title || !product.slug).map((product) => product.sku)).toEqual([])
    expect(first.translated).toEqual({ categories: 21, products: first.created.products, shippingMethods: 2 })
    // The default zone's methods read German on the German checkout, English on the English one.
    const labels = async (locale: string) =>
      (await json<{ shipping: { methods: Array<{ label: string }> } }>(await cms.api(`/orders/checkout-options?locale=${locale}`))).shipping.methods.map((method) => method.label)
    expect(await labels('de')).toEqual(['Standard (3–5 Werktage)', 'Express (nächster Werktag)'])
    expect(await labels('en')).toEqual(['Standard (3–5 working days)', 'Express (next working day)'])
    // A draft stays a draft, out of the public list.
    const parka = all.docs.find((product) => product.sku === 'MOW-006')
    expect([parka?.title, parka?._status]).toEqual(['Daunenparka', 'draft'])
    expect((await json<List<Product>>(await cms.api('/products?depth=0&locale=de&where[sku][equals]=MOW-006'))).totalDocs).toBe(0)

    const [leaf] = (await json<List<Category>>(await cms.api('/categories?depth=0&locale=de&where[slug][equals]=herren-hemden'))).docs
    expect(leaf?.title).toBe('Hemden')
    expect(leaf?.description).toBe('Oxford-, Leinen- und Flanellhemden.')
    expect(leaf?.breadcrumbs?.map((crumb) => crumb.label)).toEqual(['Kleidung', 'Herren', 'Hemden'])
    expect(leaf?.breadcrumbs?.at(-1)?.url).toBe('/c/kleidung/herren/herren-hemden')
    const [kitchen] = (await json<List<Category>>(await cms.api('/categories?depth=0&where[slug][equals]=kitchen'))).docs
    expect(kitchen?.title).toBe('Kitchen')
    const germanKitchen = await json<Category>(await cms.api(`/categories/${kitchen?.id}?depth=0&locale=de`))
    expect([germanKitchen.title, germanKitchen.slug]).toEqual(['Küche', 'kueche'])
  })

  it('creates an admin, an editor and a customer who can log in with their roles', async () => {
    const customerPassword = first.users.find((user) => user.role === 'customer')?.password
    expect(customerPassword).toBeTruthy()
    // A generated password is printed exactly once; chosen ones never are.
    expect(firstLog.filter((line) => customerPassword && line.includes(customerPassword))).toHaveLength(1)
    expect(firstLog.some((line) => line.includes(ADMIN.password) || line.includes(EDITOR.password))).toBe(false)

    expect((await login(ADMIN.email, ADMIN.password)).user.roles).toEqual(['admin'])
    expect((await login(EDITOR.email, EDITOR.password)).user.roles).toEqual(['editor'])
    const customer = await login(CUSTOMER.email, customerPassword ?? '')
    expect(customer.user.roles).toEqual(['customer'])
    expect(customer.user.addresses?.[0]?.country).toBe('DE')
  })
})

describe('a second run', () => {
  it('creates nothing and leaves passwords alone', async () => {
    const before = await countAll()
    const log: string[] = []
    const again = await seed({
      log: (line) => log.push(line),
      payload: cms.payload,
      users: { admin: { ...ADMIN, password: 'a-different-password' }, customer: CUSTOMER, editor: EDITOR },
    })
    expect(again.created).toEqual({ categories: 0, images: 0, products: 0, users: 0 })
    expect(again.translated).toEqual({ categories: 0, products: 0, shippingMethods: 0 })
    expect(again.existing).toEqual(first.created)
    expect(await countAll()).toEqual(before)
    expect(log.at(-1)).toMatch(/^Nothing to do/)
    expect(again.users.every((user) => !user.created && user.password === undefined)).toBe(true)
    expect((await login(ADMIN.email, ADMIN.password)).user.email).toBe(ADMIN.email)
  }, 60_000)

  it('skips with ifEmpty when products exist, creating nothing', async () => {
    const before = await countAll()
    const skipped = await seed({ ifEmpty: true, log: () => {}, payload: cms.payload })
    expect(skipped.skipped).toBe(true)
    expect(skipped.created).toEqual({ categories: 0, images: 0, products: 0, users: 0 })
    expect(await countAll()).toEqual(before)
  })

  it('tops generated products up to the number asked for', async () => {
    const before = (await cms.payload.count({ collection: 'products' })).totalDocs
    const grown = await seed({ log: () => {}, payload: cms.payload, products: 6 })
    expect(grown.created.products).toBe(6)
    const again = await seed({ log: () => {}, payload: cms.payload, products: 8 })
    expect(again.created.products).toBe(2)
    expect(again.created.images).toBe(0)
    expect((await cms.payload.count({ collection: 'products' })).totalDocs).toBe(before + 8)
    const bulk = await json<List<Product>>(await cms.api('/products?depth=0&where[sku][like]=BULK-&limit=0'))
    expect(bulk.totalDocs).toBe(8)
    // Generated products stay English-only.
    const germanBulk = await json<List<Product>>(
      await cms.api('/products?depth=0&locale=de&fallback-locale=none&where[sku][like]=BULK-&limit=0'),
    )
    expect(germanBulk.docs.map((product) => product.title ?? null)).toEqual(Array.from({ length: 8 }, () => null))
  }, 60_000)

  it('keeps German texts an editor changed, and fills in only the ones still empty', async () => {
    const { token } = await login(EDITOR.email, EDITOR.password)
    const [skillet] = (await json<List<Product>>(await cms.api('/products?depth=0&where[sku][equals]=KCW-001'))).docs
    const [kitchen] = (await json<List<Category>>(await cms.api('/categories?depth=0&where[slug][equals]=kitchen'))).docs
    const patch = async (path: string, body: object) =>
      json(await cms.api(`${path}?locale=de&depth=0`, { body: JSON.stringify(body), method: 'PATCH', token }))
    await patch(`/products/${skillet?.id}`, { title: 'Gusseiserne Bratpfanne' })
    await patch(`/categories/${kitchen?.id}`, { title: 'Kochen & Essen' })
    // An editor's emptied German SEO description is filled in again; nothing else of theirs is touched.
    const [chambray] = (await json<List<Product>>(await cms.api('/products?depth=0&where[sku][equals]=MSH-004'))).docs
    await patch(`/products/${chambray?.id}`, { seo: { description: '' } })

    const again = await seed({ log: () => {}, payload: cms.payload })
    expect(again.translated).toEqual({ categories: 0, products: 1, shippingMethods: 0 })

    const german = await json<Product>(await cms.api(`/products/${skillet?.id}?depth=0&locale=de`))
    expect([german.title, german.slug]).toEqual(['Gusseiserne Bratpfanne', 'gusseisenpfanne'])
    expect((await json<Category>(await cms.api(`/categories/${kitchen?.id}?depth=0&locale=de`))).title).toBe('Kochen & Essen')
    const germanChambray = await json<Product>(await cms.api(`/products/${chambray?.id}?depth=0&locale=de`))
    expect(germanChambray.seo?.description).toBe('Chambray-Hemd: ein Basisteil für jede Garderobe, mit lockerer Passform und weichem Kragen.')
    expect((await json<Product>(await cms.api(`/products/${skillet?.id}?depth=0`))).title).toBe('Cast-Iron Skillet')
  }, 60_000)
})
