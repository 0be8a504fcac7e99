import type { AstroGlobal } from 'astro'

import { z } from 'astro/zod'

import { type ProductDetail, productDetailSchema } from '../catalogue/productDetail'
import { cms, cmsMediaOrigin } from '../../platform/cms/cms.server'
import { CmsError } from '../../platform/cms/cmsError'
import { appendQuery } from '../../platform/cms/whereQuery'
import { markUnavailable } from '../../platform/http/pageStatus'
import type { SignedIn } from '../account/account'
import { fetchMe, forgetAccount, readAccount, updateMe } from '../account/account.server'
import { type Cart, type Flash, MAX_LINES, mergeCarts, parseCart, parseFlash } from './cart'
import { readCurrency } from './currency.server'
import { type PricedCart, priceLines } from './pricedCart'
import { dictionaryOf } from '../i18n/dictionary'
import type { Locale } from '../i18n/locale'

type Session = NonNullable<AstroGlobal['session']>

const CART_KEY = 'cart'
const FLASH_KEY = 'cartFlash'

/** The cart kept in the session (a guest's); an absent or unreadable one is empty. Reading never creates a session. */
const readGuestCart = async (session: Session | undefined): Promise<Cart> => parseCart(await session?.get<unknown>(CART_KEY))

/**
 * The visitor's cart. A guest's lives in the session; a signed-in customer's is saved on their CMS
 * account, so every device they sign in on shows the same one. When the CMS no longer accepts the
 * customer's token, the session is signed out and the guest cart is shown. Throws `CmsError` when
 * the CMS cannot answer for a signed-in customer.
 */
export const readCart = async (session: Session | undefined): Promise<Cart> => {
  const account = await readAccount(session)
  if (!account) return readGuestCart(session)
  const me = await fetchMe(account)
  if (me !== 'signed-out') return parseCart(me.cart)
  forgetAccount(session)
  return readGuestCart(session)
}

/**
 * Stores the visitor's cart where `readCart` finds it. A customer whose token the CMS refuses is
 * signed out and the cart kept as the session's, to be merged again at the next sign-in: nothing the
 * shopper chose is lost. Throws `CmsError` when the CMS cannot answer or refuses the cart.
 */
export const writeCart = async (session: Session | undefined, cart: Cart): Promise<void> => {
  if (!session) throw new Error('Sessions are not configured: the cart cannot be stored')
  const account = await readAccount(session)
  if (account) {
    const result = await updateMe(account, { cart })
    if (result === 'saved') return
    if (result !== 'signed-out') {
      throw new CmsError('status', `CMS refused the saved cart: ${result.message}`, { status: result.status, url: `/users/${account.user.id}` })
    }
    forgetAccount(session)
  }
  session.set<Cart>(CART_KEY, cart)
}

/**
 * Folds the session's guest cart into the account's saved cart (`savedCart`, as the CMS sent it at
 * sign-in) and saves the result on the account, before the session becomes the customer's. Returns
 * the notices to show. Throws `CmsError` when the CMS cannot save it: the caller then keeps the
 * visitor signed out, with their guest cart untouched.
 */
export const adoptGuestCart = async (session: Session, account: SignedIn, savedCart: unknown): Promise<Flash> => {
  const guest = await readGuestCart(session)
  if (guest.lines.length === 0) return []
  const { cart, dropped } = mergeCarts(parseCart(savedCart), guest)
  const result = await updateMe(account, { cart })
  if (result !== 'saved') {
    const reason = result === 'signed-out' ? 'the account refused the sign-in' : result.message
    throw new CmsError('status', `CMS did not save the merged cart: ${reason}`, { url: `/users/${account.user.id}` })
  }
  session.delete(CART_KEY)
  if (dropped === 0) return [{ kind: 'info', text: 'The items you added before signing in are in your cart.' }]
  return [{ kind: 'error', text: `Your cart is full: ${dropped} of the items you added before signing in did not fit.` }]
}

/** Keeps messages for the next page the visitor sees (post-redirect-get). */
export const addFlash = async (session: Session | undefined, flash: Flash): Promise<void> => {
  if (!session || flash.length === 0) return
  const earlier = parseFlash(await session.get<unknown>(FLASH_KEY))
  session.set<Flash>(FLASH_KEY, [...earlier, ...flash].slice(-10))
}

/** The waiting messages, removed as they are read. */
export const takeFlash = async (session: Session | undefined): Promise<Flash> => {
  if (!session) return []
  const flash = parseFlash(await session.get<unknown>(FLASH_KEY))
  if (flash.length > 0) session.delete(FLASH_KEY)
  return flash
}

const productsSchema = z.object({ docs: z.array(productDetailSchema) })

/** The published products among `ids`, in ONE CMS request (depth 1 for images). Throws `CmsError`. */
export const findCartProducts = async (ids: readonly number[]): Promise<ProductDetail[]> => {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  const query = appendQuery(new URLSearchParams({ depth: '1', limit: String(MAX_LINES) }), 'where', {
    and: [{ id: { in: unique } }, { _status: { equals: 'published' } }],
  })
  const { docs } = await cms.get('/products', productsSchema, query)
  return docs
}

/** The cart priced from the CMS right now, in `currency` (none: each product's own), notices in `locale`; see `priceLines`. Throws `CmsError`. */
export const priceCart = async (cart: Cart, locale: Locale, currency?: string): Promise<PricedCart> =>
  priceLines(cart, await findCartProducts(cart.lines.map((line) => line.product)), cmsMediaOrigin, dictionaryOf(locale).cartMessages, currency)

/**
 * The visitor's cart, priced from the CMS, for a personal page (cart, checkout): lines the check
 * dropped or capped stay that way, so the header count agrees with the page. When the CMS cannot
 * answer, the page is marked 503 and this returns undefined.
 */
export const readPricedCart = async (
  astro: Pick<AstroGlobal, 'cache' | 'locals' | 'response' | 'session'>,
): Promise<PricedCart | undefined> => {
  try {
    const [cart, currency] = await Promise.all([readCart(astro.session), readCurrency(astro.session)])
    const priced = await priceCart(cart, astro.locals.locale, currency)
    if (JSON.stringify(priced.cart) !== JSON.stringify(cart)) await writeCart(astro.session, priced.cart)
    return priced
  } catch (error) {
    if (!(error instanceof CmsError)) throw error
    markUnavailable(astro, error)
    return undefined
  }
}
