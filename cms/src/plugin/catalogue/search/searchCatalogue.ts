import { sql } from '@payloadcms/db-postgres'

import type { Sql, SQL } from '../../database'
import type { PriceRange, SearchParams, SearchSort } from './searchParams'

import { correctTypos } from './correctTypos'
import { PRICE_BAND_STARTS, priceBands } from './priceBands'
import { textQuerySql } from './textQuery'

/** The categories table, whose titles and parents the category facet shows. */
export type SearchTables = { categories: string }

/** Separates an option's name from its value in `product_search.option_values`. */
export const OPTION_SEPARATOR = '\u001f'

export type CategoryCount = { count: number; id: number; parent: null | number; slug: string; title: string }

export type SearchFacets = {
  /** Every category with matches (counted with the other facets' filters), ancestors included. */
  categories: CategoryCount[]
  /** Products in stock and not, with the other facets' filters. */
  inStock: { false: number; true: number }
  /** Option name → value → matching products, with the other facets' filters (and this option's own left out). */
  options: Array<{ name: string; values: Array<{ count: number; value: string }> }>
  /** The fixed bands of the lowest price, in `currency`, with the other facets' filters. */
  price: { bands: Array<{ count: number; max: number | undefined; min: number }>; currency: string }
}

export type SearchResult = {
  /** The term with typos corrected, when the term as typed found nothing and the corrected one is what ran. */
  correctedQuery: string | undefined
  facets: SearchFacets
  /** The page's product ids, in order. */
  ids: number[]
  total: number
}

type Row = {
  categories: CategoryCount[] | null
  ids: number[] | null
  in_stock: number
  options: Array<{ count: number; value: string }> | null
  matched: number
  out_of_stock: number
  prices: Array<{ band: number; count: number }> | null
  total: number
}

const ORDER: Record<SearchSort, SQL> = {
  '-createdAt': sql`created_at desc, product_id desc`,
  '-price': sql`min_price desc, product_id desc`,
  '-title': sql`lower(title) desc, product_id desc`,
  createdAt: sql`created_at, product_id`,
  price: sql`min_price, product_id`,
  relevance: sql`rank desc, product_id desc`,
  title: sql`lower(title), product_id`,
}

const all = (parts: SQL[]): SQL => (parts.length === 0 ? sql`true` : sql.join(parts, sql` and `))
const textArray = (values: string[]): SQL => sql`array[${sql.join(values.map((value) => sql`${value}`), sql`, `)}]::varchar[]`

const rangeSql = ({ max, min }: PriceRange): SQL =>
  all([...(min === undefined ? [] : [sql`min_price >= ${min}`]), ...(max === undefined ? [] : [sql`min_price < ${max}`])])

/**
 * One facet's filter per column of the matched set, so each facet's counts can leave its own filter
 * out (disjunctive faceting: choosing M still shows how many come in L).
 */
const filterColumns = (params: SearchParams): { columns: SQL; names: string[] } => {
  const names = [...params.options.keys()]
  const columns = [
    params.categories.length === 0 ? sql`true` : sql`category_ids && ${sql.raw(`'{${params.categories.join(',')}}'`)}::int[]`,
    params.prices.length === 0 ? sql`true` : sql`(currency = ${params.currency} and (${sql.join(params.prices.map(rangeSql), sql` or `)}))`,
    params.inStock === undefined ? sql`true` : sql`in_stock = ${params.inStock}`,
    ...names.map((name) => sql`option_values && ${textArray((params.options.get(name) ?? []).map((value) => `${name}${OPTION_SEPARATOR}${value}`))}`),
  ]
  const labels = ['f_category', 'f_price', 'f_stock', ...names.map((_, index) => `f_option_${index}`)]
  return { columns: sql.join(columns.map((column, index) => sql`${column} as ${sql.identifier(labels[index] ?? '')}`), sql`, `), names }
}

const f = (name: string): SQL => sql`${sql.identifier(name)}`

type Found = Omit<SearchResult, 'correctedQuery'> & { matched: number }

