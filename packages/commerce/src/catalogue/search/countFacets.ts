import { LRUCache } from 'lru-cache'

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

/** The pass over the matched products: who passes every filter, and every facet's counts. */
const filterAndCount = (snapshot: CatalogueSnapshot, matches: TermMatches | undefined, params: SearchParams): Filtered => {
  const { categoryList, categoryStart, inStock, minPrice, optionList, optionStart } = snapshot
  const total = snapshot.ids.length
  const slots: Int32Array = matches ? Int32Array.from(matches.ids, (id) => snapshot.slotOf.get(id) ?? -1).filter((slot) => slot >= 0) : snapshot.order.id
  const currency = snapshot.currencies.indexOf(params.currency)
  // The chosen categories, by dense index (an id no product is filed under matches nothing).
  const categoryFilter = params.categories.length > 0 ? new Uint8Array(snapshot.categories.length) : undefined
  for (const id of params.categories) {
    const index = snapshot.categoryIndex.get(id)
    if (categoryFilter && index !== undefined) categoryFilter[index] = 1
  }
  const ranges = params.prices.map(({ max, min }) => [min ?? -Infinity, max ?? Infinity] as const)
  const checkStock = params.inStock === undefined ? -1 : params.inStock ? 1 : 0
  // Each catalogue option value's chosen option (its index in `names`, or -1) and whether it was chosen.
  const names = [...params.options.keys()]
  const optionOf = new Int32Array(snapshot.optionValues.length).fill(-1)
  const wanted = new Uint8Array(snapshot.optionValues.length)
  snapshot.optionValues.forEach((stored, index) => {
    const name = stored.split(OPTION_SEPARATOR, 1)[0] ?? ''
    const nameIndex = names.indexOf(name)
    if (nameIndex < 0) return
    optionOf[index] = nameIndex
    if (params.options.get(name)?.includes(stored.slice(name.length + OPTION_SEPARATOR.length))) wanted[index] = 1
  })
  const allOptions = names.length === 0 ? 0 : 2 ** names.length - 1

  const passing = new Uint8Array(total)
  let passed = 0
  const categoryCounts = new Int32Array(snapshot.categories.length)
  const bandCounts = new Array<number>(PRICE_BAND_STARTS.length + 1).fill(0)
  const stock = { false: 0, true: 0 }
  const optionCounts = new Int32Array(snapshot.optionValues.length)

  for (const slot of slots) {
    const categoriesFrom = categoryStart[slot] ?? 0
    const categoriesTo = categoryStart[slot + 1] ?? 0
    let fCategory = categoryFilter === undefined
    for (let j = categoriesFrom; !fCategory && j < categoriesTo; j += 1) fCategory = categoryFilter?.[categoryList[j] ?? 0] === 1
    const price = minPrice[slot] ?? 0
    const sameCurrency = snapshot.currency[slot] === currency
    let fPrice = ranges.length === 0
    for (let r = 0; !fPrice && sameCurrency && r < ranges.length; r += 1) {
      const [min, max] = ranges[r] ?? [0, 0]
      fPrice = price >= min && price < max
    }
    const available = inStock[slot] === 1
    const fStock = checkStock < 0 || (inStock[slot] ?? 0) === checkStock
    // Bit n set: the product offers a chosen value of option n.
    const optionsFrom = optionStart[slot] ?? 0
    const optionsTo = optionStart[slot + 1] ?? 0
    let held = 0
    if (allOptions !== 0) for (let j = optionsFrom; j < optionsTo; j += 1) if (wanted[optionList[j] ?? 0] === 1) held |= 1 << (optionOf[optionList[j] ?? 0] ?? 0)
    const missing = allOptions & ~held
    const fOptions = missing === 0
    if (fCategory && fPrice && fStock && fOptions) {
      passing[slot] = 1
      passed += 1
    }
    if (fPrice && fStock && fOptions) {
      for (let j = categoriesFrom; j < categoriesTo; j += 1) {
        const index = categoryList[j] ?? 0
        categoryCounts[index] = (categoryCounts[index] ?? 0) + 1
      }
    }
    if (sameCurrency && fCategory && fStock && fOptions) bandCounts[bandOf(price)] = (bandCounts[bandOf(price)] ?? 0) + 1
    if (fCategory && fPrice && fOptions) stock[available ? 'true' : 'false'] += 1
    // At most one chosen option missing: its own values are still counted (its filter left out for them).
    if (fCategory && fPrice && fStock && (missing & (missing - 1)) === 0) {
      for (let j = optionsFrom; j < optionsTo; j += 1) {
        const value = optionList[j] ?? 0
        const own = optionOf[value] ?? -1
        if (fOptions || (own >= 0 && missing === 1 << own)) optionCounts[value] = (optionCounts[value] ?? 0) + 1
      }
    }
  }

  return { facets: facetsOf(snapshot, categoryCounts, bandCounts, stock, optionCounts, params.currency), passing, slots, total: passed }
}

