import { cms } from '../cms/cms.server'
import { productPageSchema, productSummaryFields, type ProductSummary } from './product'

export type ProductList = {
  products: ProductSummary[]
  /** Published products in all, of which `products` is the first page. */
  total: number
}

/**
 * The newest published products, as cards need them. Drafts never appear: the query asks for
 * published ones, and the CMS's access rules hide drafts from anonymous readers anyway.
 * Throws `CmsError` when the CMS cannot answer.
 */
export const listPublishedProducts = async ({ limit = 24 }: { limit?: number } = {}): Promise<ProductList> => {
  const query = new URLSearchParams({
    depth: '1',
    limit: String(limit),
    sort: '-createdAt',
    'where[_status][equals]': 'published',
  })
  // Only what a card shows: no rich-text description to serialise, and far less JSON to parse.
  for (const field of productSummaryFields) query.append(`select[${field}]`, 'true')
  query.append('select[variants][stock]', 'true')

  const page = await cms.get('/products', productPageSchema, query)
  return { products: page.docs, total: page.totalDocs }
}
