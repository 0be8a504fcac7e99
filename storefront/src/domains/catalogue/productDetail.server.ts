import { z } from 'astro/zod'

import { cms } from '../../platform/cms/cms.server'
import { appendQuery } from '../../platform/cms/whereQuery'
import { type ProductDetail, productDetailSchema } from './productDetail'

const detailPageSchema = z.object({ docs: z.array(productDetailSchema) })

/** The published product with `slug`, or `undefined`: one request, one document. Throws `CmsError`. */
export const findProductBySlug = async (slug: string): Promise<ProductDetail | undefined> => {
  const query = appendQuery(new URLSearchParams({ depth: '1', limit: '1' }), 'where', {
    and: [{ slug: { equals: slug } }, { _status: { equals: 'published' } }],
  })
  const { docs } = await cms.get('/products', detailPageSchema, query)
  return docs[0]
}

const slugPageSchema = z.object({
  docs: z.array(z.object({ slug: z.string(), updatedAt: z.string() })),
  hasNextPage: z.boolean(),
})

/** Every published product's slug and last change, 100 per CMS request (for the sitemap). Throws `CmsError`. */
export const listProductSlugs = async (): Promise<Array<{ slug: string; updatedAt: string }>> => {
  const slugs: Array<{ slug: string; updatedAt: string }> = []
  for (let page = 1; ; page += 1) {
    const query = new URLSearchParams({ depth: '0', limit: '100', page: String(page), sort: 'id', 'select[slug]': 'true', 'select[updatedAt]': 'true' })
    appendQuery(query, 'where', { _status: { equals: 'published' } })
    const result = await cms.get('/products', slugPageSchema, query)
    slugs.push(...result.docs)
    if (!result.hasNextPage) return slugs
  }
}
