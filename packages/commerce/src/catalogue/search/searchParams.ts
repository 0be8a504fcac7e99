import { z } from 'zod'

import { type CatalogueLocales, parseLocaleParam } from '../../localization/catalogueLocales'

/** How a search can be ordered; `relevance` (the default with a term) is the text rank. */
export const SEARCH_SORTS = ['relevance', '-createdAt', 'createdAt', 'price', '-price', 'title', '-title'] as const
export type SearchSort = (typeof SEARCH_SORTS)[number]

/** A half-open price range in minor units: `min <= price < max`, either side open. */
export type PriceRange = { max: number | undefined; min: number | undefined }

/** A nested Payload `select` (`select[variants][stock]=true`). */
export type SelectShape = { [field: string]: boolean | SelectShape }

export type SearchParams = {
  /** Categories (ids) a product must sit in, directly or below; any of them. */
  categories: number[]
  /** The currency prices are filtered and banded in. */
  currency: string
  depth: number
  /** `true`: only what can be bought now; `false`: only what cannot; undefined: both. */
  inStock: boolean | undefined
  limit: number
  /** The locale searched: its search documents (texts with the default locale's where missing) and documents. */
  locale: string
  /** Option name → values, any of which a product must offer; every name must hold. */
  options: Map<string, string[]>
  page: number
  /** Price ranges, any of which a product's lowest price must fall in. */
  prices: PriceRange[]
  /** The search term (websearch syntax); empty browses everything. */
  q: string
  select: SelectShape | undefined
  sort: SearchSort
}

export type SearchParamsLimits = {
  currencies: readonly string[]
  defaultCurrency: string
  locales: CatalogueLocales
  maxLimit: number
}

export const MAX_QUERY_LENGTH = 200
export const MAX_PAGE = 1000
const MAX_REPEATS = 20
const MAX_DEPTH = 2

const SINGLE = ['q', 'currency', 'inStock', 'sort', 'page', 'limit', 'depth', 'locale'] as const
const REPEATABLE = ['category', 'price'] as const

const positiveInt = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((value) => value >= 1 && value <= max, `${name} must be between 1 and ${max}`)

const priceRange = z
  .string()
  .regex(/^(\d{0,10})-(\d{0,10})$/, 'price must be a range of minor units such as 1000-2500, -2500 or 1000-')
  .transform((value): PriceRange => {
    const [min = '', max = ''] = value.split('-')
    return { max: max === '' ? undefined : Number(max), min: min === '' ? undefined : Number(min) }
  })
  .refine((range) => range.min !== undefined || range.max !== undefined, 'price needs at least one bound')
  .refine((range) => range.min === undefined || range.max === undefined || range.min < range.max, 'price must have its lower bound below the upper')

/** Postgres cannot store a NUL, and no product text holds control characters. */
const CONTROL = /[\u0000-\u001f\u007f]/

const optionPart = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `option ${what} must not be empty`)
    .max(40, `option ${what} must be at most 40 characters`)
    .refine((value) => !CONTROL.test(value), `option ${what} must not contain control characters`)

/** `select[a][b]` → `['a', 'b']`; anything else is not a select key. */
const selectPath = (key: string): string[] | undefined => {
  const match = /^select((?:\[[A-Za-z0-9_]{1,64}\]){1,4})$/.exec(key)
  return match?.[1]?.slice(1, -1).split('][')
}

const setSelect = (shape: SelectShape, path: string[], value: boolean): void => {
  const [head, ...rest] = path
  if (head === undefined) return
  if (rest.length === 0) {
    shape[head] = value
    return
  }
  const child = shape[head]
  const next: SelectShape = typeof child === 'object' ? child : {}
  shape[head] = next
  setSelect(next, rest, value)
}

/**
 * Reads a search request's query string. Every parameter is checked; an unknown one, a repeated
 * single one or a bad value is a problem (the endpoint answers 400 with all of them), never ignored.
 */
