import { randomBytes } from 'node:crypto'

import { validate } from '@readme/openapi-parser'
import { Ajv2020 } from 'ajv/dist/2020.js'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildOpenApiDocument, showroomOpenApiOptions } from '../src/openapi'
import { type Actors, createActors } from './actors'
import { orderBody, postOrder } from './orderRequest'
import { startTestCms, type TestCms } from './startTestCms'

type Json = Record<string, any>

let cms: TestCms
let actors: Actors
let document: Json
/** A real document of each collection, for the `{id}` of every path. */
const ids: Record<string, number> = {}
/** A stored file's name per upload collection, for `/{collection}/file/{filename}`. */
const filenames: Record<string, string> = {}

const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: true, validateFormats: false })
// The document's components ride along with each schema compiled below, so `#/components/…` resolves.
ajv.addKeyword({ keyword: 'components' })

/** A validator for `schema` as it sits in the document (its `$ref`s resolved against the document). */
const validatorFor = (schema: Json) => ajv.compile({ ...schema, components: document.components })
const responseSchema = (path: string, method: string, status: number): Json =>
  document.paths[path][method].responses[status].content['application/json'].schema
const requestSchema = (path: string, method: string): Json => document.paths[path][method].requestBody.content['application/json'].schema

beforeAll(async () => {
  // Preview on, so its endpoints are documented and checked too.
  cms = await startTestCms('openapi', { previewSecret: 'openapi-preview-secret-0123456789abcdef' })
  actors = await createActors(cms)
  const category = await cms.payload.create({ collection: 'categories', data: { title: 'Lamps' } })
  const endpoint = await cms.payload.create({
    collection: 'webhook-endpoints',
    // Nothing listens there: the deliveries only need to exist.
    data: { active: true, secret: `whsec_${randomBytes(32).toString('base64')}`, url: 'http://127.0.0.1:9/hook' },
  })
  const data = await sharp({ create: { background: '#c33', channels: 3, height: 20, width: 20 } }).png().toBuffer()
  const media = await cms.payload.create({ collection: 'media', data: { alt: 'Lamp' }, file: { data, mimetype: 'image/png', name: 'lamp.png', size: data.length } })
  const product = await cms.payload.create({
    collection: 'products',
    data: { _status: 'published', categories: [category.id], currency: 'EUR', images: [media.id], price: 4900, sku: 'LAMP-1', stock: 10, title: 'Desk Lamp' },
  })
  const promotion = await cms.payload.create({ collection: 'promotions', data: { appliesTo: 'order', code: 'OPENAPI', kind: 'percentage', percentage: 10, title: 'Ten off' } })
  const placed = await postOrder(cms, { ...orderBody([{ product: product.id, quantity: 1 }]), discountCode: 'OPENAPI' })
  expect(placed.status).toBe(201)
  const order = ((await placed.json()) as { order: { id: number } }).order
  const csv = Buffer.from('sku,title,price\nCSV-1,Bad price,abc\n')
  const upload = await cms.payload.create({ collection: 'product-imports', data: {}, file: { data: csv, mimetype: 'text/csv', name: 'products.csv', size: csv.length }, user: { ...actors.editor, collection: 'users', roles: ['editor'] } as never })
  // Its errors file exists once the job has run.
  while ((await cms.payload.findByID({ collection: 'product-imports', id: upload.id })).status !== 'done') await new Promise((resolve) => setTimeout(resolve, 50))
  const delivery = await cms.payload.find({ collection: 'webhook-deliveries', limit: 1 })
  const movement = await cms.payload.find({ collection: 'stock-movements', limit: 1 })
  const audited = await cms.payload.find({ collection: 'audit-log', limit: 1 })
  const taxRate = await cms.payload.create({ collection: 'tax-rates', data: { country: 'DE', name: 'VAT', rate: 19 } })
  const zone = await cms.payload.find({ collection: 'shipping-zones', limit: 1 })
  const redemption = await cms.payload.find({ collection: 'promotion-redemptions', limit: 1 })
  Object.assign(ids, {
    'audit-log': audited.docs[0]?.id,
    categories: category.id,
    media: media.id,
    orders: order.id,
    'product-imports': upload.id,
    products: product.id,
    'shipping-zones': zone.docs[0]?.id,
    'promotion-redemptions': redemption.docs[0]?.id,
    promotions: promotion.id,
    'stock-movements': movement.docs[0]?.id,
    'tax-rates': taxRate.id,
    users: actors.alice.id,
    'webhook-deliveries': delivery.docs[0]?.id,
    'webhook-endpoints': endpoint.id,
  })
  filenames.media = media.filename ?? ''
  filenames['product-imports'] = (upload as { filename?: null | string }).filename ?? ''

  const response = await cms.api('/openapi.json')
  expect(response.status).toBe(200)
  document = (await response.json()) as Json
}, 120_000)

