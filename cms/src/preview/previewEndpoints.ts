import type { Endpoint, FlattenedField, PayloadRequest } from 'payload'
import { z } from 'zod'

import { isPreviewCollection, type PreviewCollection, PREVIEW_TOKEN_HEADER, previewTokenOpens, type PreviewTarget } from '@showroom/shared-types/preview'

import { problem } from '../http/requestRules'

/** The depth of the storefront's own reads (a product's images and categories populated). */
const DEPTH = 1

/** Preview answers are one document for one token holder: never kept by any cache. */
const NO_STORE = { 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' }

const idSchema = z.coerce.number().int().min(1).max(2_147_483_647)
const editedSchema = z.object({ data: z.record(z.string(), z.unknown()) })

/**
 * `doc` without the fields only some users may read (field-level `read` access, such as `stockSeen`,
 * at any depth of groups and arrays): a preview shows what a shopper will see once it is published.
 */
const withoutRestricted = (doc: Record<string, unknown>, fields: FlattenedField[]): Record<string, unknown> => {
  const kept: Record<string, unknown> = { ...doc }
  for (const field of fields) {
    const value = kept[field.name]
    if (field.access?.read) delete kept[field.name]
    else if (field.type === 'group' && isRecord(value)) kept[field.name] = withoutRestricted(value, field.flattenedFields)
    else if (field.type === 'array' && Array.isArray(value)) kept[field.name] = value.map((row) => (isRecord(row) ? withoutRestricted(row, field.flattenedFields) : row))
  }
  return kept
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

type Checked = { response: Response } | { target: PreviewTarget }

/** The document a request names, once its token opens exactly that one; otherwise the 4xx to answer. */
const checkRequest = async (req: PayloadRequest, secret: string): Promise<Checked> => {
  const collection = String(req.routeParams?.collection ?? '')
  if (!isPreviewCollection(collection)) return { response: problem(404, `Nothing to preview in "${collection}": products and categories only.`, NO_STORE) }
  const id = idSchema.safeParse(req.routeParams?.id)
  if (!id.success) return { response: problem(400, 'The document id must be a positive integer.', NO_STORE) }
  const target = { collection, id: id.data }
  // One answer for every way a token can be wrong (missing, forged, expired, another document's).
  if (!(await previewTokenOpens(req.headers.get(PREVIEW_TOKEN_HEADER), target, secret))) {
    return { response: problem(401, `A valid preview token for this document is required (${PREVIEW_TOKEN_HEADER} header).`, NO_STORE) }
  }
  return { target }
}

/** The saved draft (or, with `data`, the editor's unsaved one) as the storefront reads published documents. */
const readDraft = async (req: PayloadRequest, { collection, id }: PreviewTarget, data?: Record<string, unknown>): Promise<null | Record<string, unknown>> => {
  // The token stands for a staff member's permission to show this one document: read it past the
  // drafts-for-staff rule, but hand out nothing a shopper could not read once it is published.
  const saved = await req.payload.findByID({ collection, depth: DEPTH, disableErrors: true, draft: true, id, overrideAccess: true, req })
  if (!saved) return null
  const doc = data
    ? // Not `draft`: that would swap the given data for the saved draft again.
      await req.payload.findByID({ collection, data: { ...data, id }, depth: DEPTH, id, overrideAccess: true, req })
    : saved
  return withoutRestricted(doc as unknown as Record<string, unknown>, req.payload.collections[collection].config.flattenedFields)
}

/**
 * `GET /preview/:collection/:id`: the document's saved draft; `POST` with `{ "data": … }` (the admin's
 * unsaved form, as Live Preview sends it): that data with its relationships populated, as the saved
 * draft would be. Both need the token the CMS minted for that document in `x-preview-token`; a deleted
 * document is a 404 whatever the token.
 */
export const previewEndpoints = (secret: string): Endpoint[] => [
  {
    handler: async (req) => {
      const checked = await checkRequest(req, secret)
      if ('response' in checked) return checked.response
      const doc = await readDraft(req, checked.target)
      return doc ? Response.json(doc, { headers: NO_STORE }) : problem(404, 'That document no longer exists.', NO_STORE)
    },
    method: 'get',
    path: '/preview/:collection/:id',
  },
  {
    handler: async (req) => {
      const checked = await checkRequest(req, secret)
      if ('response' in checked) return checked.response
      const body = editedSchema.safeParse(await req.json?.().catch(() => undefined))
      if (!body.success) return problem(400, 'Send the edited document as JSON: { "data": { … } }.', NO_STORE)
      const doc = await readDraft(req, checked.target, body.data.data)
      return doc ? Response.json(doc, { headers: NO_STORE }) : problem(404, 'That document no longer exists.', NO_STORE)
    },
    method: 'post',
    path: '/preview/:collection/:id',
  },
]
