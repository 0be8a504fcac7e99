import type { AstroGlobal } from 'astro'

import { z } from 'astro/zod'

import { type ProductDetail, productDetailSchema } from '../catalogue/productDetail'
import { cms, cmsMediaOrigin } from '../cms/cms.server'
import { CmsError } from '../cms/cmsError'
import { appendQuery } from '../cms/whereQuery'
import { markUnavailable } from '../errors/pageStatus'
import { type Cart, type Flash, MAX_LINES, parseCart, parseFlash } from './cart'
import { type PricedCart, priceLines } from './pricedCart'

type Session = NonNullable<AstroGlobal['session']>

const CART_KEY = 'cart'
const FLASH_KEY = 'cartFlash'

/** The visitor's cart; an absent or unreadable one is empty. Reading never creates a session. */
export const readCart = async (session: Session | undefined): Promise<Cart> => parseCart(await session?.get<unknown>(CART_KEY))

export const writeCart = (session: Session | undefined, cart: Cart): void => {
  if (!session) throw new Error('Sessions are not configured: the cart cannot be stored')
  session.set<Cart>(CART_KEY, cart)
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

/** The cart priced from the CMS right now; see `priceLines`. Throws `CmsError`. */
export const priceCart = async (cart: Cart): Promise<PricedCart> =>
  priceLines(cart, await findCartProducts(cart.lines.map((line) => line.product)), cmsMediaOrigin)

/**
 * The visitor's cart, priced from the CMS, for a personal page (cart, checkout): lines the check
 * dropped or capped stay that way, so the header count agrees with the page. When the CMS cannot
 * answer, the page is marked 503 and this returns undefined.
 */
export const readPricedCart = async (
  astro: Pick<AstroGlobal, 'cache' | 'response' | 'session'>,
): Promise<PricedCart | undefined> => {
  const cart = await readCart(astro.session)
  try {
    const priced = await priceCart(cart)
    if (JSON.stringify(priced.cart) !== JSON.stringify(cart)) writeCart(astro.session, priced.cart)
    return priced
  } catch (error) {
    if (!(error instanceof CmsError)) throw error
    markUnavailable(astro, error)
    return undefined
  }
}
