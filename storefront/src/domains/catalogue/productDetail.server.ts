import { z } from 'astro/zod'

import { cms } from '../../platform/cms/cms.server'
import { appendQuery } from '../../platform/cms/whereQuery'
import { type ProductDetail, productDetailSchema } from './productDetail'
import { DEFAULT_LOCALE, type Locale, LOCALES } from '../i18n/locale'

const detailPageSchema = z.object({ docs: z.array(productDetailSchema) })

/**
 * The published product with `slug`, or `undefined`: one request, one document, in the page's language
 * (or in `locale` when given: an English slug looked up for a German page). Throws `CmsError`.
 */
export const findProductBySlug = async (slug: string, locale?: Locale): Promise<ProductDetail | undefined> => {
  const query = appendQuery(new URLSearchParams({ depth: '1', limit: '1', ...(locale ? { locale } : {}) }), 'where', {
    and: [{ slug: { equals: slug } }, { _status: { equals: 'published' } }],
  })
  const { docs } = await cms.get('/products', detailPageSchema, query)
  return docs[0]
}

const slugsSchema = z.object({ slug: z.union([z.record(z.string(), z.string().nullable()), z.string(), z.null()]).optional() })

/**
 * A product's slug in each language (`locale=all`: one request), the English one where a language has
 * none, for its page's `hreflang` alternates and the language switch. Throws `CmsError`.
 */
export const productSlugs = async (id: number): Promise<Record<Locale, string>> => {
  const { slug } = await cms.get(`/products/${id}`, slugsSchema, new URLSearchParams({ depth: '0', locale: 'all', 'select[slug]': 'true' }))
  const byLocale = typeof slug === 'object' && slug !== null ? slug : {}
  const fallback = byLocale[DEFAULT_LOCALE] ?? (typeof slug === 'string' ? slug : '')
  return Object.fromEntries(LOCALES.map((locale) => [locale, byLocale[locale] || fallback])) as Record<Locale, string>
}

const slugPageSchema = z.object({
  docs: z.array(z.object({ id: z.number().int(), slug: z.string(), updatedAt: z.string() })),
  hasNextPage: z.boolean(),
})

/**
 * Every published product's id, slug (in `locale`, else the page's language) and last change, 100 per
 * CMS request (for the sitemap). Throws `CmsError`.
 */
export const listProductSlugs = async (locale?: Locale): Promise<Array<{ id: number; slug: string; updatedAt: string }>> => {
  const slugs: Array<{ id: number; slug: string; updatedAt: string }> = []
  for (let page = 1; ; page += 1) {
    const query = new URLSearchParams({ depth: '0', limit: '100', page: String(page), sort: 'id', 'select[slug]': 'true', 'select[updatedAt]': 'true', ...(locale ? { locale } : {}) })
    appendQuery(query, 'where', { _status: { equals: 'published' } })
    const result = await cms.get('/products', slugPageSchema, query)
    slugs.push(...result.docs)
    if (!result.hasNextPage) return slugs
  }
}
