import { z } from 'astro/zod'

import { type ListingParams, priceBandKey } from './listing'
import { dictionaryOf } from '../i18n/dictionary'
import { formatsOf } from '../i18n/formats'
import type { Locale } from '../i18n/locale'

const count = z.number().int().min(0)

/** The facets of a CMS search answer (`GET /products/search`): counts over the term's matches. */
export const searchFacetsSchema = z.object({
  categories: z.array(z.object({ count, id: z.number().int(), parent: z.number().int().nullable(), slug: z.string(), title: z.string() })),
  inStock: z.object({ false: count, true: count }),
  options: z.array(z.object({ name: z.string(), values: z.array(z.object({ count, value: z.string() })) })),
  price: z.object({ bands: z.array(z.object({ count, max: z.number().int().nullish(), min: z.number().int() })), currency: z.string() }),
})

export type SearchFacets = z.infer<typeof searchFacetsSchema>

/** One value a shopper can tick: what the form submits, what it shows, and how many products it finds. */
export type FacetValue = { checked: boolean; count: number; depth: number; label: string; name: string; value: string }
export type FacetGroup = { label: string; values: FacetValue[] }

/**
 * The facet groups a listing shows, in form order (category, price, options). A value that finds
 * nothing is left out, unless it is ticked (so it can be unticked). `categories: false` leaves the
 * category group out (a category page shows its subcategories instead).
 */
export const facetGroups = (
  facets: SearchFacets,
  params: ListingParams,
  { categories = true, locale }: { categories?: boolean; locale: Locale },
): FacetGroup[] => {
  const words = dictionaryOf(locale).listing
  const { money } = formatsOf(locale)
  const groups: FacetGroup[] = []
  if (categories) groups.push({ label: words.category, values: categoryValues(facets, params) })
  const bands = facets.price.bands.map((band) => {
    const key = priceBandKey(band.min, band.max ?? undefined)
    const label =
      band.max == null
        ? words.andUp(money(band.min, facets.price.currency))
        : `${money(band.min, facets.price.currency)} – ${money(band.max, facets.price.currency)}`
    return { checked: params.price.includes(key), count: band.count, depth: 0, label, name: 'price', value: key }
  })
  groups.push({ label: words.price, values: bands })
  for (const option of facets.options) {
    groups.push({
      label: option.name,
      values: option.values.map(({ count, value }) => {
        const key = `${option.name}:${value}`
        return { checked: params.option.includes(key), count, depth: 0, label: value, name: 'option', value: key }
      }),
    })
  }
  // Ticked values the counts no longer mention (nothing matches them) stay, at zero, to be unticked.
  for (const key of params.option) {
    const [name = '', value = ''] = key.split(/:(.*)/s)
    const group = groups.find((candidate) => candidate.label === name) ?? { label: name, values: [] }
    if (!groups.includes(group)) groups.push(group)
    if (!group.values.some((item) => item.value === key)) group.values.push({ checked: true, count: 0, depth: 0, label: value, name: 'option', value: key })
  }
  return groups.map((group) => ({ ...group, values: group.values.filter((value) => value.count > 0 || value.checked) })).filter((group) => group.values.length > 0)
}

/** The categories as a tree in depth-first order (each with its depth), titles sorted among siblings. */
const categoryValues = (facets: SearchFacets, params: ListingParams): FacetValue[] => {
  const present = new Set(facets.categories.map((category) => category.id))
  const children = new Map<null | number, SearchFacets['categories']>()
  for (const category of facets.categories) {
    // A category whose parent has no matches of its own cannot happen (a product counts for every
    // ancestor); treat one anyway as a root rather than lose it.
    const parent = category.parent !== null && present.has(category.parent) ? category.parent : null
    children.set(parent, [...(children.get(parent) ?? []), category])
  }
  const values: FacetValue[] = []
  const walk = (parent: null | number, depth: number): void => {
    for (const category of (children.get(parent) ?? []).sort((a, b) => a.title.localeCompare(b.title))) {
      values.push({ checked: params.category.includes(category.slug), count: category.count, depth, label: category.title, name: 'category', value: category.slug })
      if (depth < 20) walk(category.id, depth + 1)
    }
  }
  walk(null, 0)
  for (const slug of params.category) {
    if (!values.some((value) => value.value === slug)) values.push({ checked: true, count: 0, depth: 0, label: slug, name: 'category', value: slug })
  }
  return values
}
