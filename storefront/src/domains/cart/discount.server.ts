import type { AstroGlobal } from 'astro'

import type { SignedIn } from '../account/account'
import { authHeaders } from '../account/account.server'
import { cms } from '../../platform/cms/cms.server'
import { CmsError, cmsErrorMessages } from '../../platform/cms/cmsError'
import type { Cart } from './cart'
import { type CartDiscount, discountCodeInput, discountQuoteSchema, refusedCodeSchema } from './discount'

type Session = NonNullable<AstroGlobal['session']>

const CODE_KEY = 'discountCode'

/** The code the shopper applied, kept in the session until removed or an order is placed. */
export const readDiscountCode = async (session: Session | undefined): Promise<string | undefined> => {
  const parsed = discountCodeInput.safeParse(await session?.get<unknown>(CODE_KEY))
  return parsed.success ? parsed.data : undefined
}

export const saveDiscountCode = (session: Session, code: string | undefined): void => {
  if (code === undefined) session.delete(CODE_KEY)
  else session.set(CODE_KEY, code)
}

/**
 * The CMS checks no more codes from this shopper for now (429, against code guessing): `cmsMessage` says
 * how long to wait. A `CmsError`, so a page that only shows a stored code's discount shows none meanwhile.
 */
export class TooManyCodeChecks extends CmsError {
  readonly cmsMessage: string

  constructor(cmsMessage: string, url: string) {
    super('status', `CMS answered 429 for POST ${url}`, { status: 429, url })
    this.cmsMessage = cmsMessage
  }
}

/**
 * What the CMS takes off `cart` with `code` and its automatic promotions (`POST /promotions/apply`),
 * in the cart's currency (fixed amounts and minimums are per currency):
 * `applied` with the saving, or `refused` with the CMS's reason and the saving without the code. The
 * storefront computes nothing itself. Throws `CmsError` when the CMS cannot answer or refuses the cart.
 */
export const quoteCart = async (cart: Cart, code: string | undefined, options: { account?: SignedIn; currency?: string } = {}): Promise<CartDiscount> => {
  const items = cart.lines.map((line) => ({ product: line.product, quantity: line.quantity, ...(line.variant ? { variant: line.variant } : {}) }))
  const body = { items, ...(code ? { code } : {}), ...(options.currency ? { currency: options.currency } : {}) }
  const url = '/promotions/apply'
  const { body: answer, status } = await cms.post(url, body, { headers: options.account ? authHeaders(options.account) : {} })
  if (status === 200) {
    const quote = discountQuoteSchema.safeParse(answer)
    if (!quote.success) throw new CmsError('invalid-response', `CMS answer to POST ${url} has an unexpected shape`, { cause: quote.error, url })
    return { code, kind: 'applied', quote: quote.data }
  }
  if (status === 429) throw new TooManyCodeChecks(cmsErrorMessages(answer)[0] ?? '', url)
  const refused = refusedCodeSchema.safeParse(answer)
  if (status === 422 && refused.success && code) {
    const [first] = refused.data.errors
    if (first) return { code, kind: 'refused', message: first.message, quote: first.data.quote, reason: first.data.reason }
  }
  throw new CmsError('status', `CMS answered ${status} for POST ${url}`, { status, url })
}

/**
 * The discount for a personal page (cart, checkout): the session's code and the automatic promotions,
 * as the CMS computes them. A stored code the CMS now refuses is dropped from the session (the answer
 * says why). When the CMS cannot answer, the page shows no discount: checkout decides in the end.
 */
export const readCartDiscount = async (
  session: Session | undefined,
  cart: Cart,
  options: { account?: SignedIn; currency?: string } = {},
): Promise<CartDiscount | undefined> => {
  if (cart.lines.length === 0) return undefined
  const code = await readDiscountCode(session)
  try {
    const discount = await quoteCart(cart, code, options)
    if (discount.kind === 'refused' && session) saveDiscountCode(session, undefined)
    return discount
  } catch (error) {
    if (!(error instanceof CmsError)) throw error
    return undefined
  }
}
