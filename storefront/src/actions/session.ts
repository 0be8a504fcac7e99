import { ActionError, type ActionAPIContext } from 'astro:actions'

import { CmsError } from '../platform/cms/cmsError'
import { log } from '../platform/observability/log'

export type ActionSession = NonNullable<ActionAPIContext['session']>

/** The visitor's session; actions cannot work without one. */
export const sessionOf = (context: ActionAPIContext): ActionSession => {
  if (!context.session) throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: 'Sessions are not available.' })
  return context.session
}

/**
 * Runs `work`, turning a CMS that cannot answer into a 503 the shopper can act on (`message`).
 * The error itself goes to the log.
 */
export const whileCmsAnswers = async <T>(work: () => Promise<T>, message: string): Promise<T> => {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof CmsError)) throw error
    log.error('CMS unavailable during an action', { err: error })
    throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message })
  }
}
