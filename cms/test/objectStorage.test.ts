import { readdirSync } from 'node:fs'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Media } from '@showroom/shared-types'

import { type Actors, createActors } from './actors'
import { startTestS3, type TestS3 } from './s3Server'
import { startTestCms, type TestCms } from './startTestCms'

let s3: TestS3
let cms: TestCms
let actors: Actors

beforeAll(async () => {
  s3 = await startTestS3()
  cms = await startTestCms('object_storage', { s3: s3.settings() })
  actors = await createActors(cms)
})
afterAll(async () => {
  await cms?.close()
  await s3?.close()
})

const photo = () =>
  sharp({ create: { background: { b: 40, g: 120, r: 200 }, channels: 3, height: 1400, width: 2000 } })
    .jpeg()
    .toBuffer()

/** Uploads through REST as a multipart form, as the admin UI does. */
const upload = async (api: TestCms['api'], token: string, name: string): Promise<Media> => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(await photo())], { type: 'image/jpeg' }), `${name}.jpg`)
  form.append('_payload', JSON.stringify({ alt: `A ${name}` }))
  const response = await api('/media', { body: form, method: 'POST', token })
  expect(response.status, await response.clone().text()).toBe(201)
  return ((await response.json()) as { doc: Media }).doc
}

const SIZES = ['card', 'full', 'thumbnail'] as const

describe('media on S3 with a public URL', () => {
  it('stores the original and every size in the bucket, answers their public URLs, and deletes them all', async () => {
    const media = await upload(cms.api, actors.editor.token, 'sofa')
    const files = [media.filename, ...SIZES.map((size) => media.sizes?.[size]?.filename)]
    expect(files.every(Boolean)).toBe(true)
    expect(await s3.keys()).toEqual([...files].sort())

    // The REST document (what the storefront reads) points every URL at the bucket, which serves it.
    const read = (await (await cms.api(`/media/${media.id}`)).json()) as Media
    const publicUrl = s3.settings().publicUrl
    const urls = [read.url, ...SIZES.map((size) => read.sizes?.[size]?.url)]
    for (const [index, url] of urls.entries()) {
      expect(url).toBe(`${publicUrl}/${encodeURIComponent(String(files[index]))}`)
      const response = await fetch(String(url))
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/webp')
      expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).format).toBe('webp')
    }
    expect(read.sizes?.card).toMatchObject({ height: 750, width: 600 })

    // Nothing was written to local disk.
    expect(readdirSync(cms.mediaDir)).toEqual([])

    expect((await cms.api(`/media/${media.id}`, { method: 'DELETE', token: actors.editor.token })).status).toBe(200)
    expect(await s3.keys()).toEqual([])
  })

  it('refuses anonymous uploads and writes nothing to the bucket', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await photo())], { type: 'image/jpeg' }), 'x.jpg')
    form.append('_payload', JSON.stringify({ alt: 'x' }))
    expect((await cms.api('/media', { body: form, method: 'POST' })).status).toBe(403)
    expect(await s3.keys()).toEqual([])
  })

  it('is ready while the bucket answers, 503 naming S3 while it does not, and ready again when it is back', async () => {
    const ready = async () => {
      const response = await cms.api('/ready')
      return { body: (await response.json()) as { checks: Record<string, { ok: boolean }> }, status: response.status }
    }
    expect(await ready()).toMatchObject({ body: { checks: { database: { ok: true }, s3: { ok: true } } }, status: 200 })
    await s3.stop()
    expect(await ready()).toMatchObject({ body: { checks: { database: { ok: true }, s3: { ok: false } } }, status: 503 })
    await s3.start()
    expect(await ready()).toMatchObject({ status: 200 })
  })
})

describe('media on S3 without a public URL', () => {
  let proxied: TestCms
  beforeAll(async () => {
    proxied = await startTestCms('object_storage_proxied', { s3: s3.settings({ publicUrl: false }) })
  })
  afterAll(async () => proxied?.close())

  it('answers relative URLs that the CMS serves from the bucket, as it does from local disk', async () => {
    const [editor] = await Promise.all([createActors(proxied).then((all) => all.editor)])
    const media = await upload(proxied.api, editor.token, 'lamp')
    expect(media.sizes?.card?.url).toMatch(/^(http:\/\/localhost:3000)?\/api\/v1\/media\/file\//)
    const path = new URL(String(media.sizes?.card?.url), 'http://localhost:3000').pathname.replace('/api/v1', '')
    const response = await proxied.api(path)
    expect(response.status).toBe(200)
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(600)
    expect(readdirSync(proxied.mediaDir)).toEqual([])
    expect((await proxied.api(`/media/${media.id}`, { method: 'DELETE', token: editor.token })).status).toBe(200)
    expect(await s3.keys()).toEqual([])
  })
})
