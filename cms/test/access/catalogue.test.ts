import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, type Caller, CALLERS, createActors, tokenOf } from '../actors'
import { startTestCms, type TestCms } from '../startTestCms'

let cms: TestCms
let actors: Actors
let categoryId: number
let mediaId: number

const png = () =>
  sharp({ create: { background: '#3366cc', channels: 3, height: 400, width: 320 } })
    .png()
    .toBuffer()

const upload = async (alt: string, token?: string) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(await png())], { type: 'image/png' }), `${alt}.png`)
  form.append('_payload', JSON.stringify({ alt }))
  return cms.api('/media', { body: form, method: 'POST', token })
}

beforeAll(async () => {
  cms = await startTestCms('access_catalogue')
  actors = await createActors(cms)
  categoryId = (await cms.payload.create({ collection: 'categories', data: { title: 'Shoes' } })).id
  const media = await upload('seed image', actors.admin.token)
  mediaId = ((await media.json()) as { doc: { id: number } }).doc.id
})
afterAll(async () => cms?.close())

const staff = (caller: Caller) => caller === 'editor' || caller === 'admin'

describe.each(CALLERS)('categories as %s', (caller) => {
  const token = () => tokenOf(actors, caller)

  it('may read categories', async () => {
    const response = await cms.api(`/categories/${categoryId}`, { token: token() })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ slug: 'shoes', title: 'Shoes' })
  })

  it(`${staff(caller) ? 'may' : 'may not'} create, update and delete categories`, async () => {
    const created = await cms.api('/categories', { body: JSON.stringify({ title: `By ${caller}` }), method: 'POST', token: token() })
    expect(created.status).toBe(staff(caller) ? 201 : 403)
    expect((await cms.payload.count({ collection: 'categories', where: { title: { equals: `By ${caller}` } } })).totalDocs).toBe(
      staff(caller) ? 1 : 0,
    )

    const updated = await cms.api(`/categories/${categoryId}`, {
      body: JSON.stringify({ description: `Edited by ${caller}` }),
      method: 'PATCH',
      token: token(),
    })
    expect(updated.status).toBe(staff(caller) ? 200 : 403)

    const victim = (await cms.payload.create({ collection: 'categories', data: { title: `Doomed ${caller}` } })).id
    const deleted = await cms.api(`/categories/${victim}`, { method: 'DELETE', token: token() })
    expect(deleted.status).toBe(staff(caller) ? 200 : 403)
    expect((await cms.payload.count({ collection: 'categories', where: { id: { equals: victim } } })).totalDocs).toBe(
      staff(caller) ? 0 : 1,
    )
  })
})

describe.each(CALLERS)('media as %s', (caller) => {
  const token = () => tokenOf(actors, caller)

  it('may read media and its image sizes', async () => {
    const response = await cms.api(`/media/${mediaId}`, { token: token() })
    expect(response.status).toBe(200)
    const doc = (await response.json()) as {
      sizes: Record<string, { height: number; mimeType: string; url: string; width: number }>
    }
    // A 320×400 original: the list and grid sizes get their exact shape; the large one keeps the original's.
    expect(doc.sizes.thumbnail).toMatchObject({ height: 160, mimeType: 'image/webp', width: 160 })
    expect(doc.sizes.card).toMatchObject({ height: 750, mimeType: 'image/webp', width: 600 })
    expect(doc.sizes.full).toMatchObject({ height: 400, mimeType: 'image/webp', width: 320 })
  })

  it(`${staff(caller) ? 'may' : 'may not'} upload, update and delete media`, async () => {
    const created = await upload(`by-${caller}`, token())
    expect(created.status).toBe(staff(caller) ? 201 : 403)
    expect((await cms.payload.count({ collection: 'media', where: { alt: { equals: `by-${caller}` } } })).totalDocs).toBe(
      staff(caller) ? 1 : 0,
    )

    const updated = await cms.api(`/media/${mediaId}`, { body: JSON.stringify({ alt: `alt by ${caller}` }), method: 'PATCH', token: token() })
    expect(updated.status).toBe(staff(caller) ? 200 : 403)

    const victim = ((await (await upload(`victim-${caller}`, actors.admin.token)).json()) as { doc: { id: number } }).doc.id
    const deleted = await cms.api(`/media/${victim}`, { method: 'DELETE', token: token() })
    expect(deleted.status).toBe(staff(caller) ? 200 : 403)
  })
})

describe('media validation', () => {
  it('refuses an upload without alt text and stores nothing', async () => {
    const before = (await cms.payload.count({ collection: 'media' })).totalDocs
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'no-alt.png')
    const response = await cms.api('/media', { body: form, method: 'POST', token: actors.editor.token })
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toMatch(/alt/i)
    expect((await cms.payload.count({ collection: 'media' })).totalDocs).toBe(before)
  })
})
