import type { Endpoint } from 'payload'

import type { CommerceSlugs } from '../../types'

import { catalogueLocales, parseLocaleParam } from '../../localization/catalogueLocales'
import { countPublishedProducts } from './countPublishedProducts'

/**
 * `GET /categories/product-counts` → `{ counts: [{ id, slug, direct, total }] }`: how many published
 * products sit in each category itself (`direct`) and in it or any of its descendants (`total`,
 * each product counted once); `?locale=de` gives that locale's slugs. Public, like the catalogue it describes.
 */
export const productCountsEndpoint = (slugs: CommerceSlugs): Endpoint => ({
  handler: async (req) => {
    const locale = parseLocaleParam(catalogueLocales(req.payload), new URL(req.url ?? '/', 'http://localhost').searchParams.get('locale'))
    if (!locale.ok) return Response.json({ errors: [{ message: locale.message }] }, { status: 400 })
    const counts = await countPublishedProducts(req.payload, slugs, locale.locale)
    return Response.json(
      { counts },
      { headers: { 'Cache-Control': 'public, max-age=30, stale-while-revalidate=300' } },
    )
  },
  method: 'get',
  path: '/product-counts',
})
