/**
 * Media on S3: the CMS (API server) stores uploads on a real S3-compatible server (s3rver) and
 * answers absolute public URLs, which the built storefront renders as they are.
 */
import { startTestS3Server, type TestS3Server } from '@showroom/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { attributesOf, decodeEntities, type Shop, startShop } from './support/harness'

let s3: TestS3Server
let shop: Shop | undefined

beforeAll(async () => {
  s3 = await startTestS3Server()
  shop = await startShop('object_storage', { cmsEnv: s3.env() })
}, 120_000)
afterAll(async () => {
  await shop?.stop()
  await s3?.close()
})

describe('a product page with media on S3', () => {
  it('renders the bucket URLs in src and srcset, and the bucket serves them', async () => {
    if (!shop) throw new Error('the shop did not start')
    const response = await fetch(`${shop.storefrontUrl}/p/${shop.catalogue.onSale.slug}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    const tag = html.match(/<img\b[^>]*\bsrcset="[^"]*"[^>]*>/)?.[0]
    expect(tag).toBeDefined()
    const { src = '', srcset = '' } = attributesOf(String(tag))
    const candidates = decodeEntities(srcset)
      .split(', ')
      .map((candidate) => candidate.split(' ')[0] ?? '')
    expect(candidates.length).toBeGreaterThanOrEqual(2)
    for (const url of [decodeEntities(src), ...candidates]) {
      expect(url.startsWith(`${s3.publicUrl}/`)).toBe(true)
      const image = await fetch(url)
      expect(image.status).toBe(200)
      expect(image.headers.get('content-type')).toBe('image/webp')
    }
  })
})
