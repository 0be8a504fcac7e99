import { sql } from '@payloadcms/db-postgres'

import type { ListingSql } from '../listing/preparedListingSql'

import { catalogueVersionSql, isNewerVersion, textVersionSql } from './catalogueVersion'

/** A category as the category facet shows it. */
export type SnapshotCategory = { id: number; parent: null | number; slug: string; title: string }

/**
 * The facet data of every published product (the rows of `product_search`, without the text) at one
 * catalogue version, held in the API process: a slot per product in dense arrays, so counting the
 * facets of a search is a loop over a few thousand small integers instead of a `GROUP BY` per facet.
 * Orders are the database's own (collation included), precomputed as slot lists.
 */
export type CatalogueSnapshot = {
  /**
   * The categories the products are filed under (ancestors included), by dense index; `null` for an
   * id the categories table no longer has (the facet leaves it out, as the join did).
   */
  categories: Array<(SnapshotCategory & { order: number }) | null>
  /** Dense index of each category id. */
  categoryIndex: Map<number, number>
  /** Each slot's categories (dense indexes) are `categoryList[categoryStart[slot] … categoryStart[slot + 1])`. */
  categoryList: Int32Array
  categoryStart: Int32Array
  /** Each slot's currency, an index into `currencies`. */
  currency: Uint16Array
  currencies: string[]
  /** Product id of each slot. */
  ids: Int32Array
  inStock: Uint8Array
  minPrice: Float64Array
  /** Option values (`Name\u001fValue`) of the catalogue; slots refer to them by index. */
  optionValues: string[]
  /** Each slot's option values (indexes into `optionValues`) are `optionList[optionStart[slot] … optionStart[slot + 1])`. */
  optionList: Int32Array
  optionStart: Int32Array
  /** Slots in ascending order of each sort key (ties by product id); descending orders walk them backwards. */
  order: { createdAt: Int32Array; id: Int32Array; price: Int32Array; title: Int32Array }
  /** Slot of each product id. */
  slotOf: Map<number, number>
  /** The text version read with it: a term's matches fit it when read at the same one. */
  textVersion: string
  version: string
}

type ProductRow = [id: number, currency: string, minPrice: number | string, inStock: boolean, categories: number[], options: string[], byCreated: number, byTitle: number, byPrice: number]
type CategoryRow = [id: number, parent: null | number, slug: string, title: string]
type LoadRow = { categories: string; products: string; text_version: string; version: string }

/**
 * One locale's rows, and the categories with that locale's titles and slugs (the default locale's where
 * a category has none: Payload's fallback, as the storefront reads them).
 */
const loadSql = (categoriesTable: string, locale: string, defaultLocale: string) => sql`
  select ${catalogueVersionSql} as version, ${textVersionSql} as text_version,
    (select coalesce(json_agg(json_build_array(product_id, currency, min_price, in_stock, category_ids, option_values, by_created, by_title, by_price) order by product_id), '[]')::text
      from (select product_id, currency, min_price, in_stock, category_ids, option_values,
          row_number() over (order by created_at, product_id) as by_created,
          row_number() over (order by lower(title), product_id) as by_title,
          row_number() over (order by min_price, product_id) as by_price
        from product_search where locale = ${locale}) p) as products,
    (select coalesce(json_agg(json_build_array(c.id, c.parent_id, coalesce(c.slug, ''), c.title) order by c.title, c.id), '[]')::text
      from (select c.id, c.parent_id, coalesce(nullif(own.slug, ''), fallback.slug) as slug, coalesce(nullif(own.title, ''), fallback.title, '') as title
        from ${sql.identifier(categoriesTable)} c
        left join ${sql.identifier(`${categoriesTable}_locales`)} own on own._parent_id = c.id and own._locale::varchar = ${locale}
        left join ${sql.identifier(`${categoriesTable}_locales`)} fallback on fallback._parent_id = c.id and fallback._locale::varchar = ${defaultLocale}) c) as categories`

/** Slots sorted by a 1-based rank computed by the database. */
const byRank = (ranks: number[]): Int32Array => {
  const order = new Int32Array(ranks.length)
  ranks.forEach((rank, slot) => (order[rank - 1] = slot))
  return order
}