afterAll(async () => {
  await cms?.close()
})

describe('GET /api/v1/openapi.json', () => {
  it('is public, cacheable JSON with an ETag that answers 304', async () => {
    const response = await cms.api('/openapi.json')
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('cache-control')).toBe('public, max-age=300')
    const etag = response.headers.get('etag') ?? ''
    expect(etag).toMatch(/^".+"$/)
    expect((await cms.api('/openapi.json', { headers: { 'If-None-Match': etag } })).status).toBe(304)
  })

  it('is a valid OpenAPI 3.1 document whose schemas are all valid JSON Schema 2020-12', async () => {
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0])
    expect(result.valid ? [] : result.errors).toEqual([])
    expect(document.openapi).toBe('3.1.0')
    expect(document.servers).toEqual([{ url: 'http://localhost:3000/api/v1' }])
    for (const [name, schema] of Object.entries(document.components.schemas as Record<string, Json>)) {
      expect(() => validatorFor(schema), name).not.toThrow()
    }
  })

  it('describes every collection, the sign-in operations and every custom endpoint the config registers', () => {
    for (const slug of ['products', 'categories', 'orders', 'users', 'media', 'webhook-endpoints', 'webhook-deliveries']) {
      expect(Object.keys(document.paths[`/${slug}`] ?? {}).sort(), slug).toEqual(['delete', 'get', 'patch', 'post'])
      expect(Object.keys(document.paths[`/${slug}/{id}`] ?? {}).sort(), slug).toEqual(['delete', 'get', 'parameters', 'patch'])
    }
    for (const operation of ['login', 'logout', 'me', 'refresh-token', 'forgot-password', 'reset-password']) expect(document.paths).toHaveProperty([`/users/${operation}`])
    // Payload's own collections stay out.
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/payload-'))).toEqual([])
    const undocumented = Object.values(document.paths as Record<string, Json>).flatMap((item) => Object.values(item).filter((operation: Json) => operation['x-undocumented']))
    expect(undocumented.map((operation) => operation.summary)).toEqual([])
    expect(document.paths['/payments/{method}/webhook'].post.parameters[0].schema.enum).toEqual(['manual', 'test'])
  })

  it('describes /metrics and its token only where metrics are switched on', async () => {
    expect(document.paths['/metrics']).toBeUndefined()
    expect(document.components.securitySchemes.metricsToken).toBeUndefined()
    const withMetrics = await buildOpenApiDocument(cms.payload, showroomOpenApiOptions({ metrics: true, paymentMethods: ['manual'] }))
    const result = await validate(JSON.parse(JSON.stringify(withMetrics)) as Parameters<typeof validate>[0])
    expect(result.valid ? [] : result.errors).toEqual([])
    expect(withMetrics.paths['/metrics']?.get?.security).toEqual([{ metricsToken: [] }])
  })

  it('says who may call each operation, from the collections’ own access rules', () => {
    const products = document.paths['/products']
    expect(products.get['x-access']).toEqual({ admin: 'all', anonymous: 'some', customer: 'some', editor: 'all' })
    expect(products.get.security[0]).toEqual({})
    expect(products.post['x-access']).toEqual({ admin: 'all', anonymous: 'none', customer: 'none', editor: 'all' })
    expect(products.post.security).toEqual([{ jwt: [] }, { bearer: [] }, { cookie: [] }])
    // Only admins change orders directly; `POST /orders` is checkout, open to anyone (Payload's create is shadowed).
    expect(document.paths['/orders/{id}'].patch['x-access']).toEqual({ admin: 'all', anonymous: 'none', customer: 'none', editor: 'none' })
    expect(document.paths['/orders/{id}'].get['x-access']).toEqual({ admin: 'all', anonymous: 'none', customer: 'some', editor: 'all' })
    expect(document.paths['/orders'].post.operationId).toBe('orders.place')
    expect(document.paths['/orders'].post.security[0]).toEqual({})
    // A guest reads their order with the token checkout gave them, as the document says.
    expect(document.paths['/orders/{id}'].get.security).toContainEqual({ orderToken: [] })
    expect(document.components.securitySchemes.orderToken).toEqual(expect.objectContaining({ in: 'header', name: 'x-order-token', type: 'apiKey' }))
    expect(document.components.securitySchemes.cookie).toEqual(expect.objectContaining({ in: 'cookie', name: 'payload-token', type: 'apiKey' }))
  })
})

