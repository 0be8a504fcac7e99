import type { AstroGlobal } from 'astro'

/** How a preview request ended: shown (`ok`), or why not. */
export type PreviewState = 'bad-request' | 'invalid' | 'not-found' | 'ok' | 'refused' | 'unavailable'

const PROBLEMS: Record<Exclude<PreviewState, 'ok'>, { status: number; text: string }> = {
  'bad-request': { status: 400, text: 'The preview request could not be read.' },
  invalid: { status: 422, text: 'This change cannot be shown yet.' },
  'not-found': { status: 404, text: 'There is nothing to preview here: the document may have been deleted.' },
  refused: { status: 401, text: 'This preview link is not valid, or it has expired. Open the preview again from the admin.' },
  unavailable: { status: 503, text: 'The shop cannot reach its catalogue right now. Please try again in a moment.' },
}

/**
 * Sets the response's status for `state` and returns what to tell the reader (`message`, when the
 * cause is more precise than the state's own text); `undefined` when the preview is shown.
 */
export const previewProblem = (astro: Pick<AstroGlobal, 'response'>, state: PreviewState, message: string): { status: number; text: string } | undefined => {
  if (state === 'ok') return undefined
  const problem = PROBLEMS[state]
  astro.response.status = problem.status
  if (state === 'unavailable') astro.response.headers.set('Retry-After', '30')
  return { status: problem.status, text: message || problem.text }
}
