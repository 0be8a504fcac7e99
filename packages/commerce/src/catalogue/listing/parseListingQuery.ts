import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../database'
import type { CatalogueLocales } from '../../localization/catalogueLocales'

/** A list request the listing projection answers exactly as Payload's find would (see docs/catalogue.md). */
export type ListingQuery = {
  depth: 0 | 1
  limit: number
  /** The locale whose rows answer (the `locale` parameter, else the default locale). */
  locale: string
  orderBy: SQL
  page: number
  /** Top-level fields kept; null: every field. */
  /** Top-level fields to keep; for an array field (`variants`), the fields of its rows to keep, or all. */
  select: null | { fields: Map<string, Set<string> | true>; mode: 'include' }
  /** Whether Payload answers it with a join (a category filter), which changes its empty-page shape. */
  usesJoin: boolean
  where: SQL
  /** The filter as text, for memoising its total. */
  whereKey: string
}

/** Query keys that change Payload's answer; any other key is ignored by Payload, and so here. */
const FALLBACK_KEYS = ['draft', 'fallback-locale', 'joins', 'pagination', 'populate', 'trash']

/** Sortable fields and their projection columns. */
const SORTS: Record<string, string> = { createdAt: 'created_at', id: 'id', price: 'price', slug: 'slug', sku: 'sku', title: 'title', updatedAt: 'updated_at' }

/** A fast-path refusal: the request goes to Payload's own find, which answers (or rejects) it. */
class Unsupported extends Error {}

const unsupported = (): never => {
  throw new Unsupported()
}

const column = (name: string) => sql.identifier(name)

const integerOf = (value: unknown): number => {
  if (typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647) return Number(value)
  return unsupported()
}

const numberOf = (value: unknown): number => {
  if (typeof value === 'string' && /^-?\d{1,15}(\.\d{1,6})?$/.test(value)) return Number(value)
  return unsupported()
}

const textOf = (value: unknown): string => (typeof value === 'string' && value.length <= 500 ? value : unsupported())

/** `in` values: an array, or a comma-separated string (as Payload splits them). */
const listOf = <T>(value: unknown, parse: (item: unknown) => T): T[] => {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : unsupported()
  if (items.length === 0 || items.length > 500) unsupported()
  return items.map(parse)
}

const integers = (values: number[]) => sql`array[${sql.join(values.map((value) => sql`${value}`), sql`, `)}]::integer[]`

type Operators = Record<string, unknown>

/** One field's operators, and-ed, as Payload's SQL would test them. */
const fieldCondition = (field: string, operators: Operators, flags: { usesJoin: boolean }): SQL[] =>
  Object.entries(operators).map(([operator, value]) => {
    switch (`${field}.${operator}`) {
      case 'id.equals':
        return sql`id = ${integerOf(value)}`
      case 'id.in':
        return sql`id = any(${integers(listOf(value, integerOf))})`
      case 'id.not_equals':
        return sql`id <> ${integerOf(value)}`
      case 'id.not_in':
        return sql`id <> all(${integers(listOf(value, integerOf))})`
      case 'sku.equals':
        return sql`${column(field)} = ${textOf(value)}`
      case 'sku.in':
        return sql`${column(field)} in (${sql.join(listOf(value, textOf).map((item) => sql`${item}`), sql`, `)})`
      // Localized fields: Payload answers them with a join on the locales table (its empty-page shape).
      case 'slug.equals':
        flags.usesJoin = true
        return sql`slug = ${textOf(value)}`
      case 'slug.in':
        flags.usesJoin = true
        return sql`slug in (${sql.join(listOf(value, textOf).map((item) => sql`${item}`), sql`, `)})`
      case 'title.equals':
        flags.usesJoin = true
        return sql`title = ${textOf(value)}`
      // Payload's `like`: every space-separated word, case-insensitively, anywhere (wildcards unescaped, as there).
      case 'title.like':
        flags.usesJoin = true
        return sql`(${sql.join(textOf(value).split(' ').map((word) => sql`title ilike ${`%${word}%`}`), sql` and `)})`
      case 'title.contains':
        flags.usesJoin = true
        return sql`title ilike ${`%${textOf(value)}%`}`
      case 'featured.equals':
        return value === 'true' ? sql`featured` : value === 'false' ? sql`not featured` : unsupported()
      case 'price.equals':
        return sql`price = ${numberOf(value)}`
      case 'price.greater_than':
        return sql`price > ${numberOf(value)}`
      case 'price.greater_than_equal':
        return sql`price >= ${numberOf(value)}`
      case 'price.less_than':
        return sql`price < ${numberOf(value)}`
      case 'price.less_than_equal':
        return sql`price <= ${numberOf(value)}`
      case 'categories.equals':
        flags.usesJoin = true
        return sql`category_ids @> ${integers([integerOf(value)])}`
      case 'categories.in':
        flags.usesJoin = true
        return sql`category_ids && ${integers(listOf(value, integerOf))}`
      // Every row is a published product, and the public reads nothing else (`publishedOrStaff`), so for
      // an anonymous reader this clause (the storefront's product page sends it) leaves Payload's answer
      // as it is. Any other status, or operator, goes to Payload.
      case '_status.equals':
        return value === 'published' ? sql`true` : unsupported()
      default:
        return unsupported()
    }
  })

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `and`/`or` lists arrive as arrays, or as objects keyed 0, 1, … when qs gives up on an array. */
const branchesOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : unsupported())

