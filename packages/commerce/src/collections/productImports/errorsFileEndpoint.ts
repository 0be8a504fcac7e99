import type { Endpoint } from 'payload'

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
    return new Response(doc.errorsCsv, {
      headers: {
        'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="import-${id}-errors.csv"`,
        'Content-Type': 'text/csv; charset=utf-8',
      },
      status: 200,
    })
  },
  method: 'get',
  path: '/:id/errors',
})