/** What a term and a set of filters find, whatever the order and page: the part worth keeping. */
type Filtered = { byRank?: Int32Array; facets: SearchFacets; passing: Uint8Array; slots: Int32Array; total: number }

/**
 * Results kept per snapshot (so they go with it when the catalogue changes), by term and filters:
 * the same search in another order or at another page only walks the order again. A few hundred,
 * each a byte per product.
 */
const memos = new WeakMap<CatalogueSnapshot, LRUCache<string, Filtered>>()

const filtersKey = (params: SearchParams): string =>
  JSON.stringify([params.q, params.currency, params.categories, params.prices, params.inStock ?? null, [...params.options].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))])

/**
 * One page of the products that pass every filter, in the requested order, their total, and each
 * facet's counts over the term's matches with every *other* facet's filter applied (disjunctive:
 * choosing M still shows how many come in L; within the option facet, an option's own filter is
 * left out for its own values only). `matches` undefined: every published product (no term); they
 * must be the term's matches at the snapshot's version. One pass over the matched slots, kept for the
 * snapshot's life; the orders other than relevance walk the snapshot's precomputed slot lists, so
 * nothing is sorted per request except a term's matches by rank.
 */
export const countFacets = (snapshot: CatalogueSnapshot, matches: TermMatches | undefined, params: SearchParams): Counted => {
  let memo = memos.get(snapshot)
  if (!memo) memos.set(snapshot, (memo = new LRUCache<string, Filtered>({ max: 500 })))
  const key = filtersKey(params)
  let filtered = memo.get(key)
  if (!filtered) memo.set(key, (filtered = filterAndCount(snapshot, matches, params)))
  return { facets: filtered.facets, ids: pageOf(snapshot, filtered, matches, params), total: filtered.total }
}

/** The passing matches by rank, best first, ties by the newest id (`rank desc, product_id desc`). */
const rankOrder = (snapshot: CatalogueSnapshot, { passing, slots }: Filtered, { ids, ranks }: TermMatches): Int32Array => {
  if (!ranks) throw new Error('An order by relevance needs the matches read with their ranks')
  const rankOf = new Float64Array(passing.length)
  ids.forEach((id, index) => {
    const slot = snapshot.slotOf.get(id)
    if (slot !== undefined) rankOf[slot] = ranks[index] ?? 0
  })
  return slots.filter((slot) => passing[slot] === 1).sort((a, b) => (rankOf[b] ?? 0) - (rankOf[a] ?? 0) || (snapshot.ids[b] ?? 0) - (snapshot.ids[a] ?? 0))
}

const pageOf = (snapshot: CatalogueSnapshot, filtered: Filtered, matches: TermMatches | undefined, params: SearchParams): number[] => {
  const offset = (params.page - 1) * params.limit
  const end = offset + params.limit
  if (params.sort === 'relevance' && matches) {
    filtered.byRank ??= rankOrder(snapshot, filtered, matches)
    return [...filtered.byRank.subarray(offset, end)].map((slot) => snapshot.ids[slot] ?? 0)
  }
  const { passing } = filtered
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
  categoryCounts: Int32Array,
  bandCounts: number[],
  stock: { false: number; true: number },
  optionCounts: Int32Array,
  currency: string,
): SearchFacets => {
  const categories = [...categoryCounts]
    .flatMap((count, index) => {
      const category = snapshot.categories[index]
      return category && count > 0 ? [{ category, count }] : []
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
