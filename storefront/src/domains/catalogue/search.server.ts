import { z } from 'astro/zod'

import { cms } from '../../platform/cms/cms.server'
import { type SearchFacets, searchFacetsSchema } from './facets'
import { type ListingParams, searchQuery } from './listing'
import { productSummarySchema } from './product'
import { appendCardSelect, type ProductList } from './products.server'

const searchPageSchema = z.object({
  docs: z.array(productSummarySchema),
  facets: searchFacetsSchema,
  query: z.object({ corrected: z.string().nullable(), q: z.string() }),
  totalDocs: z.number().int(),
  totalPages: z.number().int(),
})

export type SearchListing = {
  /** The term the CMS searched for instead, when the one typed had typos and found nothing. */
  corrected: string | undefined
  facets: SearchFacets
  list: ProductList
}

/**
 * One page of published products matching the term (empty: all) in `categoryIds` (any; empty: all)
 * and every filter of `params`, as cards need them, with the facet counts of the whole match. One
 * CMS request (`GET /products/search`). Throws `CmsError` when the CMS cannot answer.
 */
export const searchProducts = async ({
  categoryIds = [],
  limit,
  params,
  q = '',
}: {
  categoryIds?: number[]
  limit: number
  params: ListingParams
  q?: string
}): Promise<SearchListing> => {
  const query = searchQuery(params, { categoryIds, limit, q })
  query.set('depth', '1')
  const result = await cms.get('/products/search', searchPageSchema, appendCardSelect(query))
  return {
    corrected: result.query.corrected ?? undefined,
    facets: result.facets,
    list: { products: result.docs, total: result.totalDocs, totalPages: Math.max(1, result.totalPages) },
  }
}
