import type { Payload, PayloadRequest, SanitizedConfig, TypedLocale } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../database'

/** The locales the catalogue keeps texts, listing rows and search documents for. */
export type CatalogueLocales = {
  /** Every locale code, the default first. */
  codes: string[]
  /** The locale read when none is asked for, and the one missing texts fall back to. */
  defaultLocale: string
}

/** Without Payload localization, the catalogue has one locale under this code. */
export const UNLOCALIZED = 'en'

/** The host's locales (Payload's `localization`), or the one `UNLOCALIZED` locale when it has none. */
export const catalogueLocales = (payload: Pick<Payload, 'config'>): CatalogueLocales => localesOf(payload.config.localization)

/** The same from a sanitized config's `localization`. */
export const localesOf = (localization: SanitizedConfig['localization']): CatalogueLocales => {
  if (!localization) return { codes: [UNLOCALIZED], defaultLocale: UNLOCALIZED }
  const { defaultLocale, localeCodes } = localization
  return { codes: [defaultLocale, ...localeCodes.filter((code) => code !== defaultLocale)], defaultLocale }
}

/** What a `locale` query parameter names, or the problem with it. */
export type ParsedLocale = { locale: string; ok: true } | { message: string; ok: false }

/**
 * A client's `locale` parameter: one of the host's codes, or absent (the default locale). Payload's
 * `all` and `*` (every locale at once) are not a catalogue reader's locale, so they are refused too.
 */
export const parseLocaleParam = (locales: CatalogueLocales, value: null | string | undefined): ParsedLocale => {
  if (value === null || value === undefined || value === '') return { locale: locales.defaultLocale, ok: true }
  if (locales.codes.includes(value)) return { locale: value, ok: true }
  return { message: `Unknown locale "${value.slice(0, 20)}": use one of ${locales.codes.join(', ')}.`, ok: false }
}

/**
 * The problem with a request's `locale` and `fallback-locale` query parameters, or null. Payload reads
 * an unknown code as the default locale, silently: a client asking for `fr` would get English and not
 * know, so it is a 400 instead. Payload's own `all`/`*` (every locale) and `none`/`null`/`false` (no
 * fallback) pass.
 */
export const localeQueryProblem = (locales: CatalogueLocales, search: URLSearchParams): null | string => {
  const locale = search.get('locale')
  if (locale !== null && locale !== 'all' && locale !== '*') {
    const parsed = parseLocaleParam(locales, locale)
    if (!parsed.ok) return parsed.message
  }
  const fallback = search.get('fallback-locale')
  if (fallback !== null && !['none', 'null', 'false'].includes(fallback) && !locales.codes.includes(fallback)) {
    return `Unknown fallback-locale "${fallback.slice(0, 20)}": use one of ${locales.codes.join(', ')}, or none.`
  }
  return null
}

/**
 * A localized text column of a collection's row (`<alias>.<column>` before localization) in `locale`,
 * the default locale's where that one is empty: what Payload's fallback reads, for raw SQL. `id` is
 * the row's id expression; `table` the collection's table (its texts are in `<table>_locales`).
 */
export const localizedColumnSql = (payload: Payload, table: string, column: string, id: SQL, locale: string, alias: string): SQL => {
  if (!payload.config.localization) return sql`${sql.identifier(alias)}.${sql.identifier(column)}`
  const texts = sql.identifier(`${table}_locales`)
  const name = sql.identifier(column)
  const { defaultLocale } = payload.config.localization
  return sql`coalesce(
    (select nullif(lt.${name}, '') from ${texts} lt where lt._parent_id = ${id} and lt._locale::varchar = ${locale}),
    (select lt.${name} from ${texts} lt where lt._parent_id = ${id} and lt._locale::varchar = ${defaultLocale}))`
}

/**
 * The Local API's locale options for reading `locale` with the default locale's texts where one is
 * missing (what REST `?locale=<code>` gives an anonymous reader); nothing without localization.
 */
export const readInLocale = (payload: Payload, locale: string): { fallbackLocale?: TypedLocale; locale?: TypedLocale } => {
  const { localization } = payload.config
  // The codes are the host's (checked by `parseLocaleParam`); Payload types them from the host's config.
  return localization ? { fallbackLocale: localization.defaultLocale as TypedLocale, locale: locale as TypedLocale } : {}
}

/** The locale a change was made in, when the host is localized (events name slugs and titles in it). */
export const changeLocale = (req: PayloadRequest): string | undefined => {
  const { localization } = req.payload.config
  return localization ? (req.locale ?? localization.defaultLocale) : undefined
}
