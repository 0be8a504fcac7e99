import type { AstroGlobal } from 'astro'

import { z } from 'astro/zod'

import { readCheckoutOptions } from '../checkout/checkoutOptions.server'

type Session = NonNullable<AstroGlobal['session']>

const CURRENCY_KEY = 'currency'
const codeSchema = z.string().regex(/^[A-Z]{3}$/)

/** The currencies the shop sells in and its default (store settings), as the CMS publishes them. Throws `CmsError`. */
export const shopCurrencies = async (): Promise<{ default: string; offered: string[] } | undefined> => (await readCheckoutOptions()).currencies

/**
 * The currency this visitor buys in: the one she chose (kept in her session) while the shop still sells
 * in it, else the shop's default; undefined only for a CMS that publishes no currencies (the products'
 * own). Only personal pages read it (the session is never read on a cached page). Throws `CmsError`.
 */
export const readCurrency = async (session: Session | undefined): Promise<string | undefined> => {
  const currencies = await shopCurrencies()
  if (!currencies) return undefined
  const chosen = codeSchema.safeParse(await session?.get<unknown>(CURRENCY_KEY))
  return chosen.success && currencies.offered.includes(chosen.data) ? chosen.data : currencies.default
}

/** Remembers the visitor's currency for her session (the caller checked the shop sells in it). */
export const chooseCurrency = (session: Session, currency: string): void => {
  session.set(CURRENCY_KEY, currency)
}