describe('the document matches the API', () => {
  it('the product list the API returns fits the documented response schema', async () => {
    const check = validatorFor(responseSchema('/products', 'get', 200))
    for (const query of ['?depth=1', '?depth=0&limit=5', '?where[title][equals]=Desk%20Lamp']) {
      const body = await (await cms.api(`/products${query}`)).json()
      expect(body.docs.length, query).toBe(1)
      expect(check(body) ? [] : check.errors, query).toEqual([])
    }
    const asStaff = await (await cms.api('/products?depth=1', { token: actors.editor.token })).json()
    expect(check(asStaff) ? [] : check.errors).toEqual([])
  })

  it('checkout options and a placed order fit their documented schemas', async () => {
    const options = validatorFor(responseSchema('/orders/checkout-options', 'get', 200))
    const answer = await (await cms.api('/orders/checkout-options')).json()
    expect(options(answer) ? [] : options.errors).toEqual([])
    const placed = validatorFor(responseSchema('/orders', 'post', 201))
    const response = await postOrder(cms, orderBody([{ product: ids.products, quantity: 1 }]))
    expect(response.status).toBe(201)
    const order = await response.json()
    expect(placed(order) ? [] : placed.errors).toEqual([])
    const read = validatorFor(responseSchema('/orders/{id}', 'get', 200))
    const asGuest = await cms.api(`/orders/${order.order.id}`, { headers: { 'X-Order-Token': order.guestToken } })
    expect(asGuest.status).toBe(200)
    expect(read(await asGuest.json()) ? [] : read.errors).toEqual([])
  })

  it('the POST /orders request schema accepts what the API accepts and rejects what it rejects', async () => {
    const check = validatorFor(requestSchema('/orders', 'post'))
    const good = orderBody([{ product: ids.products, quantity: 1 }])
    expect(check(good)).toBe(true)
    for (const bad of [orderBody([{ product: ids.products, quantity: 0 }]), orderBody([]), { ...good, shippingAddress: { ...good.shippingAddress, country: 'Germany' } }]) {
      const response = await postOrder(cms, bad)
      expect(response.status).toBe(400)
      expect(check(bad)).toBe(false)
    }
  })

  it('every documented operation answers on the real API: not 404, with a documented status and body', async () => {
    const fill = (path: string): string =>
      path
        .replace('{id}', String(ids[path.split('/')[1] ?? ''] ?? 'missing'))
        .replace('{filename}', filenames[path.split('/')[1] ?? ''] ?? 'missing')
        .replace('{method}', 'test')
        .replace('{collection}', 'products')
    expect(Object.keys(document.paths as Record<string, Json>)).toContain('/preview/{collection}/{id}')
    const misses: string[] = []
    for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
      for (const method of Object.keys(item).filter((key) => key !== 'parameters')) {
        // Reads as an admin; writes anonymously (refused, so nothing changes), except where an
        // anonymous caller is told "unknown order" on purpose.
        const token = method === 'get' || path === '/orders/{id}/status' ? actors.admin.token : undefined
        // Bulk writes name documents that do not exist, so that nothing could change even if allowed.
        const bulk = !path.includes('{') && (method === 'patch' || method === 'delete') ? '?where[id][equals]=0' : ''
        const response = await cms.api(`${fill(path)}${bulk}`, { body: method === 'get' ? undefined : '{}', method: method.toUpperCase(), token })
        const answer = `${method} ${path}: ${response.status}`
        if (response.status === 404 || response.status >= 500) misses.push(`${answer} ${await response.text()}`)
        const documented = item[method].responses[response.status]
        if (!documented) misses.push(`${answer} is not a documented answer`)
        // Every JSON answer fits the schema documented for its status.
        const schema = (documented?.$ref ? document.components.responses[documented.$ref.split('/').pop()] : documented)?.content?.['application/json']?.schema
        if (schema) {
          const check = validatorFor(schema)
          if (!check(await response.json())) misses.push(`${answer} does not fit its schema: ${ajv.errorsText(check.errors)}`)
        }
      }
    }
    expect(misses).toEqual([])
  })
})
