import type { AstroGlobal } from 'astro'
import type { z } from 'astro/zod'

import type { PreviewCollection } from '@showroom/shared-types/preview'

import { CmsError } from '../cms/cmsError'
import { log } from '../observability/log'
import { markPreview, previewEnabled, previewTokenValid, readPreview } from './preview.server'
import { readPreviewRequest } from './previewRequest'
import { previewProblem, type PreviewState } from './previewState'

/** What a preview page renders: the document, or the problem to show instead. */
export type PreviewPage<T> = {
  doc: T | undefined
  /** A Live Preview request (a POST of unsaved edits): the page renders its region alone. */
  fragment: boolean
  /** Why nothing is shown, with the status already set on the response. */
  problem: { status: number; text: string } | undefined
  state: PreviewState
}

/**
 * Everything a preview page does before it renders (docs/preview.md): reads the request, checks the
 * token, asks the CMS for the draft (or the posted edits) and parses it with the real page's `schema`,
 * then marks the response (never cached, noindex, framable by the admin only when the token was good).
 */
export const loadPreviewPage = async <T>(astro: Pick<AstroGlobal, 'cache' | 'locals' | 'params' | 'request' | 'response' | 'url'>, collection: PreviewCollection, schema: z.ZodType<T>): Promise<PreviewPage<T>> => {
  const request = previewEnabled ? await readPreviewRequest(astro, collection) : ({ kind: 'not-found' } as const)
  let state: PreviewState = request.kind === 'ok' ? 'ok' : request.kind
  let doc: T | undefined
  let message = request.kind === 'bad-request' ? request.message : ''
  if (request.kind === 'ok') {
    if (!(await previewTokenValid(request.token, request.target))) state = 'refused'
    else {
      try {
        const read = await readPreview(request.target, request.token, schema, request.edited)
        if (read.kind === 'ok') doc = read.doc
        else state = read.kind === 'gone' ? 'not-found' : read.kind
        if (read.kind === 'invalid') message = read.message
        if (read.kind === 'refused') log.error('The CMS refused a preview token this storefront accepted: is PREVIEW_SECRET the same in both apps?', { collection })
      } catch (error) {
        if (!(error instanceof CmsError)) throw error
        log.error('CMS unavailable: preview answered 503', { err: error })
        state = 'unavailable'
      }
    }
  }
  markPreview(astro, { framed: state === 'ok' })
  return { doc, fragment: astro.request.method === 'POST', problem: previewProblem(astro, state, message), state }
}

/** Live Preview's answer when an edit cannot be shown: what is wrong, as text, never cached. */
export const problemResponse = (astro: Pick<AstroGlobal, 'response'>, problem: { status: number; text: string }): Response =>
  new Response(problem.text, { headers: { ...Object.fromEntries(astro.response.headers), 'content-type': 'text/plain; charset=utf-8' }, status: problem.status })
