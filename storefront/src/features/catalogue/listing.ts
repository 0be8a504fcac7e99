import { z } from 'astro/zod'

import type { QueryValue } from '../cms/whereQuery'

/** Products on one listing page. */
export const PAGE_SIZE = 24

/** How a listing can be ordered, as it appears in the URL, mapped to Payload's `sort`. */
export const sortOrders = {
  newest: { label: 'Newest', sort: '-createdAt' },
  'price-asc': { label: 'Price: low to high', sort: 'price' },
  'price-desc': { label: 'Price: high to low', sort: '-price' },
  name: { label: 'Name', sort: 'title' },
} as const

export type SortKey = keyof typeof sortOrders

/** The largest page number the URL may ask for; beyond it the CMS's offset scan gets pointless. */
const MAX_PAGE = 1000

/**
 * A value that falls back to `undefined` instead of failing: a shared or hand-edited URL with one bad
 * parameter still shows the listing, without that filter.
 */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)

/** A price in the URL, in major units (`12.50`), as whole minor units. Every shop currency has 2 decimals. */
const priceParam = lenient(
  z
    .string()
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/)
    .transform((value) => Math.round(Number(value) * 100)),
)

const listingParamsSchema = z.object({
  inStock: lenient(z.literal('1').transform(() => true)),
  max: priceParam,
  min: priceParam,
  option: z
    .array(z.string().trim().min(1).max(40))
    .max(10)
    .catch([])
    .transform((values) => [...new Set(values)].sort()),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
  sort: z.enum(Object.keys(sortOrders) as [SortKey, ...SortKey[]]).catch('newest'),
})

/** What a listing URL asks for, every field valid (bad ones fall back to no filter, newest, page 1). */
export type ListingParams = {
  /** Only products with something to buy. */
  inStock: boolean
  /** Price bounds in minor units, inclusive. */
  max: number | undefined
  min: number | undefined
  /** Option values (such as `M` or `Red`) a product must offer. */
  option: string[]
  page: number
  sort: SortKey
}

export const parseListingParams = (search: URLSearchParams): ListingParams => {
  const parsed = listingParamsSchema.parse({
    inStock: search.get('inStock') ?? undefined,
    max: search.get('max') ?? undefined,
    min: search.get('min') ?? undefined,
    option: search.getAll('option'),
    page: search.get('page') ?? undefined,
    sort: search.get('sort') ?? undefined,
  })
  return { inStock: parsed.inStock ?? false, max: parsed.max, min: parsed.min, option: parsed.option, page: parsed.page, sort: parsed.sort }
}

const formatPrice = (minor: number): string => (minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2))

/**
 * The URL of a listing at `path` with `params`, default values left out so URLs stay short and each
 * listing has one address (which is also its cache key). `extra` parameters come first (the search term).
 */
export const listingHref = (path: string, params: ListingParams, extra: Record<string, string> = {}): string => {
  const search = new URLSearchParams(extra)
  if (params.min !== undefined) search.set('min', formatPrice(params.min))
  if (params.max !== undefined) search.set('max', formatPrice(params.max))
  if (params.inStock) search.set('inStock', '1')
  for (const value of params.option) search.append('option', value)
  if (params.sort !== 'newest') search.set('sort', params.sort)
  if (params.page > 1) search.set('page', String(params.page))
  return search.size > 0 ? `${path}?${search}` : path
}

/** The `where` clauses the listing's filters add (all of them must hold). */
export const listingFilters = (params: ListingParams): QueryValue[] => {
  const filters: QueryValue[] = []
  if (params.min !== undefined) filters.push({ price: { greater_than_equal: params.min } })
  if (params.max !== undefined) filters.push({ price: { less_than_equal: params.max } })
  if (params.inStock) {
    // A product with variants sells its variants; one without sells its own stock. Payload cannot
    // say "has no variants" in REST, so a variant product whose own (unused) stock field is above 0
    // would also pass. The CMS leaves that field at 0 for variant products by default.
    filters.push({ or: [{ stock: { greater_than: 0 } }, { 'variants.stock': { greater_than: 0 } }] })
  }
  for (const value of params.option) filters.push({ 'options.values': { equals: value } })
  return filters
}
