import type { AstroGlobal } from 'astro'
import { z } from 'astro/zod'

import type { PreviewCollection, PreviewTarget } from '@showroom/shared-types/preview'

/** What Live Preview's script posts: the admin's unsaved form data (`followLivePreview.client.ts`). */
const editedSchema = z.object({ data: z.record(z.string(), z.unknown()) })

const idSchema = z.coerce.number().int().min(1).max(2_147_483_647)

/** A preview request as the page reads it: which document, with which token, and the edits posted with it. */
export type PreviewRequest =
  | { edited: Record<string, unknown> | undefined; kind: 'ok'; target: PreviewTarget; token: string }
  | { kind: 'bad-request'; message: string }
  | { kind: 'not-found' }

/**
 * Reads `/preview/<collection>/<id>?token=…`: a GET shows the saved draft, a POST (Live Preview) the
 * edited document in its JSON body. Anything else in the body is a 400, whatever the token.
 */
export const readPreviewRequest = async (astro: Pick<AstroGlobal, 'params' | 'request' | 'url'>, collection: PreviewCollection): Promise<PreviewRequest> => {
  const id = idSchema.safeParse(astro.params.id)
  if (!id.success) return { kind: 'not-found' }
  const token = astro.url.searchParams.get('token') ?? ''
  const target = { collection, id: id.data }
  if (astro.request.method !== 'POST') return { edited: undefined, kind: 'ok', target, token }
  const body = editedSchema.safeParse(await astro.request.json().catch(() => undefined))
  if (!body.success) return { kind: 'bad-request', message: 'Send the edited document as JSON: { "data": { … } }.' }
  return { edited: body.data.data, kind: 'ok', target, token }
}
