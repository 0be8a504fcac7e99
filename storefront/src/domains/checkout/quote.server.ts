import { cms } from '../../platform/cms/cms.server'
import { CmsError } from '../../platform/cms/cmsError'
import type { CartLine } from '../cart/cart'
import { z } from 'astro/zod'

import type { SignedIn } from '../account/account'
import { authHeaders } from '../account/account.server'
import { type QuoteResult, quoteRequest, quoteSchema, type QuoteTarget } from './quote'

/** Payload's error envelope, as the CMS's 400s carry it. */
const refusalSchema = z.object({ errors: z.array(z.object({ message: z.string().min(1).max(1000) })).min(1) })

/**
 * Asks the CMS what the cart costs to `country` (promotions and the code, shipping by its zone, tax by
 * its rate): the figures the checkout page shows, as the signed-in customer when there is one (her
 * per-customer limits). A 400 is the shop's reason it would refuse the order (no shipping there,
 * not sold in the currency), shown as is; undefined when the CMS cannot answer (the page still works,
 * the order is priced when placed).
 */
export const readQuote = async (lines: readonly CartLine[], to: QuoteTarget, account?: SignedIn): Promise<QuoteResult | undefined> => {
  if (lines.length === 0) return undefined
  try {
    const { body, status } = await cms.post('/orders/quote', quoteRequest(lines, to), { headers: account ? authHeaders(account) : {} })
    if (status === 200) {
      const parsed = quoteSchema.safeParse(body)
      return parsed.success ? { quote: parsed.data } : undefined
    }
    const refusal = refusalSchema.safeParse(body)
    return status === 400 && refusal.success ? { message: refusal.data.errors[0]?.message ?? '' } : undefined
  } catch (error) {
    if (error instanceof CmsError) return undefined
    throw error
  }
}
