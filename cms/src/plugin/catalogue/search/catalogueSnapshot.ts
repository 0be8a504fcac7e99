import { sql } from '@payloadcms/db-postgres'

import type { ListingSql } from '../listing/preparedListingSql'

import { catalogueVersionSql, isNewerVersion } from './catalogueVersion'

/** A category as the category facet shows it. */
export type SnapshotCategory = { id: number; parent: null | number; slug: string; title: string }

/**
 * The facet data of every published product (the rows of `product_search`, without the text) at one
 * catalogue version, held in the API process: a slot per product in dense arrays, so counting the
 * facets of a search is a loop over a few thousand small integers instead of a `GROUP BY` per facet.
 * Orders are the database's own (collation included), precomputed as slot lists.
 */
export type CatalogueSnapshot = {
  /** Each category with its facet order (by title, then id, as the database sorts them). */
  categories: Map<number, SnapshotCategory & { order: number }>
  /** Category ids of each slot, ancestors included. */
  categoryIds: Int32Array[]
  /** Each slot's currency, an index into `currencies`. */
  currency: Uint16Array
  currencies: string[]
  /** Product id of each slot. */
  ids: Int32Array
  inStock: Uint8Array
  minPrice: Float64Array
  /** Option values (`Name\u001fValue`) of the catalogue; slots refer to them by index. */
  optionValues: string[]
  /** The option values of each slot, as indexes into `optionValues`. */
  options: Int32Array[]
  /** Slots in ascending order of each sort key (ties by product id); descending orders walk them backwards. */
  order: { createdAt: Int32Array; id: Int32Array; price: Int32Array; title: Int32Array }
  /** Slot of each product id. */
  slotOf: Map<number, number>
  version: string
}

type ProductRow = [id: number, currency: string, minPrice: number | string, inStock: boolean, categories: number[], options: string[], byCreated: number, byTitle: number, byPrice: number]
type CategoryRow = [id: number, parent: null | number, slug: string, title: string]
type LoadRow = { categories: string; products: string; version: string }

const loadSql = (categoriesTable: string) => sql`
  select ${catalogueVersionSql} as version,
    (select coalesce(json_agg(json_build_array(product_id, currency, min_price, in_stock, category_ids, option_values, by_created, by_title, by_price) order by product_id), '[]')::text
      from (select product_id, currency, min_price, in_stock, category_ids, option_values,
          row_number() over (order by created_at, product_id) as by_created,
          row_number() over (order by lower(title), product_id) as by_title,
          row_number() over (order by min_price, product_id) as by_price
        from product_search) p) as products,
    (select coalesce(json_agg(json_build_array(c.id, c.parent_id, coalesce(c.slug, ''), c.title) order by c.title, c.id), '[]')::text
      from ${sql.identifier(categoriesTable)} c) as categories`

/** Slots sorted by a 1-based rank computed by the database. */
const byRank = (ranks: number[]): Int32Array => {
  const order = new Int32Array(ranks.length)
  ranks.forEach((rank, slot) => (order[rank - 1] = slot))
  return order
}

const build = (row: LoadRow): CatalogueSnapshot => {
  const products = JSON.parse(row.products) as ProductRow[]
  const count = products.length
  const currencies: string[] = []
  const optionValues: string[] = []
  const optionIndex = new Map<string, number>()
  const snapshot: CatalogueSnapshot = {
    categories: new Map((JSON.parse(row.categories) as CategoryRow[]).map(([id, parent, slug, title], order) => [id, { id, order, parent, slug, title }])),
    categoryIds: [],
    currencies,
    currency: new Uint16Array(count),
    ids: new Int32Array(count),
    inStock: new Uint8Array(count),
    minPrice: new Float64Array(count),
    optionValues,
    options: [],
    order: { createdAt: byRank(products.map((p) => p[6])), id: Int32Array.from(products.keys()), price: byRank(products.map((p) => p[8])), title: byRank(products.map((p) => p[7])) },
    slotOf: new Map(),
    version: row.version,
  }
  products.forEach(([id, currency, minPrice, inStock, categories, options], slot) => {
    snapshot.ids[slot] = id
    snapshot.slotOf.set(id, slot)
    let currencyIndex = currencies.indexOf(currency)
    if (currencyIndex < 0) currencyIndex = currencies.push(currency) - 1
    snapshot.currency[slot] = currencyIndex
    snapshot.minPrice[slot] = Number(minPrice)
    snapshot.inStock[slot] = inStock ? 1 : 0
    snapshot.categoryIds.push(Int32Array.from(categories))
    snapshot.options.push(
      Int32Array.from(options, (value) => {
        let index = optionIndex.get(value)
        if (index === undefined) optionIndex.set(value, (index = optionValues.push(value) - 1))
        return index
      }),
    )
  })
  return snapshot
}

type State = { current: CatalogueSnapshot | undefined; loading: Promise<CatalogueSnapshot> | undefined }

const states = new WeakMap<object, State>()

/**
 * The snapshot at `version` or newer, loading it (once, however many requests ask together) when the
 * one held is older. `owner` is what the snapshot belongs to (the pool: one catalogue per database).
 */
export const catalogueSnapshot = async (owner: object, run: ListingSql, categoriesTable: string, version: string): Promise<CatalogueSnapshot> => {
  let state = states.get(owner)
  if (!state) states.set(owner, (state = { current: undefined, loading: undefined }))
  for (;;) {
    const { current } = state
    if (current && !isNewerVersion(version, current.version)) return current
    if (!state.loading) {
      const loading = (async () => {
        const [row] = await run<LoadRow>(loadSql(categoriesTable))
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
