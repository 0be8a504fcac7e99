import { z } from 'astro/zod'

import { cms } from '../cms/cms.server'
import { appendQuery, type QueryValue } from '../cms/whereQuery'
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
const appendCardSelect = (query: URLSearchParams): URLSearchParams => {
  for (const field of productSummaryFields) query.append(`select[${field}]`, 'true')
  query.append('select[variants][stock]', 'true')
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

/**
 * The clause a search term adds to a listing: the term (Payload's `like`: case-insensitive, each
 * word somewhere in the same field) in the title, the product's or a variant's SKU, or the
 * description's plain-text copy (`descriptionText`, kept by the CMS because `like` cannot query
 * rich text). Listings read published products, so words only in an unpublished draft find nothing.
 */
export const productSearchClause = (term: string): QueryValue => ({
  or: [{ title: { like: term } }, { sku: { like: term } }, { 'variants.sku': { like: term } }, { descriptionText: { like: term } }],
})

const selectionsPageSchema = z.object({
  docs: z.array(
    z.object({
      variants: z.array(z.object({ selections: z.array(z.object({ option: z.string(), value: z.string() })).nullish() })).nullish(),
    }),
  ),
})

/** How many products the option facets are gathered from: one CMS page. */
const FACET_SAMPLE = 100

/**
 * The options (such as Size: S, M, L) products matching `where` are sold in, to filter a listing by.
 * Read from the variants' selections (what can really be bought; the REST `select` of the options'
 * own `values`, a hasMany text field, comes back empty) of at most the first 100 such products.
 */
export const listOptionFacets = async (where: QueryValue[]): Promise<Array<{ name: string; values: string[] }>> => {
  const query = new URLSearchParams({ depth: '0', limit: String(FACET_SAMPLE), 'select[variants][selections]': 'true' })
  appendQuery(query, 'where', { and: [{ _status: { equals: 'published' } }, ...where] })
  const { docs } = await cms.get('/products', selectionsPageSchema, query)
  const facets = new Map<string, Set<string>>()
  for (const selection of docs.flatMap((doc) => (doc.variants ?? []).flatMap((variant) => variant.selections ?? []))) {
    const values = facets.get(selection.option) ?? new Set<string>()
    values.add(selection.value)
    facets.set(selection.option, values)
  }
  return [...facets].map(([name, values]) => ({ name, values: [...values] }))
}
