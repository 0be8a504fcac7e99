import { cms } from '../../platform/cms/cms.server'
import type { Locale } from '../i18n/locale'
import { categoryFields, type CategoryNode, categoryPageSchema, productCountsSchema } from './category'

/** Public list pages hold at most 100 documents. */
const CMS_PAGE_LIMIT = 100
/** A bound on the loop below, far above any shop's category count (10,000). */
const MAX_PAGES = 100

/**
 * Every category, with its parent and breadcrumbs only: the tree the category pages walk. One
 * request for up to 100 categories, one more per further 100; in `locale` when given, else in the
 * page's language. Throws `CmsError`.
 */
export const listCategories = async (locale?: Locale): Promise<CategoryNode[]> => {
  const categories: CategoryNode[] = []
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const query = new URLSearchParams({ depth: '0', limit: String(CMS_PAGE_LIMIT), page: String(page), sort: 'title', ...(locale ? { locale } : {}) })
    for (const field of categoryFields) query.append(`select[${field}]`, 'true')
    const result = await cms.get('/categories', categoryPageSchema, query)
    categories.push(...result.docs)
    if (!result.hasNextPage) break
  }
  return categories
}

/** Published products per category, its descendants included (`total`), by category id. Throws `CmsError`. */
export const productCountsByCategory = async (): Promise<Map<number, number>> => {
  const { counts } = await cms.get('/categories/product-counts', productCountsSchema)
  return new Map(counts.map((count) => [count.id, count.total]))
}
