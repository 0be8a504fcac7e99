import type { CatalogueSnapshot } from './catalogueSnapshot'
import type { SearchFacets } from './searchCatalogue'
import type { SearchParams } from './searchParams'
import type { TermMatches } from './termMatches'

import { PRICE_BAND_STARTS, priceBands } from './priceBands'

/** Separates an option's name from its value in `product_search.option_values`. */
export const OPTION_SEPARATOR = '\u001f'

export type Counted = { facets: SearchFacets; ids: number[]; total: number }

/** The band of a lowest price, numbered as `width_bucket` does: 1 for the first, 0 below it. */
const bandOf = (price: number): number => {
  let band = 0
  for (const start of PRICE_BAND_STARTS) if (price >= start) band += 1
  return band
}

const collator = new Intl.Collator('en', { numeric: true })

/**
 * One page of the products that pass every filter, in the requested order, their total, and each
 * facet's counts over the term's matches with every *other* facet's filter applied (disjunctive:
 * choosing M still shows how many come in L; within the option facet, an option's own filter is
 * left out for its own values only). `matches` undefined: every published product (no term).
 * One pass over the matched slots; the orders other than relevance walk the snapshot's precomputed
 * slot lists, so nothing is sorted per request except a term's matches by rank.
 */
export const countFacets = (snapshot: CatalogueSnapshot, matches: TermMatches | undefined, params: SearchParams): Counted => {
  const total = snapshot.ids.length
  const slots: Int32Array = matches ? Int32Array.from(matches.ids, (id) => snapshot.slotOf.get(id) ?? -1).filter((slot) => slot >= 0) : snapshot.order.id
  const currency = snapshot.currencies.indexOf(params.currency)
  const categoryFilter = params.categories.length > 0 ? new Set(params.categories) : undefined
  const names = [...params.options.keys()]
  // For each catalogue option value: which chosen option (index in `names`) it belongs to, or -1.
  const optionOf = new Int32Array(snapshot.optionValues.length).fill(-1)
  const wanted = names.map(() => new Set<number>())
  snapshot.optionValues.forEach((stored, index) => {
    const nameIndex = names.indexOf(stored.split(OPTION_SEPARATOR, 1)[0] ?? '')
    if (nameIndex < 0) return
    optionOf[index] = nameIndex
    const value = stored.slice((names[nameIndex] ?? '').length + OPTION_SEPARATOR.length)
    if (params.options.get(names[nameIndex] ?? '')?.includes(value)) wanted[nameIndex]?.add(index)
  })

  const passing = new Uint8Array(total)
  let passed = 0
  const categoryCounts = new Map<number, number>()
  const bandCounts = new Array<number>(PRICE_BAND_STARTS.length + 1).fill(0)
  const stock = { false: 0, true: 0 }
  const optionCounts = new Int32Array(snapshot.optionValues.length)
  const optionPasses = new Array<boolean>(names.length)

  for (const slot of slots) {
    const categories = snapshot.categoryIds[slot] ?? new Int32Array()
    const fCategory = !categoryFilter || categories.some((id) => categoryFilter.has(id))
    const price = snapshot.minPrice[slot] ?? 0
    const sameCurrency = snapshot.currency[slot] === currency
    const fPrice = params.prices.length === 0 || (sameCurrency && params.prices.some(({ max, min }) => (min === undefined || price >= min) && (max === undefined || price < max)))
    const inStock = snapshot.inStock[slot] === 1
    const fStock = params.inStock === undefined || inStock === params.inStock
    const options = snapshot.options[slot] ?? new Int32Array()
    let failing = 0
    for (let n = 0; n < names.length; n += 1) {
      const chosen = wanted[n] ?? new Set<number>()
      optionPasses[n] = options.some((value) => chosen.has(value))
      if (!optionPasses[n]) failing += 1
    }
    const fOptions = failing === 0
    if (fCategory && fPrice && fStock && fOptions) {
      passing[slot] = 1
      passed += 1
    }
    if (fPrice && fStock && fOptions) for (const id of categories) categoryCounts.set(id, (categoryCounts.get(id) ?? 0) + 1)
    if (sameCurrency && fCategory && fStock && fOptions) bandCounts[bandOf(price)] = (bandCounts[bandOf(price)] ?? 0) + 1
    if (fCategory && fPrice && fOptions) stock[inStock ? 'true' : 'false'] += 1
    if (fCategory && fPrice && fStock && failing <= 1) {
      for (const value of options) {
        const own = optionOf[value] ?? -1
        // Counted when every chosen option holds, its own (if it is one) left out.
        if (fOptions || (own >= 0 && failing === 1 && !optionPasses[own])) optionCounts[value] = (optionCounts[value] ?? 0) + 1
      }
    }
  }

  return { facets: facetsOf(snapshot, categoryCounts, bandCounts, stock, optionCounts, params.currency), ids: pageOf(snapshot, slots, passing, matches, params), total: passed }
}

