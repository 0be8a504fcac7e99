import type { APIRoute } from 'astro'

import { escapeUTF8 } from 'entities'

import { cacheControl } from '../cacheControl'
import { listCategories } from '../domains/catalogue/categories.server'
import { categoryPath } from '../domains/catalogue/category'
import { listProductSlugs } from '../domains/catalogue/productDetail.server'
import { CmsError } from '../platform/cms/cmsError'
import { cacheTags } from '../domains/catalogue/cacheTags'
import { CATALOGUE_TAG } from '../platform/cache/routeCache'
import { absoluteUrl } from '../platform/seo/pageUrl'
import { log } from '../platform/observability/log'

/** Home, every category and every published product. */
export const GET: APIRoute = async (context) => {
  try {
    const [categories, products] = await Promise.all([listCategories(), listProductSlugs()])
    const entries: Array<{ lastmod?: string; loc: string }> = [
      { loc: absoluteUrl('/', context.url) },
      ...categories.map((category) => ({ loc: absoluteUrl(categoryPath(category), context.url) })),
      ...products.map((product) => ({ lastmod: product.updatedAt, loc: absoluteUrl(`/p/${encodeURIComponent(product.slug)}`, context.url) })),
    ]
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...entries.map(
        (entry) => `<url><loc>${escapeUTF8(entry.loc)}</loc>${entry.lastmod ? `<lastmod>${escapeUTF8(entry.lastmod)}</lastmod>` : ''}</url>`,
      ),
      '</urlset>',
    ].join('\n')
    if (context.cache.enabled) context.cache.set({ maxAge: 300, swr: 3600, tags: [CATALOGUE_TAG, cacheTags.sitemap] })
    return new Response(body, { headers: { 'Cache-Control': cacheControl.catalogue, 'Content-Type': 'application/xml; charset=utf-8' } })
  } catch (error) {
    if (!(error instanceof CmsError)) throw error
    log.error('CMS unavailable: sitemap answered 503', { err: error })
    return new Response('Sitemap temporarily unavailable', {
      headers: { 'Cache-Control': cacheControl.none, 'Retry-After': '30' },
      status: 503,
    })
  }
}
