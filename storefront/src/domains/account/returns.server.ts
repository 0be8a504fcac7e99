import type { OrderViewer } from '../checkout/checkout.server'
import type { ReturnForm } from './returns'

import { cms } from '../../platform/cms/cms.server'
import { CmsError, cmsErrorMessages } from '../../platform/cms/cmsError'
import { authHeaders } from './account.server'

/**
 * Sends a return request for the order to the CMS as its customer (or the guest holding its checkout
 * token). Answers `{ kind: 'refused', message }` with the CMS's reason (not delivered, too many, not
 * yours); throws `CmsError` when the CMS cannot answer.
 */
export const requestReturn = async (form: ReturnForm, viewer: OrderViewer): Promise<{ kind: 'requested' } | { kind: 'refused'; message: string }> => {
  const url = `/orders/${form.orderId}/returns`
  const headers = 'account' in viewer ? authHeaders(viewer.account) : { 'x-order-token': viewer.guestToken }
  const { body, status } = await cms.post(url, { lines: form.lines, reason: form.reason }, { headers })
  if (status === 201) return { kind: 'requested' }
  const [message] = cmsErrorMessages(body)
  if (status >= 400 && status < 500 && message !== undefined) return { kind: 'refused', message }
  throw new CmsError('status', `CMS answered ${status} for POST ${url}`, { status, url })
}
