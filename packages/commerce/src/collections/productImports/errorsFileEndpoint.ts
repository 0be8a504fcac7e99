import type { CollectionConfig, Endpoint } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { isStaffUser } from '../../access/roles'

const problem = (message: string, status: number) => Response.json({ errors: [{ message }] }, { status })

/**
 * `GET /product-imports/:id/errors` (staff): the rows an import could not save, as a CSV download —
 * each row as it was in the file, after its row number, the column at fault and the reason. Fixed,
 * the file can be imported again as it is.
 */
export const errorsFileEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    if (!req.user) return problem('Sign in as staff to read import errors.', 401)
    if (!isStaffUser(config.roles, req.user)) return problem('Only staff can read import errors.', 403)
    const id = Number(req.routeParams?.id)
    if (!Number.isSafeInteger(id) || id <= 0) return problem('Unknown import.', 404)
    const doc = (await req.payload.findByID({ collection: config.slugs.productImports, depth: 0, disableErrors: true, id, overrideAccess: true, select: { errorsCsv: true } })) as { errorsCsv?: null | string } | null
    if (!doc) return problem('Unknown import.', 404)
    if (!doc.errorsCsv) return problem('This import has no errors file (yet).', 404)
    return csvDownload(doc.errorsCsv, `import-${id}-errors.csv`)
  },
  method: 'get',
  path: '/:id/errors',
})

const csvDownload = (text: string, filename: string): Response =>
  new Response(text, {
    headers: {
      'Cache-Control': 'private, no-store',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'Content-Type': 'text/csv; charset=utf-8',
    },
    status: 200,
  })

type UploadHandler = NonNullable<NonNullable<Extract<CollectionConfig['upload'], object>>['handlers']>[number]

/**
 * The upload collection's file handler: the CSV an import was made from, kept in its `source` field.
 * Payload's file route runs it for `GET /product-imports/file/:filename` once the collection's read
 * access (staff) has let the caller through.
 */
export const serveUploadedCsv =
  (config: SanitizedCommercePluginConfig): UploadHandler =>
  async (req, { params }) => {
    if (!req.user || !isStaffUser(config.roles, req.user)) return problem('Only staff can read import files.', 403)
    // Payload passes the document only when read access is a query; staff's is `true`, so look it up.
    const { docs } = await req.payload.find({
      collection: config.slugs.productImports,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      select: { source: true },
      where: { filename: { equals: params.filename } },
    })
    const source = (docs[0] as undefined | { source?: null | string })?.source
    if (!source) return problem('No import has this file.', 404)
    return csvDownload(source, params.filename)
  }
