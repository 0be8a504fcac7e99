import type { Endpoint } from 'payload'

import type { CommerceSlugs } from '../../types'

import { countPublishedProducts } from './countPublishedProducts'

/**
 * `GET /categories/product-counts` → `{ counts: [{ id, slug, direct, total }] }`: how many published
 * products sit in each category itself (`direct`) and in it or any of its descendants (`total`,
 * each product counted once). Public, like the catalogue it describes.
 */
export const productCountsEndpoint = (slugs: CommerceSlugs): Endpoint => ({
  handler: async (req) => {
    const counts = await countPublishedProducts(req.payload, slugs)
    return Response.json(
      { counts },
      { headers: { 'Cache-Control': 'public, max-age=30, stale-while-revalidate=300' } },
    )
  },
  method: 'get',
  path: '/product-counts',
})
