/**
 * Draft previews (docs/preview.md): the token of a Preview link is checked here, with PREVIEW_SECRET, and
 * again by the CMS, which alone reads drafts. The storefront holds no staff credentials: it forwards the
 * token in `x-preview-token` and gets back exactly the document the token names.
 */
import type { AstroGlobal } from 'astro'
import { z } from 'astro/zod'
import { CMS_ADMIN_URL, CMS_PUBLIC_URL, CMS_URL, PREVIEW_SECRET } from 'astro:env/server'

import { PREVIEW_TOKEN_HEADER, previewTokenOpens, type PreviewTarget } from '@showroom/shared-types/preview'

import { cms } from '../cms/cms.server'
import { CmsError, cmsErrorMessages } from '../cms/cmsError'
import { framedBy } from '../http/securityHeaders'

export type { PreviewTarget } from '@showroom/shared-types/preview'

/** The admin's origin: the one that may frame preview pages and post live edits to them. */
export const adminOrigin: string = new URL(CMS_ADMIN_URL ?? CMS_PUBLIC_URL ?? CMS_URL).origin

/** Whether previews are on (PREVIEW_SECRET set); off, every preview URL is a 404. */
export const previewEnabled: boolean = PREVIEW_SECRET !== undefined

/** Whether `token` opens `target` here (the CMS checks it again before it answers). */
export const previewTokenValid = (token: null | string, target: PreviewTarget): Promise<boolean> =>
  PREVIEW_SECRET === undefined ? Promise.resolve(false) : previewTokenOpens(token, target, PREVIEW_SECRET)

export type PreviewRead<T> =
  | { doc: T; kind: 'ok' }
  /** The document was deleted (or never existed). */
  | { kind: 'gone' }
  /** The CMS refused the token this storefront accepted (PREVIEW_SECRET differs between the apps). */
  | { kind: 'refused' }
  /** The edited document cannot be shown: the CMS refused it, or it does not have the page's shape. */
  | { kind: 'invalid'; message: string }

const pathOf = ({ collection, id }: PreviewTarget): string => `/preview/${collection}/${id}`

const messageOf = (body: unknown): string => cmsErrorMessages(body).join(' ') || 'The CMS refused the edited document.'

/**
 * The document `token` opens: its saved draft, or with `edited` (Live Preview's unsaved form data) that
 * data with its relationships populated by the CMS. Parsed with the page's own `schema`, so a preview
 * renders exactly what a published document would. Throws `CmsError` when the CMS cannot answer.
 */
export const readPreview = async <T>(target: PreviewTarget, token: string, schema: z.ZodType<T>, edited?: Record<string, unknown>): Promise<PreviewRead<T>> => {
  const { body, status } = edited ? await cms.post(pathOf(target), { data: edited }, { headers: { [PREVIEW_TOKEN_HEADER]: token } }) : await readSaved(target, token)
  if (status === 404) return { kind: 'gone' }
  if (status === 401) return { kind: 'refused' }
  if (status !== 200) return { kind: 'invalid', message: messageOf(body) }
  const parsed = schema.safeParse(body)
  if (parsed.success) return { doc: parsed.data, kind: 'ok' }
  // The admin's form on its way to a valid document (a field emptied while typing): say what is missing.
  if (edited) return { kind: 'invalid', message: `The edited document cannot be shown yet: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}` }
  throw new CmsError('invalid-response', `CMS preview of ${pathOf(target)} has an unexpected shape`, { cause: parsed.error, url: pathOf(target) })
}

/** The saved draft's answer; the CMS's 401 and 404 are answers here, not failures. */
const readSaved = async (target: PreviewTarget, token: string): Promise<{ body: unknown; status: number }> => {
  try {
    return { body: await cms.get(pathOf(target), z.unknown(), undefined, { headers: { [PREVIEW_TOKEN_HEADER]: token } }), status: 200 }
  } catch (error) {
    if (error instanceof CmsError && (error.status === 401 || error.status === 404)) return { body: undefined, status: error.status }
    throw error
  }
}

/**
 * Marks a preview answer: stored by no cache (not the route cache, not a CDN, not the browser), kept
 * out of search engines, its token never sent on in a `Referer`, and — once its token was accepted —
 * framable by the admin only (`framed`; every other answer keeps `frame-ancestors 'none'`).
 */
export const markPreview = (astro: Pick<AstroGlobal, 'cache' | 'locals' | 'response'>, { framed }: { framed: boolean }): void => {
  astro.response.headers.set('Cache-Control', 'private, no-store')
  astro.response.headers.set('X-Robots-Tag', 'noindex')
  astro.response.headers.set('Referrer-Policy', 'no-referrer')
  if (astro.cache.enabled) astro.cache.set(false)
  if (framed) astro.locals.frameAncestors = adminOrigin
}

/** The page's response with the admin allowed to frame it, when the page said so (`markPreview`). */
export const withPreviewFraming = (response: Response, frameAncestors: string | undefined): Response => {
  if (frameAncestors === undefined) return response
  const policy = response.headers.get('content-security-policy')
  if (policy) response.headers.set('content-security-policy', framedBy(policy, frameAncestors))
  // Browsers that know frame-ancestors ignore X-Frame-Options; older ones keep refusing the frame.
  return response
}