/** Interns strings (or numbers) as dense indexes. */
const interner = <T>(values: T[], index: Map<T, number>) => (value: T): number => {
  let found = index.get(value)
  if (found === undefined) index.set(value, (found = values.push(value) - 1))
  return found
}

const build = (row: LoadRow): CatalogueSnapshot => {
  const products = JSON.parse(row.products) as ProductRow[]
  const count = products.length
  const known = new Map((JSON.parse(row.categories) as CategoryRow[]).map(([id, parent, slug, title], order) => [id, { id, order, parent, slug, title }]))
  const categoryIds: number[] = []
  const categoryIndex = new Map<number, number>()
  const category = interner(categoryIds, categoryIndex)
  const currencies: string[] = []
  const currency = interner(currencies, new Map())
  const optionValues: string[] = []
  const option = interner(optionValues, new Map())
  const categoryStart = new Int32Array(count + 1)
  const optionStart = new Int32Array(count + 1)
  const categoryList: number[] = []
  const optionList: number[] = []
  const snapshot: Omit<CatalogueSnapshot, 'categories' | 'categoryList' | 'optionList'> = {
    categoryIndex,
    categoryStart,
    currencies,
    currency: new Uint16Array(count),
    ids: new Int32Array(count),
    inStock: new Uint8Array(count),
    minPrice: new Float64Array(count),
    optionStart,
    optionValues,
    order: { createdAt: byRank(products.map((p) => p[6])), id: Int32Array.from(products.keys()), price: byRank(products.map((p) => p[8])), title: byRank(products.map((p) => p[7])) },
    slotOf: new Map(),
    textVersion: row.text_version,
    version: row.version,
  }
  products.forEach(([id, currencyCode, minPrice, inStock, categories, options], slot) => {
    snapshot.ids[slot] = id
    snapshot.slotOf.set(id, slot)
    snapshot.currency[slot] = currency(currencyCode)
    snapshot.minPrice[slot] = Number(minPrice)
    snapshot.inStock[slot] = inStock ? 1 : 0
    for (const categoryId of categories) categoryList.push(category(categoryId))
    categoryStart[slot + 1] = categoryList.length
    for (const value of options) optionList.push(option(value))
    optionStart[slot + 1] = optionList.length
  })
  return {
    ...snapshot,
    categories: categoryIds.map((id) => known.get(id) ?? null),
    categoryList: Int32Array.from(categoryList),
    optionList: Int32Array.from(optionList),
  }
}

type State = { current: CatalogueSnapshot | undefined; loading: Promise<CatalogueSnapshot> | undefined }

/** Per database (the pool), per locale. */
const states = new WeakMap<object, Map<string, State>>()

const stateOf = (owner: object, locale: string): State => {
  let byLocale = states.get(owner)
  if (!byLocale) states.set(owner, (byLocale = new Map()))
  let state = byLocale.get(locale)
  if (!state) byLocale.set(locale, (state = { current: undefined, loading: undefined }))
  return state
}

/**
 * `locale`'s snapshot at `version` or newer, loading it (once, however many requests ask together) when the
 * one held is older. `owner` is what the snapshot belongs to (the pool: one catalogue per database).
 */
export const catalogueSnapshot = async (owner: object, run: ListingSql, categoriesTable: string, version: string, locale: string, defaultLocale: string): Promise<CatalogueSnapshot> => {
  const state = stateOf(owner, locale)
  for (;;) {
    const { current } = state
    if (current && !isNewerVersion(version, current.version)) return current
    if (!state.loading) {
      const loading = (async () => {
        const [row] = await run<LoadRow>(loadSql(categoriesTable, locale, defaultLocale))
        if (!row) throw new Error('Loading the search snapshot returned no row')
        return build(row)
      })()
      state.loading = loading
      const settle = (snapshot?: CatalogueSnapshot) => {
        if (state.loading === loading) state.loading = undefined
        if (snapshot && (!state.current || isNewerVersion(snapshot.version, state.current.version))) state.current = snapshot
      }
      loading.then(settle, () => settle())
    }
    const loaded = await state.loading
    if (!isNewerVersion(version, loaded.version)) return loaded
  }
}
