import { z } from 'astro/zod'

/** Products on one listing page. */
export const PAGE_SIZE = 24

/** How a listing can be ordered, as it appears in the URL, mapped to the CMS search's `sort` (their names: the dictionary's `listing.sorts`). */
export const sortOrders = {
  relevance: { sort: 'relevance' },
  newest: { sort: '-createdAt' },
  'price-asc': { sort: 'price' },
  'price-desc': { sort: '-price' },
  name: { sort: 'title' },
} as const

export type SortKey = keyof typeof sortOrders

/** The largest page number the URL may ask for; the CMS refuses more. */
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

/** Repeated values, each valid or dropped, once each, sorted: one listing, one URL. */
const repeated = (item: z.ZodType<string>, max: number) =>
  z
    .array(z.string())
    .catch([])
    .transform((values) => [...new Set(values.flatMap((value) => (item.safeParse(value).success ? [value.trim()] : [])))].sort().slice(0, max))

const listingParamsSchema = z.object({
  category: repeated(z.string().trim().regex(/^[a-z0-9-]{1,120}$/), 20),
  inStock: lenient(z.literal('1').transform(() => true)),
  max: priceParam,
  min: priceParam,
  option: repeated(z.string().trim().regex(/^[^:\s\p{Cc}][^:\p{Cc}]{0,39}:[^\s\p{Cc}][^\p{Cc}]{0,39}$/u), 20),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
  price: repeated(z.string().trim().regex(/^\d{1,7}-(\d{1,7})?$/), 10),
  sort: z.enum(Object.keys(sortOrders) as [SortKey, ...SortKey[]]).optional().catch(undefined),
})

/** What a listing URL asks for, every field valid (bad ones fall back to no filter, the default order, page 1). */
export type ListingParams = {
  /** Categories (slugs) to narrow a search to; any of them. */
  category: string[]
  /** Only products with something to buy. */
  inStock: boolean
  /** A price range of the shopper's own, in minor units, inclusive. */
  max: number | undefined
  min: number | undefined
  /** Option values a product must offer, as `Name:Value` (`Size:M`); any value of one option, every option. */
  option: string[]
  page: number
  /** Price bands (`25-50`, `200-`: major units, lower bound included, upper excluded); any of them. */
  price: string[]
  sort: SortKey
}

/** `sort` when the URL gives none: `newest` on category pages, `relevance` on search results. */
export const parseListingParams = (search: URLSearchParams, defaultSort: SortKey = 'newest'): ListingParams => {
  const parsed = listingParamsSchema.parse({
    category: search.getAll('category'),
    inStock: search.get('inStock') ?? undefined,
    max: search.get('max') ?? undefined,
    min: search.get('min') ?? undefined,
    option: search.getAll('option'),
    page: search.get('page') ?? undefined,
    price: search.getAll('price'),
    sort: search.get('sort') ?? undefined,
  })
  return {
    category: parsed.category,
    inStock: parsed.inStock ?? false,
    max: parsed.max,
    min: parsed.min,
    option: parsed.option,
    page: parsed.page,
    price: parsed.price,
    sort: parsed.sort ?? defaultSort,
  }
}

const formatPrice = (minor: number): string => (minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2))

/** The URL value of a price band given in minor units (`2500`…`5000` → `25-50`; no upper bound → `200-`). */
export const priceBandKey = (min: number, max: number | undefined): string => `${formatPrice(min)}-${max === undefined ? '' : formatPrice(max)}`

/**
 * The URL of a listing at `path` with `params`, default values left out so URLs stay short and each
 * listing has one address (which is also its cache key), parameters always in this order. `extra`
 * parameters come first (the search term).
 */
export const listingHref = (path: string, params: ListingParams, extra: Record<string, string> = {}, defaultSort: SortKey = 'newest'): string => {
  const search = new URLSearchParams(extra)
  for (const slug of params.category) search.append('category', slug)
  for (const band of params.price) search.append('price', band)
  if (params.min !== undefined) search.set('min', formatPrice(params.min))
  if (params.max !== undefined) search.set('max', formatPrice(params.max))
  if (params.inStock) search.set('inStock', '1')
  for (const value of params.option) search.append('option', value)
  if (params.sort !== defaultSort) search.set('sort', params.sort)
  if (params.page > 1) search.set('page', String(params.page))
  return search.size > 0 ? `${path}?${search}` : path
}

/** The parameters a listing reads (search results add `q` and `category`). */
export const LISTING_KEYS = ['price', 'min', 'max', 'inStock', 'option', 'sort', 'page'] as const

/**
 * `url` with only the `keys` a listing reads, as `listingHref` would spell them: when it differs from
 * the canonical href, the listing redirects there (a submitted form's empty fields, another order).
 * Other parameters (tracking and the like) are not the listing's business and cause no redirect.
 */
export const listingPart = (url: URL, keys: readonly string[]): string => {
  const search = new URLSearchParams([...url.searchParams].filter(([key]) => keys.includes(key)))
  return search.size > 0 ? `${url.pathname}?${search}` : url.pathname
}

/** Price bands and the shopper's own range, as the CMS search's half-open minor-unit ranges. */
const priceRanges = (params: ListingParams): string[] => {
  // A band upside down (`50-25`, `0-0`) finds nothing; leaving it out beats a refused request.
  const bands = params.price.flatMap((band) => {
    const [min = '', max = ''] = band.split('-')
    return max !== '' && Number(max) <= Number(min) ? [] : [`${Number(min) * 100}-${max === '' ? '' : Number(max) * 100}`]
  })
  // The shopper's max is inclusive; the CMS's upper bound is not.
  const own = (params.min !== undefined || params.max !== undefined) && !(params.min !== undefined && params.max !== undefined && params.min > params.max) ? [`${params.min ?? 0}-${params.max === undefined ? '' : params.max + 1}`] : []
  return [...bands, ...own]
}

/**
 * The CMS search query (`GET /products/search`) for a listing: the term, the categories (ids),
 * every filter, the order and the page.
 */
export const searchQuery = (params: ListingParams, { categoryIds, limit, q }: { categoryIds: number[]; limit: number; q: string }): URLSearchParams => {
  const query = new URLSearchParams()
  if (q !== '') query.set('q', q)
  for (const id of categoryIds) query.append('category', String(id))
  for (const range of priceRanges(params)) query.append('price', range)
  if (params.inStock) query.set('inStock', 'true')
  for (const value of params.option) {
    const separator = value.indexOf(':')
    query.append(`option[${value.slice(0, separator)}]`, value.slice(separator + 1))
  }
  query.set('sort', sortOrders[params.sort].sort)
  query.set('page', String(params.page))
  query.set('limit', String(limit))
  return query
}
