import { DEFAULT_LOCALE, type Locale, localePath } from './locale'

/** The first path segments of the shop's pages: links to them move into a language's prefix. */
const SHOP_ROUTES = ['p', 'c', 'search', 'cart', 'checkout', 'order', 'account']

/** `href="/…"` and `action="/…"` naming a shop page (or the home page); assets, APIs and absolute URLs do not match. */
const SHOP_LINK = new RegExp(`(\\s(?:href|action)=")(/(?:(?:${SHOP_ROUTES.join('|')})(?=[/?#"])[^"]*)?)(?=")`, 'g')

/**
 * A page's HTML with its links to shop pages in `locale` (`href="/p/hose"` → `href="/de/p/hose"`):
 * the pages and components write shop paths, and the German shop (`middleware.ts`) serves them under
 * `/de/`, so every link and form of a German page stays in German without each one knowing the prefix.
 * Links already in a language (`/de/…`), assets, `/_actions` and absolute URLs are left as they are.
 */
export const localizeLinks = (html: string, locale: Locale): string =>
  locale === DEFAULT_LOCALE ? html : html.replace(SHOP_LINK, (_, attribute: string, path: string) => `${attribute}${localePath(locale, path)}`)
