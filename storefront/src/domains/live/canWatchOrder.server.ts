import type { AstroGlobal } from 'astro'

import { readAccount } from '../account/account.server'
import { fetchOrder, placedHere } from '../checkout/checkout.server'
import { CmsError } from '../../platform/cms/cmsError'

type Session = NonNullable<AstroGlobal['session']>

/**
 * Whether this session may follow order `orderId` live: only its owner may — the guest who placed
 * it (holding its guest token in the session), or the signed-in customer the CMS says it belongs to
 * (asked with the customer's own token, never an id the browser sends). Throws `CmsError` when the
 * CMS cannot answer for a customer.
 */
export const canWatchOrder = async (session: Session | undefined, orderId: number): Promise<boolean> => {
  if ((await placedHere(session, orderId))?.guestToken !== undefined) return true
  const account = await readAccount(session)
  if (!account) return false
  try {
    await fetchOrder(orderId, { account })
    return true
  } catch (error) {
    if (error instanceof CmsError && (error.status === 403 || error.status === 404)) return false
    throw error
  }
}
