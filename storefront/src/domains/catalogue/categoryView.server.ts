import { type CategoryNode, categoryPath, childrenOf } from './category'
import { facetGroups, type FacetGroup } from './facets'
import { listingHref, PAGE_SIZE, type ListingParams } from './listing'
import type { ProductList } from './products.server'
import { searchProducts } from './search.server'
import type { Locale } from '../i18n/locale'

/** What a category page shows besides the category itself: its subcategories, facets and products. */
export type CategoryView = {
  category: CategoryNode
  subcategories: Array<{ count: number; href: string; title: string }>
  list: ProductList
  facets: FacetGroup[]
  inStockCount: number
}

/**
 * The listing of `category` (published products of its subtree, filtered by `params`), with the
 * subcategories that hold something under those filters. Throws `CmsError`.
 */
export const loadCategoryView = async (categories: readonly CategoryNode[], category: CategoryNode, params: ListingParams, locale: Locale): Promise<CategoryView> => {
  const { facets, list } = await searchProducts({ categoryIds: [category.id], limit: PAGE_SIZE, params })
  // The subcategories with what the current filters find in each; those with nothing are left out.
  const counts = new Map(facets.categories.map((entry) => [entry.id, entry.count]))
  const subcategories = childrenOf(categories, category.id).flatMap((child) => {
    const count = counts.get(child.id) ?? 0
    return count > 0 ? [{ count, href: listingHref(categoryPath(child), { ...params, page: 1 }), title: child.title }] : []
  })
  return { category, facets: facetGroups(facets, params, { categories: false, locale }), inStockCount: facets.inStock.true, list, subcategories }
}
