import type { Endpoint } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { categoryPathsById } from './categoryPaths'
import { csvDownload, EXPORT_PAGE_SIZE, findPages, refuseNonStaff } from './csvDownload'
import { PRODUCT_COLUMNS } from './productColumns'
import { type ExportedProduct, productRows } from './productRows'

/**
 * `GET /products/export` (staff): every product (its latest version, drafts included) in the import's
 * format, so the file imports back unchanged; streamed in pages.
 */
export const exportProductsEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    const refused = refuseNonStaff(config, req, 'products')
    if (refused) return refused
    const paths = await categoryPathsById(req.payload, config.slugs.categories)
    const pages = findPages((page) =>
      req.payload.find({ collection: config.slugs.products, depth: 0, draft: true, limit: EXPORT_PAGE_SIZE, overrideAccess: false, page, sort: 'id', user: req.user }),
    )
    async function* rows(): AsyncGenerator<string[][]> {
      for await (const docs of pages) yield (docs as unknown as ExportedProduct[]).flatMap((product) => productRows(product, paths))
    }
    return csvDownload(`products-${new Date().toISOString().slice(0, 10)}.csv`, PRODUCT_COLUMNS, rows())
  },
  method: 'get',
  path: '/export',
})