export const parseSearchParams = (
  search: URLSearchParams,
  limits: SearchParamsLimits,
): { ok: true; params: SearchParams } | { ok: false; problems: string[] } => {
  const problems: string[] = []
  const check = <T>(schema: z.ZodType<T>, value: string): T | undefined => {
    const result = schema.safeParse(value)
    if (result.success) return result.data
    problems.push(...result.error.issues.map((issue) => issue.message))
    return undefined
  }

  const options = new Map<string, string[]>()
  let select: SelectShape | undefined
  let optionCount = 0
  const keys = new Set(search.keys())
  for (const key of keys) {
    const values = search.getAll(key)
    if ((SINGLE as readonly string[]).includes(key)) {
      if (values.length > 1) problems.push(`${key} may be given once`)
    } else if ((REPEATABLE as readonly string[]).includes(key)) {
      if (values.length > MAX_REPEATS) problems.push(`${key} may be given at most ${MAX_REPEATS} times`)
    } else if (key.startsWith('option[') && key.endsWith(']')) {
      const name = check(optionPart('names'), key.slice('option['.length, -1))
      const chosen = values.map((value) => check(optionPart('values'), value)).filter((value) => value !== undefined)
      optionCount += values.length
      if (name !== undefined) options.set(name, [...new Set([...(options.get(name) ?? []), ...chosen])].sort())
    } else if (selectPath(key)) {
      const path = selectPath(key) ?? []
      for (const value of values) {
        if (value !== 'true' && value !== 'false') problems.push(`${key} must be true or false`)
        else setSelect((select ??= {}), path, value === 'true')
      }
    } else {
      problems.push(`unknown parameter "${key.slice(0, 60)}"`)
    }
  }
  if (optionCount > MAX_REPEATS) problems.push(`at most ${MAX_REPEATS} option values may be chosen`)

  const one = (key: (typeof SINGLE)[number]): string | undefined => search.get(key) ?? undefined
  const q = one('q')?.trim() ?? ''
  if (q.length > MAX_QUERY_LENGTH) problems.push(`q must be at most ${MAX_QUERY_LENGTH} characters`)
  if (CONTROL.test(q)) problems.push('q must not contain control characters')
  const currency = one('currency') ?? limits.defaultCurrency
  if (!limits.currencies.includes(currency)) problems.push(`currency must be one of ${limits.currencies.join(', ')}`)
  const parsedLocale = parseLocaleParam(limits.locales, one('locale'))
  if (!parsedLocale.ok) problems.push(parsedLocale.message)
  const inStockValue = one('inStock')
  const inStock = inStockValue === undefined ? undefined : check(z.enum(['true', 'false', '1', '0'], { message: 'inStock must be true or false' }), inStockValue)
  const sortValue = one('sort')
  const sort = sortValue === undefined ? (q === '' ? '-createdAt' : 'relevance') : check(z.enum(SEARCH_SORTS, { message: `sort must be one of ${SEARCH_SORTS.join(', ')}` }), sortValue)
  const pageValue = one('page')
  const page = pageValue === undefined ? 1 : check(positiveInt('page', MAX_PAGE), pageValue)
  const limitValue = one('limit')
  const limit = limitValue === undefined ? 10 : check(positiveInt('limit', limits.maxLimit), limitValue)
  const depthValue = one('depth')
  const depth = depthValue === undefined ? 1 : check(z.enum(['0', '1', '2'], { message: `depth must be 0 to ${MAX_DEPTH}` }).transform(Number), depthValue)
  const categories = search.getAll('category').map((value) => check(positiveInt('category', 2_147_483_647), value))
  const prices = search.getAll('price').map((value) => check(priceRange, value))

  if (problems.length > 0 || !parsedLocale.ok || sort === undefined || page === undefined || limit === undefined || depth === undefined) {
    return { ok: false, problems: problems.length > 0 ? problems : ['invalid search parameters'] }
  }
  return {
    ok: true,
    params: {
      categories: [...new Set(categories.filter((id) => id !== undefined))].sort((a, b) => a - b),
      currency,
      depth,
      inStock: inStock === undefined ? undefined : inStock === 'true' || inStock === '1',
      limit,
      locale: parsedLocale.locale,
      options,
      page,
      prices: prices.filter((range) => range !== undefined),
      q,
      select,
      sort,
    },
  }
}
