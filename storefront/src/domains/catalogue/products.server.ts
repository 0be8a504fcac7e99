import { z } from 'astro/zod'

import { cms } from '../../platform/cms/cms.server'
import { appendQuery, type QueryValue } from '../../platform/cms/whereQuery'
import { productSummarySchema, productSummaryFields, type ProductSummary } from './product'

export type ProductList = {
  products: ProductSummary[]
  /** Published products matching the query in all, of which `products` is one page. */
  total: number
  totalPages: number
}

const listPageSchema = z.object({
  docs: z.array(productSummarySchema),
  totalDocs: z.number().int(),
  totalPages: z.number().int(),
})

/** The card fields, selected so no rich-text description is serialised or parsed. */
export const appendCardSelect = (query: URLSearchParams): URLSearchParams => {
  for (const field of productSummaryFields) query.append(`select[${field}]`, 'true')
  for (const field of ['stock', 'price', 'prices']) query.append(`select[variants][${field}]`, 'true')
  return query
}

/**
 * One page of published products, as cards need them, that match every clause of `where`. Drafts
 * never appear: the query asks for published ones, and the CMS's access rules hide drafts from
 * anonymous readers anyway. Throws `CmsError` when the CMS cannot answer.
 */
export const listPublishedProducts = async ({
  limit = 24,
  page = 1,
  sort = '-createdAt',
  where = [],
}: { limit?: number; page?: number; sort?: string; where?: QueryValue[] } = {}): Promise<ProductList> => {
  const query = new URLSearchParams({ depth: '1', limit: String(limit), page: String(page), sort })
  appendQuery(query, 'where', { and: [{ _status: { equals: 'published' } }, ...where] })
  const result = await cms.get('/products', listPageSchema, appendCardSelect(query))
  return { products: result.docs, total: result.totalDocs, totalPages: Math.max(1, result.totalPages) }
}
