/**
 * The shop's languages (docs/languages.md): English at the unprefixed addresses it always had, German
 * under `/de/`. The CMS keeps product and category texts per locale (`?locale=de`); the storefront
 * keeps its own words in `dictionary.ts`.
 */
export const LOCALES = ['en', 'de'] as const
export type Locale = (typeof LOCALES)[number]

export const DEFAULT_LOCALE: Locale = 'en'

/** BCP 47 tags: `<html lang>`, `hreflang` and the Intl formats of prices, numbers and dates. */
export const LOCALE_TAGS: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' }

/** Each language's name in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { de: 'Deutsch', en: 'English' }

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

/** The locale an address is in and its path without the locale's prefix: `/de/p/hose` → `de`, `/p/hose`. */
export const splitLocalePath = (pathname: string): { locale: Locale; path: string } => {
  for (const locale of LOCALES) {
    if (locale === DEFAULT_LOCALE) continue
    if (pathname === `/${locale}`) return { locale, path: '/' }
    if (pathname.startsWith(`/${locale}/`)) return { locale, path: pathname.slice(locale.length + 1) }
  }
  return { locale: DEFAULT_LOCALE, path: pathname }
}

/** A shop path (`/p/hose`, `/cart?x=1`) in `locale`: unchanged in English, prefixed otherwise (`/de` for the home page). */
export const localePath = (locale: Locale, path: string): string => {
  if (locale === DEFAULT_LOCALE) return path
  if (path === '/' || path.startsWith('/?')) return `/${locale}${path.slice(1)}`
  return `/${locale}${path}`
}

/** The other languages' addresses of a page, for `hreflang` alternates and the language switch. */
export type Alternate = { href: string; hreflang: string; locale: Locale | 'x-default' }

/**
 * The `hreflang` alternates of a page at `origin`, given its path in each locale (a product's slug
 * differs per language): every locale, then `x-default`, the English page.
 */
export const alternatesOf = (origin: string, pathIn: (locale: Locale) => string): Alternate[] => [
  ...LOCALES.map((locale) => ({ href: new URL(localePath(locale, pathIn(locale)), origin).href, hreflang: LOCALE_TAGS[locale], locale })),
  { href: new URL(pathIn(DEFAULT_LOCALE), origin).href, hreflang: 'x-default', locale: 'x-default' as const },
]