const pageOf = (snapshot: CatalogueSnapshot, slots: Int32Array, passing: Uint8Array, matches: TermMatches | undefined, params: SearchParams): number[] => {
  const offset = (params.page - 1) * params.limit
  const end = offset + params.limit
  if (params.sort === 'relevance' && matches) {
    const rankOf = new Float64Array(passing.length)
    matches.ids.forEach((id, index) => {
      const slot = snapshot.slotOf.get(id)
      if (slot !== undefined) rankOf[slot] = matches.ranks[index] ?? 0
    })
    const ordered = slots.filter((slot) => passing[slot] === 1)
    ordered.sort((a, b) => (rankOf[b] ?? 0) - (rankOf[a] ?? 0) || (snapshot.ids[b] ?? 0) - (snapshot.ids[a] ?? 0))
    return [...ordered.subarray(offset, end)].map((slot) => snapshot.ids[slot] ?? 0)
  }
  // Without a term every rank is 0, so relevance is the id order, newest id first.
  const [order, descending] = (
    {
      '-createdAt': [snapshot.order.createdAt, true],
      '-price': [snapshot.order.price, true],
      '-title': [snapshot.order.title, true],
      createdAt: [snapshot.order.createdAt, false],
      price: [snapshot.order.price, false],
      relevance: [snapshot.order.id, true],
      title: [snapshot.order.title, false],
    } as const
  )[params.sort]
  const page: number[] = []
  let seen = 0
  for (let step = 0; step < order.length && seen < end; step += 1) {
    const slot = order[descending ? order.length - 1 - step : step] ?? 0
    if (passing[slot] !== 1) continue
    if (seen >= offset) page.push(snapshot.ids[slot] ?? 0)
    seen += 1
  }
  return page
}

const facetsOf = (
  snapshot: CatalogueSnapshot,
  categoryCounts: Map<number, number>,
  bandCounts: number[],
  stock: { false: number; true: number },
  optionCounts: Int32Array,
  currency: string,
): SearchFacets => {
  const categories = [...categoryCounts]
    .flatMap(([id, count]) => {
      const category = snapshot.categories.get(id)
      return category ? [{ category, count }] : []
    })
    .sort((a, b) => a.category.order - b.category.order)
    .map(({ category: { id, parent, slug, title }, count }) => ({ id, parent, slug, title, count }))
  const options = new Map<string, Array<{ count: number; value: string }>>()
  optionCounts.forEach((count, index) => {
    if (count === 0) return
    const [name = '', value = ''] = (snapshot.optionValues[index] ?? '').split(OPTION_SEPARATOR)
    options.set(name, [...(options.get(name) ?? []), { count, value }])
  })
  return {
    categories,
    inStock: stock,
    options: [...options]
      .sort(([a], [b]) => collator.compare(a, b))
      .map(([name, values]) => ({ name, values: values.sort((a, b) => collator.compare(a.value, b.value)) })),
    // width_bucket numbers the first band 1.
    price: { bands: priceBands().map((band, index) => ({ ...band, count: bandCounts[index + 1] ?? 0 })), currency },
  }
}