const whereCondition = (where: unknown, flags: { usesJoin: boolean }, depth = 0): SQL => {
  if (!isRecord(where) || depth > 4) return unsupported()
  const parts = Object.entries(where).flatMap(([key, value]): SQL[] => {
    if (key === 'and' || key === 'or') {
      const branches = branchesOf(value).map((branch) => whereCondition(branch, flags, depth + 1))
      if (branches.length === 0) return []
      return [sql`(${sql.join(branches, key === 'and' ? sql` and ` : sql` or `)})`]
    }
    return isRecord(value) ? fieldCondition(key, value, flags) : unsupported()
  })
  return parts.length === 0 ? sql`true` : sql`(${sql.join(parts, sql` and `)})`
}

/** Array fields whose rows' fields may be selected (`select[variants][stock]=true`), as Payload does. */
const NESTED_SELECT = new Set(['variants'])

/**
 * Only `select[<field>]=true` of top-level fields, and `select[variants][<field>]=true` of the
 * variants' own fields (the storefront's cards): Payload's exclusion select (`=false`) and a selected
 * `options` drop the options' values (its hasMany texts), which only its own path repeats.
 */
const selectOf = (value: unknown): ListingQuery['select'] => {
  if (value === undefined) return null
  if (!isRecord(value)) return unsupported()
  const entries = Object.entries(value)
  if (entries.length === 0) return unsupported()
  const fields = new Map<string, Set<string> | true>()
  for (const [key, flag] of entries) {
    if (key === 'id' || key === 'options') return unsupported()
    if (flag === 'true') fields.set(key, true)
    else if (NESTED_SELECT.has(key) && isRecord(flag)) {
      const nested = Object.entries(flag)
      if (nested.length === 0 || nested.some(([sub, subFlag]) => sub === 'id' || subFlag !== 'true' || sub === 'selections')) return unsupported()
      fields.set(key, new Set(nested.map(([sub]) => sub)))
    } else return unsupported()
  }
  return { fields, mode: 'include' }
}

const orderOf = (value: unknown): SQL => {
  const sort = value === undefined ? '-createdAt' : textOf(value)
  const descending = sort.startsWith('-')
  const name = SORTS[descending ? sort.slice(1) : sort] ?? unsupported()
  const direction = descending ? sql`desc` : sql`asc`
  // Payload adds `-createdAt` after any other sort; `id` settles the ties it leaves to chance. Each
  // order is one of the projection's indexes (forwards or backwards), so a page is an index walk.
  if (name === 'created_at' || name === 'id') return sql`${column(name)} ${direction}, id ${direction}`
  return sql`${column(name)} ${direction}, created_at desc, id desc`
}

/**
 * The listing query for an anonymous list request's parsed query string (Payload's `req.query`), or
 * null when the request needs something only Payload's find does (a draft read, depth 2, populate,
 * joins, nested select, another field or operator, a `where` given as JSON, a value that does not
 * parse): that request takes Payload's path, which also gives any error its message.
 * `maxLimit` mirrors the plugin's public page-size cap (`capPageSize`).
 */
export const parseListingQuery = (query: Record<string, unknown>, maxLimit: number, locales: CatalogueLocales): ListingQuery | null => {
  try {
    if (FALLBACK_KEYS.some((key) => key in query)) return null
    // A locale of the catalogue (each has its rows); `all`, `*` or an unknown code is Payload's (or a 400).
    const locale = query.locale === undefined ? locales.defaultLocale : textOf(query.locale)
    if (!locales.codes.includes(locale)) return null
    const depth = query.depth === '0' ? 0 : query.depth === '1' ? 1 : unsupported()
    const requested = query.limit === undefined ? 10 : query.limit === '0' ? 0 : integerOf(query.limit)
    const limit = requested === 0 || requested > maxLimit ? maxLimit : requested
    const page = query.page === undefined ? 1 : integerOf(query.page)
    if (page > 1_000_000) return null
    const flags = { usesJoin: false }
    const filter = query.where === undefined ? sql`true` : whereCondition(query.where, flags)
    const where = sql`locale = ${locale} and ${filter}`
    return { depth, limit, locale, orderBy: orderOf(query.sort), page, select: selectOf(query.select), usesJoin: flags.usesJoin, where, whereKey: JSON.stringify([locale, query.where ?? null]) }
  } catch (error) {
    if (error instanceof Unsupported) return null
    throw error
  }
}
