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
import { alternatesOf, type Locale, LOCALES } from '../domains/i18n/locale'
import { log } from '../platform/observability/log'

type Entry = { lastmod?: string; paths: Record<Locale, string> }

/** One `<url>` per page and language, each naming every language's address (`xhtml:link` alternates) and `x-default`. */
const urlsOf = (entry: Entry, url: URL): string[] => {
  const alternates = alternatesOf(absoluteUrl('/', url), (locale) => entry.paths[locale])
  const links = alternates.map((alternate) => `<xhtml:link rel="alternate" hreflang="${alternate.hreflang}" href="${escapeUTF8(alternate.href)}"/>`).join('')
  return LOCALES.map((locale) => {
    const loc = alternates.find((alternate) => alternate.locale === locale)?.href ?? ''
    return `<url><loc>${escapeUTF8(loc)}</loc>${entry.lastmod ? `<lastmod>${escapeUTF8(entry.lastmod)}</lastmod>` : ''}${links}</url>`
  })
}

/** Home, every category and every published product, in every language (docs/languages.md). */
export const GET: APIRoute = async (context) => {
  try {
    const [categoriesByLocale, productsByLocale] = await Promise.all([
      Promise.all(LOCALES.map((locale) => listCategories(locale))),
      Promise.all(LOCALES.map((locale) => listProductSlugs(locale))),
    ])
    const pathOf = <T extends { id: number }>(lists: T[][], id: number, locale: Locale, path: (item: T) => string, fallback: string): string => {
      const item = lists[LOCALES.indexOf(locale)]?.find((each) => each.id === id)
      return item ? path(item) : fallback
    }
    const [categories = [], products = []] = [categoriesByLocale[0], productsByLocale[0]]
    const entries: Entry[] = [
      { paths: { de: '/', en: '/' } },
      ...categories.map((category) => ({
        paths: Object.fromEntries(LOCALES.map((locale) => [locale, pathOf(categoriesByLocale, category.id, locale, categoryPath, categoryPath(category))])) as Record<Locale, string>,
      })),
      ...products.map((product) => {
        const productPath = (item: { slug: string }) => `/p/${encodeURIComponent(item.slug)}`
        return {
          lastmod: product.updatedAt,
          paths: Object.fromEntries(LOCALES.map((locale) => [locale, pathOf(productsByLocale, product.id, locale, productPath, productPath(product))])) as Record<Locale, string>,
        }
      }),
    ]
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
      ...entries.flatMap((entry) => urlsOf(entry, context.url)),
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