const runSearch = async (db: Sql, tables: SearchTables, params: SearchParams, q: string): Promise<Found> => {
  const { columns, names } = filterColumns(params)
  const options = names.map((_, index) => f(`f_option_${index}`))
  const optionsAll = all(options)
  // The tsquery is written out where it is used (not read from a CTE) so the planner sees a
  // constant and can use the GIN index.
  const tsq = q === '' ? undefined : textQuerySql(q)
  const match = tsq ? sql`document @@ ${tsq}` : sql`true`
  // Ranking reads every matched document's positions: only when the order needs it.
  const rank = tsq && params.sort === 'relevance' ? sql`ts_rank_cd(document, ${tsq})` : sql`0::real`
  // Within the option facet, an option's own filter is left out for its own values only.
  const optionCondition =
    names.length === 0
      ? sql`true`
      : sql`case split_part(ov, ${OPTION_SEPARATOR}, 1) ${sql.join(
          names.map((name, index) => sql`when ${name} then ${all(options.filter((_, other) => other !== index))}`),
          sql` `,
        )} else ${optionsAll} end`
  const everything = all([f('f_category'), f('f_price'), f('f_stock'), optionsAll])
  const offset = (params.page - 1) * params.limit
  const { rows } = await db.execute<Row>(sql`
    with matched as materialized (
      select product_id, created_at, title, min_price, currency, in_stock, category_ids, option_values,
        ${rank} as rank, ${columns}
      from product_search where ${match}
    )
    select
      (select count(*)::int from matched) as matched,
      (select count(*)::int from matched where ${everything}) as total,
      (select json_agg(product_id) from (select product_id from matched where ${everything}
        order by ${ORDER[params.sort]} limit ${params.limit} offset ${offset}) page) as ids,
      (select json_agg(json_build_object('id', c.id, 'parent', c.parent_id, 'slug', coalesce(c.slug, ''), 'title', c.title, 'count', counted.n) order by c.title, c.id)
        from (select unnest(category_ids) as id, count(*)::int as n from matched
          where f_price and f_stock and ${optionsAll} group by 1) counted
        join ${sql.identifier(tables.categories)} c on c.id = counted.id) as categories,
      (select json_agg(json_build_object('band', band, 'count', n)) from (
        select width_bucket(min_price, ${sql.raw(`'{${PRICE_BAND_STARTS.join(',')}}'`)}::numeric[]) as band, count(*)::int as n
        from matched where currency = ${params.currency} and f_category and f_stock and ${optionsAll} group by 1) bands) as prices,
      (select count(*)::int from matched where in_stock and f_category and f_price and ${optionsAll}) as in_stock,
      (select count(*)::int from matched where not in_stock and f_category and f_price and ${optionsAll}) as out_of_stock,
      (select json_agg(json_build_object('value', ov, 'count', n)) from (
        select ov, count(*)::int as n from matched, unnest(option_values) as ov
        where f_category and f_price and f_stock and ${optionCondition} group by 1) counted) as options
  `)
  const row = rows[0]
  if (!row) throw new Error('The search query returned no row')
  return { facets: toFacets(row, params.currency), ids: row.ids ?? [], matched: row.matched, total: row.total }
}

const toFacets = (row: Row, currency: string): SearchFacets => {
  const bandCounts = new Map((row.prices ?? []).map(({ band, count }) => [band, count]))
  const options = new Map<string, Array<{ count: number; value: string }>>()
  for (const { count, value: stored } of row.options ?? []) {
    const [name = '', value = ''] = stored.split(OPTION_SEPARATOR)
    options.set(name, [...(options.get(name) ?? []), { count, value }])
  }
  const collator = new Intl.Collator('en', { numeric: true })
  return {
    categories: row.categories ?? [],
    inStock: { false: row.out_of_stock, true: row.in_stock },
    options: [...options]
      .sort(([a], [b]) => collator.compare(a, b))
      .map(([name, values]) => ({ name, values: values.sort((a, b) => collator.compare(a.value, b.value)) })),
    // width_bucket numbers the first band 1.
    price: { bands: priceBands().map((band, index) => ({ ...band, count: bandCounts.get(index + 1) ?? 0 })), currency },
  }
}

/**
 * Published products matching the term and every filter, one page of ids in order, and each
 * facet's counts over the term's matches with the other facets' filters applied. Reads only
 * `product_search`, which holds published products only. When the term as typed finds nothing, its
 * misspelt words are corrected against the catalogue's words and the search runs once more.
 */
export const searchCatalogue = async (db: Sql, tables: SearchTables, params: SearchParams): Promise<SearchResult> => {
  const { matched, ...result } = await runSearch(db, tables, params, params.q)
  if (matched > 0 || params.q === '') return { ...result, correctedQuery: undefined }
  const corrected = await correctTypos(db, params.q)
  if (corrected === undefined) return { ...result, correctedQuery: undefined }
  const { matched: retriedMatches, ...retried } = await runSearch(db, tables, params, corrected)
  return retriedMatches > 0 ? { ...retried, correctedQuery: corrected } : { ...result, correctedQuery: undefined }
}
